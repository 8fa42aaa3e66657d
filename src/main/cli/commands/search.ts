import { readImportFile } from '../../core/import/read-file';
import type { CommandContext } from '../context';
import * as fmt from '../output';

/** A queries file is a few thousand lines; anything much bigger is a mistake, not a workload. */
const MAX_QUERIES_BYTES = 16 * 1024 * 1024;

/** JSON is for scripts: every matching passage of each returned group, so the counts match what is returned. */
const ALL_HITS = 1000;
const TEXT_HITS = 3;

function wholeNumberFlag(ctx: CommandContext, name: string, fallback: number): number | null {
  const flag = ctx.option(name);
  const value = flag === undefined ? fallback : Number(flag);
  return Number.isInteger(value) && value >= 1 && value <= 1000 ? value : null;
}

export async function searchCommand(ctx: CommandContext): Promise<number> {
  const limit = wholeNumberFlag(ctx, 'limit', 20);
  if (limit === null) return ctx.usage('--limit takes a whole number from 1 to 1000.');
  const hits = wholeNumberFlag(ctx, 'hits', ctx.json ? ALL_HITS : TEXT_HITS);
  if (hits === null) return ctx.usage('--hits takes a whole number from 1 to 1000.');
  const queriesFile = ctx.option('queries');
  if (queriesFile) {
    if (!ctx.json) return ctx.usage('--queries needs --json (one JSON object per line out).');
    if (ctx.args.length) return ctx.usage('give either QUERY or --queries FILE, not both.');
    // The same guarded reader as import: a regular file, read to a bound, never a pipe or a device.
    const bytes = await readImportFile(queriesFile, MAX_QUERIES_BYTES);
    const lines = Buffer.from(bytes)
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim());
    await ctx.open({ create: false });
    for (const [i, query] of lines.entries()) {
      if (ctx.signal.aborted) return ctx.stopped(`Stopped after ${i} of ${lines.length} queries.`);
      ctx.stdout(fmt.json(fmt.searchJson(await ctx.call('search', { query, limit, hits }))));
    }
    return 0;
  }
  if (!ctx.args.length) return ctx.usage('quire search needs a query.');
  await ctx.open({ create: false });
  const r = await ctx.call('search', { query: ctx.args.join(' '), limit, hits });
  if (ctx.json) ctx.stdout(fmt.json(fmt.searchJson(r)));
  else fmt.searchText(r).forEach((l) => ctx.stdout(l));
  return 0;
}
