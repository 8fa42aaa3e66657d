import { exportFormats, type ExportFormat } from '../../core/api-contract';
import { citationStyleIds, type CitationStyle } from '../../core/references/style-list';
import type { CommandContext } from '../context';
import * as fmt from '../output';

const SCOPES = ['used', 'all', 'cited'] as const;
type Scope = (typeof SCOPES)[number];

const isFormat = (v: string | undefined): v is ExportFormat => exportFormats.some((f) => f === v);
const isStyle = (v: string): v is CitationStyle => citationStyleIds.some((s) => s === v);
const isScope = (v: string): v is Scope => SCOPES.some((s) => s === v);

export async function exportCommand(ctx: CommandContext): Promise<number> {
  const format = ctx.args[0];
  if (!isFormat(format) || ctx.args.length !== 1)
    return ctx.usage(`quire export needs one format: ${exportFormats.join(', ')} (then --out PATH).`);
  const out = ctx.option('out');
  if (!out) return ctx.usage(`quire export ${format} needs --out PATH.`);
  const overwrite = ctx.flag('overwrite');
  const keepBoth = ctx.flag('keep-both');
  if (overwrite && keepBoth) return ctx.usage('--overwrite and --keep-both cannot be used together.');
  const style = ctx.option('style') ?? 'chicago-author-date';
  if (!isStyle(style)) return ctx.usage(`--style is one of: ${citationStyleIds.join(', ')}.`);
  const articles = ctx.option('articles');
  if (articles !== undefined && !isScope(articles))
    return ctx.usage(`--articles is one of: ${SCOPES.join(', ')}.`);
  const coder = ctx.option('coder');

  await ctx.open({ create: false });
  const r = await ctx.call('exportTo', {
    format,
    out,
    style,
    onConflict: overwrite ? 'overwrite' : keepBoth ? 'keep-both' : 'ask',
    ...(articles ? { articles } : {}),
    ...(coder ? { coder } : {}),
  });
  // A vault keeps the researcher's changed files and writes Quire's version beside them: that is done, not refused.
  const refused = r.conflicts.length > 0 && r.conflicts.every((c) => c.copy === null);
  if (ctx.json) ctx.stdout(fmt.json(r));
  else if (!refused) {
    ctx.stdout(r.summary);
    for (const c of r.conflicts)
      ctx.stdout(`  ! ${c.file}: you changed it; kept. Quire's version: ${c.copy}`);
    for (const s of r.skipped) ctx.stdout(`  - ${s}`);
  }
  if (refused) {
    const list = r.conflicts.slice(0, 3).map((c) => c.file);
    ctx.stderr(
      `quire: ${r.conflicts.length} file(s) already exist (${list.join(', ')}${r.conflicts.length > 3 ? ', …' : ''}); ` +
        'nothing was written. Use --overwrite or --keep-both.',
    );
    return 1;
  }
  return 0;
}
