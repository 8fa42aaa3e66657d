// `quire import-qdpx | import-qdc | import-notes | import-refs`: what other tools wrote, into the notebook
// (created when --notebook names an empty folder). Each is one change set, reported item by item.
import type { CommandContext } from '../context';
import * as fmt from '../output';

async function one(ctx: CommandContext, what: string): Promise<string | null> {
  if (ctx.args.length !== 1) {
    ctx.usage(`quire ${what} needs one file.`);
    return null;
  }
  await ctx.open({ create: true });
  return ctx.args[0] ?? null;
}

export async function importQdpxCommand(ctx: CommandContext): Promise<number> {
  const path = await one(ctx, 'import-qdpx');
  if (path === null) return 2;
  const r = await ctx.call('importQdpx', { file: { path } });
  if (ctx.json) ctx.stdout(fmt.json(r));
  else {
    ctx.stdout(r.summary);
    for (const u of r.unmapped) ctx.stdout(`  - not imported: ${u.what} (${u.count})`);
  }
  return 0;
}

export async function importQdcCommand(ctx: CommandContext): Promise<number> {
  const path = await one(ctx, 'import-qdc');
  if (path === null) return 2;
  const r = await ctx.call('importQdc', { file: { path } });
  if (ctx.json) ctx.stdout(fmt.json(r));
  else {
    ctx.stdout(r.summary);
    for (const u of r.unmapped) ctx.stdout(`  - not imported: ${u.what} (${u.count})`);
  }
  return 0;
}

export async function importNotesCommand(ctx: CommandContext): Promise<number> {
  if (!ctx.args.length) return ctx.usage('quire import-notes needs a vault or Markdown folder.');
  await ctx.open({ create: true });
  const r = await ctx.call('importNotes', { paths: [...ctx.args] });
  if (ctx.json) ctx.stdout(fmt.json(r));
  else {
    ctx.stdout(r.summary);
    for (const i of r.imported) ctx.stdout(`  + ${i.id}  ${i.title}  (${i.file})`);
    for (const n of r.renamed) ctx.stdout(`  ~ ${n.file}: “${n.from}” is taken; imported as “${n.to}”`);
    for (const a of r.attachments) ctx.stdout(`  @ ${a}: linked, stays in the vault`);
    for (const f of r.failed) ctx.stdout(`  ✗ ${f.file}: ${f.error}`);
  }
  return 0;
}

export async function importRefsCommand(ctx: CommandContext): Promise<number> {
  const path = await one(ctx, 'import-refs');
  if (path === null) return 2;
  const r = await ctx.call('importRefs', { file: { path }, fillOnly: ctx.flag('fill-only') });
  if (ctx.json) ctx.stdout(fmt.json(r));
  else {
    ctx.stdout(r.summary);
    for (const i of r.items) {
      const where = i.articleId ? ` → ${i.articleId} “${i.articleTitle}” (by ${i.matchedBy})` : '';
      ctx.stdout(`  ${i.status.padEnd(9)} ${i.reference}${where}`);
      for (const c of i.changes) ctx.stdout(`      ${c.field}: ${c.from ?? '(empty)'} → ${c.to}`);
    }
  }
  return 0;
}
