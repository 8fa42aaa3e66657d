import type { CommandContext } from '../context';
import * as fmt from '../output';

/**
 * What happened to the notebook's files (damage set aside, records restored, what may be missing): shown on every
 * command's stderr until acknowledged here with --ack.
 */
export async function noticesCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) return ctx.usage('quire notices takes no arguments.');
  await ctx.open({ create: false, announce: false });
  const info = await ctx.call('notebookInfo', {});
  if (ctx.flag('ack') && info.notices.length > 0) {
    await ctx.call('notebookAcknowledge', { ids: info.notices.map((n) => n.id) });
  }
  if (ctx.json) ctx.stdout(fmt.json({ notices: info.notices, acknowledged: ctx.flag('ack') }));
  else if (info.notices.length === 0) ctx.stdout("No notices: nothing happened to this notebook's files.");
  else {
    for (const n of info.notices) ctx.stdout(`${n.at}  ${n.message}`);
    ctx.stdout(
      ctx.flag('ack')
        ? 'Acknowledged: these are no longer shown.'
        : "Run 'quire notices --ack' to stop showing them.",
    );
  }
  return 0;
}
