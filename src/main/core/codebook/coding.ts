// What retrieval and the pictures read: the codebook, every coded segment (a highlight) and the articles they sit
// in, plus the filters they share (article, source, author, coder, published date range, memo text). Pure: the handlers
// hand in the notebook's lists, tests hand in literals.
import { dateNumber, normalizeField, parseDate } from '../search/operators';
import { coderOf } from '../sync/coders';
import type { ArticleRecord, Highlight, Tag } from '../types';
import { buildTree, withDescendants, type TagTree } from './tree';

export interface Coding {
  tags: readonly Tag[];
  highlights: readonly Highlight[];
  article(id: string): ArticleRecord | undefined;
}

export interface SegmentFilter {
  /** Only these articles. */
  articleIds?: readonly string[] | undefined;
  /** Outlet, exactly (case and accents aside); null: articles with no known source. */
  sources?: readonly (string | null)[] | undefined;
  authors?: readonly (string | null)[] | undefined;
  /** Made by these coders (a highlight's `author`, exactly); null: made before the notebook was shared. */
  coders?: readonly (string | null)[] | undefined;
  /** Published on or after / on or before: YYYY, YYYY-MM or YYYY-MM-DD. Undated articles drop out of a range. */
  from?: string | null | undefined;
  to?: string | null | undefined;
  /** The segment's memo contains this (case and accents aside). */
  memo?: string | undefined;
}

/** A filter ready to test segments quickly: normalised once per query. */
export interface PreparedFilter {
  test(h: Highlight, article: ArticleRecord | undefined): boolean;
  /**
   * Whether a highlight is by one of the chosen coders (always, when none are chosen). Overlaps apply it to both
   * segments: one coder's codes co-occur only with that coder's codes, not with a colleague's.
   */
  byCoder(h: Highlight): boolean;
}

export function prepareFilter(filter: SegmentFilter): PreparedFilter {
  const articles = filter.articleIds?.length ? new Set(filter.articleIds) : null;
  const sources = filter.sources?.length ? new Set(filter.sources.map(fieldKey)) : null;
  const authors = filter.authors?.length ? new Set(filter.authors.map(fieldKey)) : null;
  const coders = filter.coders?.length ? new Set(filter.coders) : null;
  const from = filter.from ? parseDate(filter.from, false) : null;
  const to = filter.to ? parseDate(filter.to, true) : null;
  const memo = filter.memo?.trim() ? normalizeField(filter.memo) : null;
  const byCoder = (h: Highlight): boolean => !coders || coders.has(coderOf(h));
  return {
    byCoder,
    test(h, article) {
      if (articles && !articles.has(h.articleId)) return false;
      if (sources && !sources.has(fieldKey(article?.source ?? null))) return false;
      if (authors && !authors.has(fieldKey(article?.author ?? null))) return false;
      if (!byCoder(h)) return false;
      if (from !== null || to !== null) {
        const d = dateNumber(article?.published ?? null);
        if (d === 0 || (from !== null && d < from) || (to !== null && d > to)) return false;
      }
      if (memo !== null && !normalizeField(h.memo).includes(memo)) return false;
      return true;
    },
  };
}

/** The same outlet or author however it is cased or accented; '' for unknown. */
export function fieldKey(value: string | null): string {
  return value === null ? '' : normalizeField(value);
}

/**
 * Which of the chosen tags each tag counts toward: itself, and (with `includeChildren`) every chosen ancestor,
 * so a segment coded "Actors / Russia" counts for the "Actors" row too.
 */
export function countsToward(
  tree: TagTree,
  chosen: readonly string[],
  includeChildren: boolean,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  chosen.forEach((id, row) => {
    const members = includeChildren ? withDescendants(tree, [id]) : new Set(tree.byId.has(id) ? [id] : []);
    for (const m of members) {
      const rows = out.get(m);
      if (rows) rows.push(row);
      else out.set(m, [row]);
    }
  });
  return out;
}

/** The rows (indices into the chosen tags) a highlight counts for, each once. */
export function rowsOf(h: Highlight, toward: ReadonlyMap<string, number[]>): number[] {
  if (h.tagIds.length === 1) return toward.get(h.tagIds[0] as string) ?? [];
  const rows = new Set<number>();
  for (const t of h.tagIds) for (const r of toward.get(t) ?? []) rows.add(r);
  return [...rows];
}

/** The chosen tags that still exist, in the order given; none chosen means every tag, in codebook order. */
export function chosenTags(tree: TagTree, ids: readonly string[] | undefined, all: () => string[]): string[] {
  if (!ids || ids.length === 0) return all();
  return [...new Set(ids)].filter((id) => tree.byId.has(id));
}

export function treeOf(coding: Coding): TagTree {
  return buildTree(coding.tags);
}

/** Whether two segments share at least one character (one inside the other counts). */
export function overlaps(a: Highlight, b: Highlight): boolean {
  return a.position.start < b.position.end && b.position.start < a.position.end;
}

/** Highlights grouped per article, each list in text order; orphaned ones (no known place) left out. */
export function byArticle(highlights: readonly Highlight[]): Map<string, Highlight[]> {
  const out = new Map<string, Highlight[]>();
  for (const h of highlights) {
    if (h.orphaned) continue;
    const list = out.get(h.articleId);
    if (list) list.push(h);
    else out.set(h.articleId, [h]);
  }
  for (const list of out.values()) list.sort((a, b) => a.position.start - b.position.start);
  return out;
}
