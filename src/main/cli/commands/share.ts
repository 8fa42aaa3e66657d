import { userInfo } from 'node:os';
import type { CommandContext } from '../context';
import * as fmt from '../output';
import { share } from '../../core/sync/connect';
import { FileCredentialStore } from '../../core/sync/credentials';
import { statusWords } from '../../core/sync/status';

/**
 * Connects the notebook to a database on a CouchDB server and syncs once: the notebook's work goes up, and what the
 * database holds (a notebook others shared) comes down. The password comes from the URL or QUIRE_SYNC_PASSWORD and
 * is kept in a 0600 file in the user's config folder, never in the notebook.
 */
export async function shareCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) return ctx.usage('quire share takes no arguments; give the server with --remote URL.');
  const remote = ctx.option('remote');
  if (!remote)
    return ctx.usage('quire share needs --remote URL (the CouchDB server, https unless on this computer).');
  const services = await ctx.open({ create: true });
  const session = services.core.writable();
  const username = ctx.option('user');
  const engine = await share(
    session,
    {
      remote,
      db: ctx.option('db'),
      username,
      password: ctx.platform.env.QUIRE_SYNC_PASSWORD || undefined,
      author: ctx.option('as') ?? username ?? safeUserName(),
    },
    new FileCredentialStore(services.core.options.userDataDir),
  );
  try {
    const status = await engine.syncOnce();
    const { server, db, author } = engine.config;
    if (ctx.json) ctx.stdout(fmt.json({ server, db, author, status, words: statusWords(status) }));
    else {
      ctx.stdout(`Shared with ${server}/${db} as “${author}”.`);
      ctx.stdout(statusWords(status));
    }
    return status.state === 'synced' ? 0 : 1;
  } finally {
    await engine.close();
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'me';
  }
}
