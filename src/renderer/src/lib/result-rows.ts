// Grouped search results flattened into one list of fixed-height rows (group headers and passages),
// so a virtualized list can place any row by arithmetic instead of measuring the DOM.
import type { SearchGroup, SearchPassageHit } from '../../../main/core/api-contract';

export const GROUP_ROW_HEIGHT = 46;
export const HIT_ROW_HEIGHT = 64;
export const MORE_ROW_HEIGHT = 32;

/**
 * A group header, one of its passages, or the row that brings the rest of a group's passages (every counted hit
 * is reachable). Passage and "more" rows are the options ↑/↓ walk through.
 */
export type ResultRow =
  | { kind: 'group'; key: string; group: SearchGroup }
  | { kind: 'hit'; key: string; group: SearchGroup; hit: SearchPassageHit; hitIndex: number }
  | { kind: 'more'; key: string; group: SearchGroup; remaining: number; hitIndex: number };

export interface ResultLayout {
  rows: ResultRow[];
  /** Top offset of each row; `tops[rows.length]` is the total height. */
  tops: number[];
  /** Row index of each option row (passages and "more" rows), in order: what ↑/↓ walk through. */
  hitRows: number[];
}

export function rowHeight(row: ResultRow): number {
  return row.kind === 'group' ? GROUP_ROW_HEIGHT : row.kind === 'more' ? MORE_ROW_HEIGHT : HIT_ROW_HEIGHT;
}

export function layoutResults(groups: readonly SearchGroup[]): ResultLayout {
  const rows: ResultRow[] = [];
  const hitRows: number[] = [];
  for (const group of groups) {
    rows.push({ kind: 'group', key: `${group.kind}:${group.id}`, group });
    for (const hit of group.hits) {
      hitRows.push(rows.length);
      rows.push({
        kind: 'hit',
        key: `${group.kind}:${group.id}:${hit.passageId}`,
        group,
        hit,
        hitIndex: hitRows.length - 1,
      });
    }
    const remaining = group.hitTotal - group.hits.length;
    if (remaining > 0) {
      hitRows.push(rows.length);
      rows.push({
        kind: 'more',
        key: `${group.kind}:${group.id}:more`,
        group,
        remaining,
        hitIndex: hitRows.length - 1,
      });
    }
  }
  const tops = [0];
  for (const row of rows) tops.push((tops[tops.length - 1] ?? 0) + rowHeight(row));
  return { rows, tops, hitRows };
}

/** The first row whose bottom edge is below `y` (binary search over the row tops). */
export function rowAt(tops: readonly number[], y: number): number {
  let lo = 0;
  let hi = Math.max(0, tops.length - 2);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tops[mid + 1] ?? 0) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const plural = (n: number, one: string, many: string): string =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "12 articles, 31 passages" (or notes, or results when both kinds are in the list). */
export function totalsLabel(total: number, passageTotal: number, groups: readonly SearchGroup[]): string {
  if (total === 0) return 'No results';
  const kinds = new Set(groups.map((g) => g.kind));
  const [one, many] =
    kinds.size === 1 && kinds.has('note')
      ? ['note', 'notes']
      : kinds.size === 1
        ? ['article', 'articles']
        : ['result', 'results'];
  return `${plural(total, one, many)}, ${plural(passageTotal, 'passage', 'passages')}`;
}
