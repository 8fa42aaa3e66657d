// Retrieval of coded segments: which highlights match a combination of tags and filters.
//
//   any of A, B   the segment carries at least one of them
//   all of A, B   the segment carries every one of them (the same highlight)
//   none of A, B  the segment carries none of them
//   overlap A ⊓ B the segment carries one of A and shares text with a segment carrying one of B, in the same
//                 article (one inside the other counts; a highlight carrying both overlaps itself)
//
// Criteria combine with AND; no tag criterion at all means every segment the filters let through. With
// `includeChildren` a tag stands for itself and every tag under it. Orphaned highlights (their text is gone) take
// part in everything but overlap, which needs a place in the text.
import type { ArticleRecord, Highlight } from '../types';
import { byArticle, overlaps, prepareFilter, treeOf, type Coding, type SegmentFilter } from './coding';
import { withDescendants, type TagTree } from './tree';

export interface SegmentQuery {
  anyOf?: readonly string[] | undefined;
  allOf?: readonly string[] | undefined;
  noneOf?: readonly string[] | undefined;
  overlap?: { a: readonly string[]; b: readonly string[] } | null | undefined;
  includeChildren?: boolean | undefined;
  filter?: SegmentFilter | undefined;
}

export interface FoundSegment {
  highlight: Highlight;
  article: ArticleRecord | undefined;
}

/** Every matching segment, ordered by the article's published date (undated last), title, then place in the text. */
export function findSegments(coding: Coding, query: SegmentQuery): FoundSegment[] {
  const tree = treeOf(coding);
  const children = query.includeChildren ?? true;
  const expand = (ids: readonly string[] | undefined): Set<string> | null =>
    ids && ids.length > 0 ? tagSet(tree, ids, children) : null;
  const any = expand(query.anyOf);
  const all = (query.allOf ?? []).map((id) => tagSet(tree, [id], children));
  const none = expand(query.noneOf);
  const overlapA = query.overlap ? tagSet(tree, query.overlap.a, children) : null;
  const overlapB = query.overlap ? tagSet(tree, query.overlap.b, children) : null;
  const filter = prepareFilter(query.filter ?? {});
  const carries = (h: Highlight, set: ReadonlySet<string>): boolean => h.tagIds.some((t) => set.has(t));

  const bSegments =
    overlapB && overlapB.size > 0
      ? byArticle(coding.highlights.filter((h) => carries(h, overlapB) && filter.byCoder(h)))
      : null;
  const found: FoundSegment[] = [];
  for (const h of coding.highlights) {
    if (any && !carries(h, any)) continue;
    if (all.some((set) => !carries(h, set))) continue;
    if (none && carries(h, none)) continue;
    if (overlapA) {
      if (h.orphaned || !carries(h, overlapA)) continue;
      const others = bSegments?.get(h.articleId);
      if (!others || !others.some((b) => overlaps(h, b))) continue;
    }
    const article = coding.article(h.articleId);
    if (!filter.test(h, article)) continue;
    found.push({ highlight: h, article });
  }
  return found.sort(segmentOrder);
}

function tagSet(tree: TagTree, ids: readonly string[], children: boolean): Set<string> {
  return children ? withDescendants(tree, ids) : new Set(ids.filter((id) => tree.byId.has(id)));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function segmentOrder(x: FoundSegment, y: FoundSegment): number {
  const dx = x.article?.published ?? null;
  const dy = y.article?.published ?? null;
  if (dx !== dy) {
    if (dx === null) return 1;
    if (dy === null) return -1;
    return dx < dy ? -1 : 1;
  }
  return (
    collator.compare(x.article?.title ?? '', y.article?.title ?? '') ||
    x.highlight.articleId.localeCompare(y.highlight.articleId) ||
    x.highlight.position.start - y.highlight.position.start ||
    x.highlight.id.localeCompare(y.highlight.id)
  );
}

/** Counts shown above the list: segments, the articles they come from, and how many carry each tag. */
export function segmentCounts(found: readonly FoundSegment[]): {
  segments: number;
  articles: number;
  perTag: Record<string, number>;
} {
  const articles = new Set<string>();
  const perTag: Record<string, number> = {};
  for (const { highlight } of found) {
    articles.add(highlight.articleId);
    for (const t of new Set(highlight.tagIds)) perTag[t] = (perTag[t] ?? 0) + 1;
  }
  return { segments: found.length, articles: articles.size, perTag };
}
