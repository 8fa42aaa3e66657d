// Snippets and match marks, computed from the passage text with the index's own tokenizer so a mark lands
// exactly where the index found the term (including diacritics, compounds and Burmese bigrams).

import { isGramScript, tokenize } from './tokenize';

const ELLIPSIS = '…';
// Prefix marking ("fom" marks "Fomin") only for terms this long: a one- or two-letter term would mark
// half the words of a passage.
const MIN_PREFIX_MARK = 3;

/** [start, end) ranges of `text` whose tokens match `terms` (exactly, or as a prefix); merged and sorted. */
export function findTermRanges(text: string, terms: string[]): [number, number][] {
  const wanted = new Set(terms.filter((t) => t.length > 0));
  if (wanted.size === 0) return [];
  const prefixes = [...wanted].filter((t) => t.length >= MIN_PREFIX_MARK && !isGramScript(t));
  const ranges: [number, number][] = [];
  for (const t of tokenize(text)) {
    if (t.role === 'gram') continue;
    if (wanted.has(t.term) || prefixes.some((p) => t.term.startsWith(p))) ranges.push([t.start, t.end]);
  }
  // Scripts without spaces: a term is a word the index matched as a run of bigrams; find it as a substring
  // (canonical text is NFC, and so is the term).
  for (const term of wanted) {
    if (!isGramScript(term)) continue;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      ranges.push([at, at + term.length]);
    }
  }
  return merge(ranges);
}

/**
 * Context kept before the first shown match. The results list clamps a snippet to three lines, which at the
 * narrowest list is about 110 characters: a match this close to the start is always on screen.
 */
export const SNIPPET_LEAD = 60;

/**
 * A window of at most `maxLength` characters (plus the `…` marks) over the densest cluster of matches, starting
 * at most SNIPPET_LEAD characters before its first match, cut at word boundaries, with `…` where the passage was
 * cut and `marks` relative to the snippet. A short passage is cut too when its first match sits far in.
 */
export function makeSnippet(
  passageText: string,
  terms: string[],
  maxLength = 240,
): { snippet: string; marks: [number, number][] } {
  const ranges = findTermRanges(passageText, terms);
  const [from, to] = bestWindow(passageText, ranges, maxLength);
  if (from === 0 && to === passageText.length) return { snippet: passageText, marks: ranges };
  const lead = from > 0 ? ELLIPSIS : '';
  const tail = to < passageText.length ? ELLIPSIS : '';
  const body = passageText.slice(from, to);
  const marks: [number, number][] = [];
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    marks.push([Math.max(s, from) - from + lead.length, Math.min(e, to) - from + lead.length]);
  }
  return { snippet: lead + body + tail, marks };
}

/** The cluster of matches that fits a window with the most of them, from just before its first match. */
function bestWindow(text: string, ranges: [number, number][], maxLength: number): [number, number] {
  let from = 0;
  // The covered matches: snapping to word boundaries must not cut into them.
  let keepFrom = Infinity;
  let keepTo = 0;
  const span = Math.max(1, maxLength - SNIPPET_LEAD);
  const [firstRange] = ranges;
  if (firstRange) {
    let best: [number, number] = firstRange;
    let bestCount = 1;
    let j = 0;
    for (let i = 0; i < ranges.length; i++) {
      const [start] = ranges[i] ?? firstRange;
      // A match longer than the window (a URL slug, a base64 blob) is a cluster of one on its own.
      j = Math.max(j, i + 1);
      while (j < ranges.length && (ranges[j]?.[1] ?? Infinity) - start <= span) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = [start, ranges[j - 1]?.[1] ?? start];
      }
    }
    if (bestCount === 1) best = ranges.find(([s, e]) => e - s <= span) ?? firstRange;
    const [first, last] = best;
    from = Math.max(0, first - SNIPPET_LEAD);
    keepFrom = first;
    keepTo = Math.min(last, from + maxLength);
  }
  let to = Math.min(text.length, from + maxLength);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < from + 30 && space + 1 <= keepFrom && space + 1 < to) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + maxLength / 2 && space >= keepTo) to = space;
  }
  // Never cut between the two halves of a surrogate pair (emoji, astral Han).
  if (isLowSurrogate(text, from)) from++;
  if (to < text.length && isLowSurrogate(text, to)) to--;
  return [from, to];
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1));
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
