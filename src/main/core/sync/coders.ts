// Who coded what: a highlight's coder is the person who made it (its `author`, stamped in the commit path of a
// shared notebook). Used to filter the reader, the coded segments and the matrices by coder, and by agreement.
import type { Highlight } from '../types';
import type { CodedSegment } from './agreement';
import type { CoderCount } from './views';

export function coderOf(h: Pick<Highlight, 'author'>): string | null {
  return h.author ?? null;
}

/**
 * Every coder with how many highlights they made, by name; `null` (highlights made before the notebook was shared)
 * last, and only when there are some.
 */
export function coderCounts(highlights: readonly Pick<Highlight, 'author'>[]): CoderCount[] {
  const counts = new Map<string | null, number>();
  for (const h of highlights) counts.set(coderOf(h), (counts.get(coderOf(h)) ?? 0) + 1);
  const unsigned = counts.get(null);
  counts.delete(null);
  const rows = [...counts]
    .map(([name, n]) => ({ name, highlights: n }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  return unsigned ? [...rows, { name: null, highlights: unsigned }] : rows;
}

/** A highlight as coded segments: one per code it carries. */
export function segmentsOf(h: Highlight): CodedSegment[] {
  const coder = coderOf(h);
  if (!coder || h.orphaned) return [];
  return h.tagIds.map((codeId) => ({
    coder,
    documentId: h.articleId,
    codeId,
    start: h.position.start,
    end: h.position.end,
  }));
}
