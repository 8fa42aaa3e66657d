import type { CommandContext } from '../context';
import * as fmt from '../output';

/** How often a stop retries the cancel while the import is still collecting files (before it can be cancelled). */
const CANCEL_RETRY_MS = 50;

export async function importCommand(ctx: CommandContext): Promise<number> {
  if (!ctx.args.length) return ctx.usage('quire import needs at least one file or folder.');
  await ctx.open({ create: true, workers: true });
  if (ctx.signal.aborted) return ctx.stopped('Stopped: nothing was imported.');

  let done = false;
  const cancel = async () => {
    while (!done) {
      const { cancelled } = await ctx.call('importCancel', {}).catch(() => ({ cancelled: false }));
      if (cancelled) return;
      await new Promise((r) => setTimeout(r, CANCEL_RETRY_MS));
    }
  };
  const onStop = () => void cancel();
  ctx.signal.addEventListener('abort', onStop, { once: true });
  let report;
  try {
    report = await ctx.call('importPaths', { paths: [...ctx.args] });
  } finally {
    done = true;
    ctx.signal.removeEventListener('abort', onStop);
  }

  if (ctx.json) ctx.stdout(fmt.json(fmt.importJson(report)));
  else fmt.importText(report).forEach((l) => ctx.stdout(l));
  // A stop that came as the last file was stored stopped nothing: the import is simply done.
  if (ctx.signal.aborted && report.cancelled) {
    const n = report.imported.length;
    return ctx.stopped(
      n === 0
        ? 'Stopped: nothing was imported before the stop.'
        : `Stopped: ${n} article${n === 1 ? '' : 's'} imported before the stop ${n === 1 ? 'is' : 'are'} kept.`,
    );
  }
  return 0;
}
