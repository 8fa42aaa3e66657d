import type { Highlight, Passage, TextPositionSelector, TextQuoteSelector } from '../types';
import { passageAt } from './passage-at';
import { quoteAt } from './selectors';

export interface AnchorRange {
  start: number;
  end: number;
}

/** Fuzzy matches may differ from the stored quote by at most this share of its length (edits). */
export const FUZZY_MAX_ERROR_RATIO = 0.2;

/**
 * Where a highlight lies in (possibly re-extracted) text, the way Hypothesis re-anchors: the stored position
 * if the quote is still there; else the exact quote's occurrence with the best-matching context (nearest the
 * old position on ties); else the closest approximate match of the quote, near the old position first.
 * Null means the quote is gone: the caller marks the highlight orphaned, never drops it.
 */
export function anchorHighlight(
  text: string,
  sel: { position: TextPositionSelector; quote: TextQuoteSelector },
): AnchorRange | null {
  const { position, quote } = sel;
  if (quote.exact === '') return null;
  const { start, end } = position;
  if (start >= 0 && start < end && end <= text.length && text.slice(start, end) === quote.exact) {
    return { start, end };
  }
  return exactMatch(text, position, quote) ?? fuzzyMatch(text, position, quote);
}

/**
 * Re-anchors every highlight against new text. Anchored ones get their new position, a quote refreshed from
 * the new text (so the next re-anchoring starts from what the reader now sees) and, when passages are given,
 * the passage they now start in; the rest are marked orphaned with their last known selectors kept.
 */
export function reanchorAll(
  text: string,
  highlights: readonly Highlight[],
  passages?: Passage[],
): Highlight[] {
  return highlights.map((h) => {
    const range = anchorHighlight(text, h);
    if (range === null) return h.orphaned ? h : { ...h, orphaned: true };
    const passage = passages ? passageAt(passages, range.start) : undefined;
    return {
      ...h,
      passageId: passage?.id ?? h.passageId,
      position: { start: range.start, end: range.end },
      quote: quoteAt(text, range.start, range.end),
      orphaned: false,
    };
  });
}

/** How many characters of stored prefix/suffix agree with the text around `[start, end)`. */
function contextScore(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  let score = 0;
  const { prefix, suffix } = quote;
  for (let i = 1; i <= prefix.length && start - i >= 0; i++) {
    if (text[start - i] !== prefix[prefix.length - i]) break;
    score++;
  }
  for (let i = 0; i < suffix.length && end + i < text.length; i++) {
    if (text[end + i] !== suffix[i]) break;
    score++;
  }
  return score;
}

interface Candidate {
  start: number;
  end: number;
  distance: number;
  context: number;
  drift: number;
}

/** Fewer edits first, then more agreeing context, then closer to where the highlight used to be. */
function better(a: Candidate, b: Candidate | null): boolean {
  if (b === null) return true;
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.context !== b.context) return a.context > b.context;
  return a.drift < b.drift;
}

function exactMatch(text: string, old: TextPositionSelector, quote: TextQuoteSelector): AnchorRange | null {
  let best: Candidate | null = null;
  for (let i = text.indexOf(quote.exact); i !== -1; i = text.indexOf(quote.exact, i + 1)) {
    const end = i + quote.exact.length;
    const c = {
      start: i,
      end,
      distance: 0,
      context: contextScore(text, i, end, quote),
      drift: Math.abs(i - old.start),
    };
    if (better(c, best)) best = c;
  }
  return best && { start: best.start, end: best.end };
}

function fuzzyMatch(text: string, old: TextPositionSelector, quote: TextQuoteSelector): AnchorRange | null {
  const m = quote.exact.length;
  const maxErrors = Math.floor(m * FUZZY_MAX_ERROR_RATIO);
  if (maxErrors === 0) return null;
  // Most edits are local: look around the old position first, so a similar sentence elsewhere does not win.
  const radius = Math.max(1000, 4 * m);
  const from = Math.max(0, Math.min(old.start, text.length) - radius);
  const to = Math.min(text.length, Math.max(old.end, 0) + radius);
  let best = approximateSearch(text, quote, old.start, maxErrors, from, to);
  if (best === null && (from > 0 || to < text.length)) {
    best = approximateSearch(text, quote, old.start, maxErrors, 0, text.length);
  }
  if (best === null) return null;
  let { start, end } = best;
  while (start < end && /\s/u.test(text[start] ?? '')) start++;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end--;
  return start < end ? { start, end } : null;
}

/**
 * Best substring of `text[from, to)` within `maxErrors` edits (Levenshtein) of the quote: Sellers' semi-global
 * dynamic programme, column by column over the text, with Ukkonen's cut-off so only rows that can still stay
 * within the bound are computed (about O(maxErrors × length) instead of O(quote × length)). Each cell carries
 * the text offset where its best alignment began, which gives the match start without a second pass.
 */
function approximateSearch(
  text: string,
  quote: TextQuoteSelector,
  hint: number,
  maxErrors: number,
  from: number,
  to: number,
): Candidate | null {
  const m = quote.exact.length;
  const pattern = new Uint16Array(m);
  for (let i = 0; i < m; i++) pattern[i] = quote.exact.charCodeAt(i);
  const cap = maxErrors + 1;
  // Typed arrays are zero-filled and every read below is in bounds (rows 0..m), so `?? cap` never fires; it
  // only satisfies noUncheckedIndexedAccess.
  let prev = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = Math.min(i, cap);
    prevStart[i] = from;
  }
  let lastActive = Math.min(m, maxErrors);
  let best: Candidate | null = null;
  for (let j = from; j < to; j++) {
    const ch = text.charCodeAt(j);
    cur[0] = 0;
    curStart[0] = j + 1;
    const top = Math.min(m, lastActive + 1);
    let active = 0;
    let above = 0;
    let aboveStart = j + 1;
    for (let i = 1; i <= top; i++) {
      const left = (prev[i] ?? cap) + 1;
      let v = (prev[i - 1] ?? cap) + (pattern[i - 1] === ch ? 0 : 1);
      let s = prevStart[i - 1] ?? from;
      if (above + 1 < v) {
        v = above + 1;
        s = aboveStart;
      }
      if (left < v) {
        v = left;
        s = prevStart[i] ?? from;
      }
      if (v > cap) v = cap;
      cur[i] = v;
      curStart[i] = s;
      above = v;
      aboveStart = s;
      if (v <= maxErrors) active = i;
    }
    if (top < m) {
      cur[top + 1] = cap;
      curStart[top + 1] = j + 1;
    }
    lastActive = active;
    if (active === m) {
      const distance = cur[m] ?? cap;
      const start = curStart[m] ?? from;
      const end = j + 1;
      if (best === null || distance <= best.distance) {
        const c = {
          start,
          end,
          distance,
          context: contextScore(text, start, end, quote),
          drift: Math.abs(start - hint),
        };
        if (better(c, best)) best = c;
      }
    }
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return best;
}
