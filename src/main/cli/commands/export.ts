import type { CommandContext } from '../context';
import * as fmt from '../output';

export async function exportCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args[0] !== 'markdown' || ctx.args.length !== 1)
    return ctx.usage("quire export supports 'markdown': quire export markdown --out DIR");
  const out = ctx.option('out');
  if (!out) return ctx.usage('quire export markdown needs --out DIR.');
  const overwrite = ctx.flag('overwrite');
  const keepBoth = ctx.flag('keep-both');
  if (overwrite && keepBoth) return ctx.usage('--overwrite and --keep-both cannot be used together.');
  const onConflict = overwrite ? 'overwrite' : keepBoth ? 'keep-both' : 'ask';
  await ctx.open({ create: false });
  const r = await ctx.call('exportMarkdown', { dir: out, onConflict });
  if (r.conflicts.length) {
    ctx.stderr(
      `quire: ${r.conflicts.length} file(s) already exist in ${r.dir} (${r.conflicts.slice(0, 3).join(', ')}` +
        `${r.conflicts.length > 3 ? ', …' : ''}); nothing was written. Use --overwrite or --keep-both.`,
    );
    return 1;
  }
  if (ctx.json) ctx.stdout(fmt.json(r));
  else ctx.stdout(`Exported ${r.written.length} note${r.written.length === 1 ? '' : 's'} to ${r.dir}`);
  return 0;
}
