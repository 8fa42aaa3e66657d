// The tables behind the pictures. Every cell is a count of coded segments (highlights), so clicking a cell can
// list exactly the segments it counts (see `cellQuery`):
//   code × document  segments of the row's tag in the column's article (or source)
//   co-occurrence    segments of the row's tag that overlap a segment of the column's tag (same article; one
//                    inside the other counts; a highlight carrying both counts); the diagonal is the row's total
import {
  byArticle,
  chosenTags,
  countsToward,
  fieldKey,
  overlaps,
  prepareFilter,
  rowsOf,
  treeOf,
  type Coding,
  type SegmentFilter,
} from './coding';
import type { SegmentQuery } from './segments';
import type { CodeDocumentMatrix, CooccurrenceMatrix, MatrixRow } from './types';
import { flatten, pathText, type TagTree } from './tree';

export interface MatrixOptions {
  /** Rows: these tags in this order; none: every tag in codebook order. */
  tagIds?: readonly string[] | undefined;
  /** A row counts the segments of the tags under it too. */
  includeChildren?: boolean | undefined;
  filter?: SegmentFilter | undefined;
}

export function codeDocumentMatrix(
  coding: Coding,
  options: MatrixOptions & { by: 'article' | 'source'; maxColumns?: number | undefined },
): CodeDocumentMatrix {
  const tree = treeOf(coding);
  const rowIds = chosenTags(tree, options.tagIds, () => flatten(tree).map((e) => e.tag.id));
  const toward = countsToward(tree, rowIds, options.includeChildren ?? true);
  const filter = prepareFilter(options.filter ?? {});
  const perColumn = new Map<string, { key: string; label: string; counts: number[]; total: number }>();
  const rowTotals = rowIds.map(() => 0);
  for (const h of coding.highlights) {
    const rows = rowsOf(h, toward);
    if (rows.length === 0) continue;
    const article = coding.article(h.articleId);
    if (!filter.test(h, article)) continue;
    const key = options.by === 'article' ? h.articleId : (article?.source?.trim() ?? '');
    const columnKey = options.by === 'article' ? key : fieldKey(key);
    let col = perColumn.get(columnKey);
    if (!col) {
      const label = options.by === 'article' ? (article?.title ?? '(deleted article)') : key || '(no source)';
      col = { key, label, counts: rowIds.map(() => 0), total: 0 };
      perColumn.set(columnKey, col);
    }
    for (const r of rows) {
      col.counts[r] = (col.counts[r] ?? 0) + 1;
      rowTotals[r] = (rowTotals[r] ?? 0) + 1;
    }
    col.total++;
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const sorted = [...perColumn.entries()].sort(
    ([, a], [, b]) => b.total - a.total || collator.compare(a.label, b.label),
  );
  const max = Math.max(1, options.maxColumns ?? 40);
  const shown = sorted.slice(0, max);
  // Sources read best alphabetically; articles by weight (the busiest first).
  if (options.by === 'source') shown.sort(([, a], [, b]) => collator.compare(a.label, b.label));
  return {
    by: options.by,
    rows: rowIds.map((id) => rowOf(tree, id)),
    columns: shown.map(([, c]) => ({ key: c.key, label: c.label })),
    cells: rowIds.map((_, r) => shown.map(([, c]) => c.counts[r] ?? 0)),
    rowTotals,
    hiddenColumns: sorted.length - shown.length,
  };
}

function rowOf(tree: TagTree, id: string): MatrixRow {
  return { id, path: pathText(tree, id), color: tree.byId.get(id)?.color ?? '#868e96' };
}

export function cooccurrenceMatrix(coding: Coding, options: MatrixOptions): CooccurrenceMatrix {
  const tree = treeOf(coding);
  const ids = chosenTags(tree, options.tagIds, () => flatten(tree).map((e) => e.tag.id));
  const toward = countsToward(tree, ids, options.includeChildren ?? true);
  const filter = prepareFilter(options.filter ?? {});
  const cells = ids.map(() => ids.map(() => 0));
  const coded = coding.highlights.filter((h) => rowsOf(h, toward).length > 0 && filter.byCoder(h));
  for (const [articleId, list] of byArticle(coded)) {
    const article = coding.article(articleId);
    const rows = list.map((h) => rowsOf(h, toward));
    list.forEach((s, i) => {
      if (!filter.test(s, article)) return;
      const columns = new Set<number>();
      // Sorted by start: a later segment cannot overlap once it starts at or after this one's end.
      for (let j = 0; j < list.length; j++) {
        const t = list[j] as (typeof list)[number];
        if (t.position.start >= s.position.end) break;
        if (overlaps(s, t)) for (const c of rows[j] ?? []) columns.add(c);
      }
      for (const r of rows[i] ?? []) {
        const line = cells[r] as number[];
        for (const c of columns) line[c] = (line[c] ?? 0) + 1;
      }
    });
  }
  return { rows: ids.map((id) => rowOf(tree, id)), cells };
}

/** The coded-segments query that lists exactly what a cell counts. */
export function cellQuery(
  kind: 'document' | 'cooccurrence',
  row: string,
  column: string,
  options: { by?: 'article' | 'source'; includeChildren: boolean; filter?: SegmentFilter },
): SegmentQuery {
  const filter = options.filter ?? {};
  if (kind === 'cooccurrence') {
    return { overlap: { a: [row], b: [column] }, includeChildren: options.includeChildren, filter };
  }
  const where: SegmentFilter =
    options.by === 'source'
      ? { ...filter, sources: [column === '' ? null : column] }
      : { ...filter, articleIds: [column] };
  return { anyOf: [row], includeChildren: options.includeChildren, filter: where };
}
