import type { CommandContext } from '../context';
import * as fmt from '../output';
import { openSync } from '../../core/sync/connect';
import { FileCredentialStore } from '../../core/sync/credentials';
import { statusWords, type SyncStatus } from '../../core/sync/status';
import type { SyncEngine } from '../../core/sync/engine';

/**
 * `quire sync [--once]`: sends what is waiting and takes what the server has, once. `--live`: keeps replicating
 * both ways until stopped, printing each change of state. `quire sync status`: where sync stands, without the network.
 */
export async function syncCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  if (rest.length || (sub !== undefined && sub !== 'status')) {
    return ctx.usage("quire sync takes no arguments except 'status'.");
  }
  if (ctx.flag('once') && ctx.flag('live')) return ctx.usage('Give --once or --live, not both.');
  const services = await ctx.open({ create: false });
  const session = sub === 'status' ? services.core.session() : services.core.writable();
  const engine = await openSync(session, new FileCredentialStore(services.core.options.userDataDir));
  if (!engine) {
    const message = 'This notebook is not shared. Share it first: quire share --remote URL [--db NAME]';
    if (sub === 'status' && ctx.json) {
      ctx.stdout(fmt.json({ shared: false, status: { state: 'off' }, words: statusWords({ state: 'off' }) }));
      return 0;
    }
    ctx.stderr(`quire: ${message}`);
    return 1;
  }
  try {
    if (sub === 'status') return report(ctx, engine, engine.status);
    if (!ctx.flag('live')) return report(ctx, engine, await engine.syncOnce());
    return await live(ctx, engine);
  } finally {
    await engine.close();
  }
}

function report(ctx: CommandContext, engine: SyncEngine, status: SyncStatus): number {
  const { server, db, author } = engine.config;
  const conflicts = engine.conflictIds();
  if (ctx.json) {
    ctx.stdout(fmt.json({ shared: true, server, db, author, status, words: statusWords(status), conflicts }));
  } else {
    ctx.stdout(`${server}/${db} as “${author}”: ${statusWords(status)}`);
    if (conflicts.length > 0) {
      ctx.stdout(
        `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} to settle (both versions are kept).`,
      );
    }
  }
  return status.state === 'auth-failed' || status.state === 'error' ? 1 : 0;
}

async function live(ctx: CommandContext, engine: SyncEngine): Promise<number> {
  let last = '';
  const print = (status: SyncStatus) => {
    const words = statusWords(status);
    if (words === last) return;
    last = words;
    ctx.stdout(ctx.json ? fmt.json({ at: new Date().toISOString(), status, words }) : words);
  };
  const off = engine.onStatus(print);
  engine.startLive();
  try {
    await Promise.race([
      ctx.untilStopped(),
      new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true })),
    ]);
  } finally {
    off();
    engine.stopLive();
  }
  return 0;
}
