import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/http-server';
import { entryUrl, type CommandContext } from '../context';

/** Browser mode until the first Ctrl+C / SIGTERM, which is how it is meant to stop (exit 0). */
export async function serveCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) return ctx.usage('quire serve takes no arguments.');
  const portFlag = ctx.option('port');
  const port = portFlag === undefined ? 0 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return ctx.usage('--port takes a number from 0 to 65535.');
  const s = ctx.services({ workers: true });
  // Listen first: a port that is taken must not leave a freshly created notebook behind.
  const server = await startServer({
    api: s.api,
    events: s.events,
    staticDir: fileURLToPath(new URL('../renderer', entryUrl)),
    port,
    explicitPort: portFlag !== undefined,
  });
  try {
    await ctx.open({ create: true, workers: true });
  } catch (e) {
    await server.close();
    throw e;
  }
  ctx.stdout(server.url);
  ctx.stderr(`Quire is serving ${s.core.info().path} — open the URL above in a browser. Ctrl+C stops it.`);
  await ctx.untilStopped();
  await server.close();
  return 0;
}
