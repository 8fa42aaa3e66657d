import { fileURLToPath } from 'node:url';
import { defaultNotebookDir, userDataDir } from '../../core/app/paths';
import { toApiError } from '../../core/errors';
import { startupNotebooks } from '../../launch-notebook';
import { loadAccessKey } from '../../server/access-key';
import { startServer } from '../../server/http-server';
import { entryUrl, type CommandContext } from '../context';
import { syncWhenOpened } from '../../core/sync/host';

/**
 * The port browser mode prefers, so the page's address (and with it what the browser keeps for the page: the
 * access key, the last query, the open article) stays the same from one run to the next.
 */
export const DEFAULT_PORT = 4807;

/** Browser mode until the first Ctrl+C / SIGTERM, which is how it is meant to stop (exit 0). */
export async function serveCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) return ctx.usage('quire serve takes no arguments.');
  const portFlag = ctx.option('port');
  const port = portFlag === undefined ? DEFAULT_PORT : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return ctx.usage('--port takes a number from 0 to 65535.');
  const s = ctx.services({ workers: true });
  const key = await loadAccessKey(userDataDir(ctx.platform), { renew: ctx.flag('new-key') });
  if (key.replaced) ctx.stderr(`quire: ${key.replaced}, so Quire made a new access key: use the new URL.`);
  // Listen first: a port that is taken must not leave a freshly created notebook behind.
  const server = await startServer({
    api: s.api,
    events: s.events,
    staticDir: fileURLToPath(new URL('../renderer', entryUrl)),
    port,
    explicitPort: portFlag !== undefined,
    token: key.token,
  });
  syncWhenOpened(s);
  try {
    await openNotebook(ctx);
  } catch (e) {
    await server.close();
    throw e;
  }
  ctx.stdout(server.url);
  if (portFlag === undefined && server.port !== DEFAULT_PORT) {
    ctx.stderr(
      `quire: port ${DEFAULT_PORT} is in use (another Quire, or another program), so this one serves on ` +
        `${server.port}; pages open on port ${DEFAULT_PORT} do not reach it.`,
    );
  }
  ctx.stderr(`Quire is serving ${s.core.info().path} — open the URL above in a browser. Ctrl+C stops it.`);
  await ctx.untilStopped();
  await server.close();
  return 0;
}

/**
 * --notebook, else $QUIRE_NOTEBOOK, else the notebook opened last (by the app, a browser tab or a command),
 * else the default — as the desktop app chooses. A last notebook that cannot be opened (moved, deleted, open
 * in the desktop app) gives way to the default, saying so.
 */
async function openNotebook(ctx: CommandContext): Promise<void> {
  if (ctx.option('notebook') !== undefined) {
    await ctx.open({ create: true, workers: true });
    return;
  }
  const choices = startupNotebooks({
    argument: null,
    environment: ctx.platform.env.QUIRE_NOTEBOOK,
    last: (await ctx.services({ workers: true }).core.recent.list())[0]?.path,
    standard: defaultNotebookDir(ctx.platform),
  });
  for (const [i, choice] of choices.entries()) {
    const next = choices[i + 1];
    try {
      await ctx.open({ create: choice.create, workers: true, dir: choice.path });
      return;
    } catch (e) {
      if (!next) throw e;
      ctx.stderr(
        `quire: could not reopen ${choice.path}: ${toApiError(e).message} Serving ${next.path} instead.`,
      );
    }
  }
}
