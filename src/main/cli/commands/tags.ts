import { buildTree, type TagTree } from '../../core/codebook/tree';
import type { CommandContext } from '../context';
import * as fmt from '../output';

/** One tag of the printed codebook, its sub-tags nested inside. */
export interface CodebookEntry {
  id: string;
  name: string;
  description: string;
  memo: string;
  color: string;
  /** Passages coded with this tag itself. */
  count: number;
  /** Passages coded with it or any tag under it (a passage counted once). */
  total: number;
  children: CodebookEntry[];
}

export async function tagsCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) return ctx.usage('quire tags takes no arguments.');
  await ctx.open({ create: false });
  const tags = await ctx.call('tagList', {});
  const tree = buildTree(tags);
  const counts = new Map(tags.map((t) => [t.id, t.count]));
  const totals = new Map<string, number>();
  for (const t of tags) {
    if (!tree.children.get(t.id)?.length) continue;
    totals.set(t.id, (await ctx.call('tagPassages', { id: t.id, includeChildren: true })).length);
  }
  const entries = entriesOf(tree, null, counts, totals);
  if (ctx.json) ctx.stdout(fmt.json({ tags: entries }));
  else codebookText(entries).forEach((l) => ctx.stdout(l));
  return 0;
}

function entriesOf(
  tree: TagTree,
  parent: string | null,
  counts: ReadonlyMap<string, number>,
  totals: ReadonlyMap<string, number>,
): CodebookEntry[] {
  return (tree.children.get(parent) ?? []).map((t) => {
    const count = counts.get(t.id) ?? 0;
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      memo: t.memo,
      color: t.color,
      count,
      total: totals.get(t.id) ?? count,
      children: entriesOf(tree, t.id, counts, totals),
    };
  });
}

function codebookText(entries: readonly CodebookEntry[]): string[] {
  if (!entries.length) return ['The codebook is empty. Tag a passage in Quire to start it.'];
  const lines: string[] = [];
  const walk = (list: readonly CodebookEntry[], depth: number): void => {
    for (const e of list) {
      const n = (k: number) => `${k} passage${k === 1 ? '' : 's'}`;
      const counted = e.children.length ? `${n(e.count)}, ${e.total} with sub-tags` : n(e.count);
      lines.push(`${'  '.repeat(depth)}${e.name}  (${counted})`);
      const about = e.description.replace(/\s+/gu, ' ').trim();
      if (about) lines.push(`${'  '.repeat(depth + 1)}${about}`);
      walk(e.children, depth + 1);
    }
  };
  walk(entries, 0);
  return lines;
}
