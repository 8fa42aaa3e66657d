import type { CommandContext } from '../context';
import * as fmt from '../output';

export async function listCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) return ctx.usage('quire list takes no arguments.');
  await ctx.open({ create: false });
  const articles = await ctx.call('articleList', {});
  if (ctx.json) ctx.stdout(fmt.json(fmt.listJson(articles)));
  else fmt.listText(articles).forEach((l) => ctx.stdout(l));
  return 0;
}
