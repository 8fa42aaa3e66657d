// Codes over time: how many segments of each chosen tag sit in articles published in each month. Months run
// without gaps from the first to the last that has any segment, so a quiet month shows as a zero, not a jump.
import {
  chosenTags,
  countsToward,
  prepareFilter,
  rowsOf,
  treeOf,
  type Coding,
  type SegmentFilter,
} from './coding';
import { flatten, pathText } from './tree';
import type { CodesOverTime } from './types';

export function codesOverTime(
  coding: Coding,
  options: {
    tagIds?: readonly string[] | undefined;
    includeChildren?: boolean | undefined;
    filter?: SegmentFilter | undefined;
  },
): CodesOverTime {
  const tree = treeOf(coding);
  const ids = chosenTags(tree, options.tagIds, () =>
    flatten(tree)
      .filter((e) => e.depth === 0)
      .map((e) => e.tag.id),
  );
  const toward = countsToward(tree, ids, options.includeChildren ?? true);
  const filter = prepareFilter(options.filter ?? {});
  const perMonth = new Map<number, number[]>();
  const undated = ids.map(() => 0);
  for (const h of coding.highlights) {
    const rows = rowsOf(h, toward);
    if (rows.length === 0) continue;
    const article = coding.article(h.articleId);
    if (!filter.test(h, article)) continue;
    const month = monthIndex(article?.published ?? null);
    if (month === null) {
      for (const r of rows) undated[r] = (undated[r] ?? 0) + 1;
      continue;
    }
    let counts = perMonth.get(month);
    if (!counts) perMonth.set(month, (counts = ids.map(() => 0)));
    for (const r of rows) counts[r] = (counts[r] ?? 0) + 1;
  }
  const keys = [...perMonth.keys()];
  const months: string[] = [];
  if (keys.length > 0) {
    const first = Math.min(...keys);
    const last = Math.max(...keys);
    for (let m = first; m <= last; m++) months.push(monthText(m));
  }
  const first = keys.length > 0 ? Math.min(...keys) : 0;
  return {
    months,
    series: ids.map((id, r) => ({
      id,
      path: pathText(tree, id),
      color: tree.byId.get(id)?.color ?? '#868e96',
      counts: months.map((_, k) => perMonth.get(first + k)?.[r] ?? 0),
      undated: undated[r] ?? 0,
    })),
  };
}

/** Months since year 0 (`2017-03` → 2017 × 12 + 2), or null for an unknown date. */
export function monthIndex(published: string | null): number | null {
  const m = published === null ? null : /^(\d{4})-(\d{2})/.exec(published);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

export function monthText(index: number): string {
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
