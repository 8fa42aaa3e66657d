import { QuireError } from '../errors';
import type { TextPositionSelector, TextQuoteSelector } from '../types';

/** W3C TextQuoteSelector context length, as Hypothesis uses it. */
export const QUOTE_CONTEXT = 32;

export interface Selectors {
  position: TextPositionSelector;
  quote: TextQuoteSelector;
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The quote selector for `[start, end)`; callers guarantee the range is valid. */
export function quoteAt(text: string, start: number, end: number): TextQuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: text.slice(end, end + QUOTE_CONTEXT),
  };
}

/**
 * Position + quote selectors for a selection in an article's canonical text. Whitespace at the edges is
 * dropped (a drag often grabs a trailing space or newline) and a range that splits a surrogate pair is widened,
 * so the stored quote is always well-formed text.
 */
export function makeSelectors(text: string, start: number, end: number): Selectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
    throw new QuireError(
      'BAD_INPUT',
      `The selection (${start}–${end}) is outside the article's text (0–${text.length}): reload the article and select again.`,
    );
  }
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  if (s >= e) {
    throw new QuireError(
      'BAD_INPUT',
      'The selection is empty: select some words in the article and try again.',
    );
  }
  if (s > 0 && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return { position: { start: s, end: e }, quote: quoteAt(text, s, e) };
}
