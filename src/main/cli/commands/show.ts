import type { CommandContext } from '../context';
import * as fmt from '../output';

export async function showCommand(ctx: CommandContext): Promise<number> {
  const [id] = ctx.args;
  if (ctx.args.length !== 1 || !id)
    return ctx.usage('quire show needs exactly one article id (see quire list).');
  await ctx.open({ create: false });
  const view = await ctx.call('articleGet', { id });
  const passages = view.passages.map(({ id, text }) => ({ id, text }));
  if (ctx.json) {
    const { blocks } = await ctx.call('articleOriginal', { id });
    ctx.stdout(fmt.json(fmt.articleJson(view.article, view.text, passages, blocks)));
  } else if (ctx.text) ctx.stdout(view.text);
  else fmt.articleText(view.article, view.text).forEach((l) => ctx.stdout(l));
  return 0;
}
