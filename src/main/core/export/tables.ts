// The coded segments and the two summary tables (code × document, code co-occurrence) as plain rows, shared by
// the CSV and XLSX writers so both say exactly the same thing.
import { buildTree, flatten, pathOf, type TagTree } from '../codebook/tree';
import type { Highlight } from '../types';
import type { NotebookSnapshot } from './snapshot';

export const segmentColumns = [
  'tag path',
  'quote',
  'memo',
  'article title',
  'author',
  'source',
  'published',
  'url',
  'passage id',
  'start',
  'end',
  'created',
  'coder',
] as const;

export type SegmentRow = Record<(typeof segmentColumns)[number], string | number>;

export interface Table {
  name: string;
  header: string[];
  rows: (string | number)[][];
}

function byArticleOrder(snapshot: NotebookSnapshot): Highlight[] {
  const order = new Map(snapshot.articles.map((a, i) => [a.record.id, i]));
  return [...snapshot.highlights].sort(
    (a, b) =>
      (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0) ||
      a.position.start - b.position.start ||
      a.id.localeCompare(b.id),
  );
}

/** A tag's path as the tables write it: `Actors/Russia`. */
const pathName = (tree: TagTree, id: string): string => pathOf(tree, id).join('/');

/** One row per highlight × tag; a highlight without tags is one row with an empty tag path. */
export function segmentRows(snapshot: NotebookSnapshot): SegmentRow[] {
  const tree = buildTree(snapshot.tags);
  const articles = new Map(snapshot.articles.map((a) => [a.record.id, a.record]));
  const rows: SegmentRow[] = [];
  for (const h of byArticleOrder(snapshot)) {
    const a = articles.get(h.articleId);
    if (!a) continue;
    const paths = h.tagIds.filter((id) => tree.byId.has(id)).map((id) => pathName(tree, id));
    for (const path of paths.length ? paths : ['']) {
      rows.push({
        'tag path': path,
        quote: h.quote.exact,
        memo: h.memo,
        'article title': a.title,
        author: a.author ?? '',
        source: a.source ?? '',
        published: a.published ?? '',
        url: a.url ?? '',
        'passage id': h.passageId,
        start: h.position.start,
        end: h.position.end,
        created: h.createdAt,
        coder: snapshot.coder,
      });
    }
  }
  return rows;
}

export function segmentTable(snapshot: NotebookSnapshot): Table {
  return {
    name: 'Coded segments',
    header: [...segmentColumns],
    rows: segmentRows(snapshot).map((r) => segmentColumns.map((c) => r[c])),
  };
}

/** Articles down, codes across: how many highlights of each article carry each code. */
export function codeByDocumentTable(snapshot: NotebookSnapshot): Table {
  const tree = buildTree(snapshot.tags);
  const tags = flatten(tree).map((n) => n.tag);
  const column = new Map(tags.map((t, i) => [t.id, i]));
  const counts = new Map<string, number[]>();
  for (const h of snapshot.highlights) {
    const row = counts.get(h.articleId) ?? tags.map(() => 0);
    counts.set(h.articleId, row);
    for (const id of new Set(h.tagIds)) {
      const i = column.get(id);
      if (i !== undefined) row[i] = (row[i] ?? 0) + 1;
    }
  }
  return {
    name: 'Code by document',
    header: ['article title', 'url', ...tags.map((t) => pathName(tree, t.id))],
    rows: snapshot.articles.map((a) => [
      a.record.title,
      a.record.url ?? '',
      ...(counts.get(a.record.id) ?? tags.map(() => 0)),
    ]),
  };
}

/**
 * Codes against codes: how many coded segments carry both. Highlights that overlap in the same article count as
 * one segment (two codes applied to overlapping passages co-occur, as in MAXQDA's code relations); the
 * diagonal is how many segments carry the code at all.
 */
export function coOccurrenceTable(snapshot: NotebookSnapshot): Table {
  const tree = buildTree(snapshot.tags);
  const tags = flatten(tree).map((n) => n.tag);
  const index = new Map(tags.map((t, i) => [t.id, i]));
  const matrix = tags.map(() => tags.map(() => 0));
  const byArticle = new Map<string, Highlight[]>();
  for (const h of snapshot.highlights) byArticle.set(h.articleId, [...(byArticle.get(h.articleId) ?? []), h]);
  for (const list of byArticle.values()) {
    list.sort((a, b) => a.position.start - b.position.start);
    let segment = new Set<number>();
    let end = -1;
    const close = (): void => {
      for (const i of segment) {
        const row = matrix[i];
        if (row) for (const j of segment) row[j] = (row[j] ?? 0) + 1;
      }
      segment = new Set();
    };
    for (const h of list) {
      if (h.position.start >= end) close();
      end = Math.max(end, h.position.end);
      for (const id of h.tagIds) {
        const i = index.get(id);
        if (i !== undefined) segment.add(i);
      }
    }
    close();
  }
  const names = tags.map((t) => pathName(tree, t.id));
  return {
    name: 'Code co-occurrence',
    header: ['code', ...names],
    rows: names.map((name, i) => [name, ...(matrix[i] ?? [])]),
  };
}
