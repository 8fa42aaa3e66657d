// Splitting a passage into text segments at highlight and search-term boundaries, so the reader can draw
// overlapping highlights as plain text spans (never HTML) and map a DOM selection back to article offsets.
import type { Highlight } from '../../../main/core/types';

export interface Segment {
  /** Offset of the segment in the article's canonical text. */
  start: number;
  end: number;
  text: string;
  highlights: Highlight[];
  /** True when a search term covers this segment. */
  term: boolean;
}

/**
 * `text` is the passage text starting at article offset `base`; `terms` are [start, end) ranges local to the
 * passage. Segments cover the passage exactly, in order, so their texts concatenate back to `text`.
 */
export function segmentPassage(
  text: string,
  base: number,
  highlights: readonly Highlight[],
  terms: readonly [number, number][] = [],
): Segment[] {
  const end = base + text.length;
  const inside = highlights.filter((h) => h.position.start < end && h.position.end > base && !h.orphaned);
  const cuts = new Set<number>([base, end]);
  for (const h of inside) {
    cuts.add(Math.max(base, h.position.start));
    cuts.add(Math.min(end, h.position.end));
  }
  for (const [s, e] of terms) {
    cuts.add(Math.max(base, base + s));
    cuts.add(Math.min(end, base + e));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i] as number;
    const e = points[i + 1] as number;
    if (e <= s) continue;
    segments.push({
      start: s,
      end: e,
      text: text.slice(s - base, e - base),
      highlights: inside.filter((h) => h.position.start <= s && h.position.end >= e),
      term: terms.some(([ts, te]) => base + ts <= s && base + te >= e),
    });
  }
  return segments;
}

/** Splits a snippet at its [start, end) marks: `marked` parts render as <mark>. */
export function markSegments(
  text: string,
  marks: readonly [number, number][],
): { text: string; marked: boolean }[] {
  const sorted = [...marks].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [s0, e0] of sorted) {
    const s = Math.max(s0, at);
    const e = Math.min(e0, text.length);
    if (e <= s) continue;
    if (s > at) out.push({ text: text.slice(at, s), marked: false });
    out.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

/**
 * Every passage's segments, and for each highlight the one segment where it begins: its single tab stop (a
 * highlight split by overlaps into many segments is still one stop for the keyboard).
 */
export function segmentArticle<P extends { text: string; start: number }>(
  passages: readonly P[],
  highlights: readonly Highlight[],
  termsFor: (p: P) => [number, number][],
): { passages: { p: P; segs: Segment[] }[]; stops: Map<Segment, Highlight[]> } {
  const seen = new Set<string>();
  const stops = new Map<Segment, Highlight[]>();
  const out = passages.map((p) => {
    const segs = segmentPassage(p.text, p.start, highlights, termsFor(p));
    for (const s of segs) {
      const fresh = s.highlights.filter((h) => !seen.has(h.id));
      if (fresh.length === 0) continue;
      fresh.forEach((h) => seen.add(h.id));
      stops.set(s, fresh);
    }
    return { p, segs };
  });
  return { passages: out, stops };
}
