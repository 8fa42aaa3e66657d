// Scoring an extraction against a reference, for `npm run bench:extract`.
//
// Paragraph matching: both sides are split into paragraphs (blank-line separated blocks), and each paragraph
// is normalised to lower-case letter/digit tokens. A paragraph counts as present on the other side when at
// least 80% of its token bigrams (its tokens, for one-token paragraphs) occur somewhere in the other side's
// text. Bigrams rather than single tokens so that common words alone cannot make chrome look like article;
// "somewhere in the other side" rather than "in one paragraph" so that a reference paragraph split or merged
// differently (a <br>, a table row) still matches.
//   recall    = expected paragraphs present in the extraction / expected paragraphs
//   precision = extracted paragraphs present in the reference / extracted paragraphs
// Counting paragraphs (not tokens) is deliberate: a kept menu line costs as much as a lost sentence, which is
// what a researcher tagging passages notices.

export const MATCH_THRESHOLD = 0.8;

export function normTokens(s: string): string[] {
  return s
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => normTokens(p).length > 0);
}

function shingles(ts: readonly string[]): string[] {
  if (ts.length < 2) return [...ts];
  const out: string[] = [];
  for (let i = 0; i + 1 < ts.length; i++) out.push(`${ts[i]} ${ts[i + 1]}`);
  return out;
}

/** Everything a paragraph could be matched against: the other side's tokens and bigrams. */
export function shingleSet(text: string): Set<string> {
  const ts = normTokens(text);
  return new Set([...ts, ...shingles(ts)]);
}

/** Share of the paragraph's shingles present in the other side (1 for an empty paragraph). */
export function coverage(paragraph: string, other: ReadonlySet<string>): number {
  const sh = shingles(normTokens(paragraph));
  if (sh.length === 0) return 1;
  return sh.filter((s) => other.has(s)).length / sh.length;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Paragraph precision/recall of `got` (extracted paragraphs) against the expected text. */
export function scoreParagraphs(got: readonly string[], expected: readonly string[]): Prf {
  const gotSet = shingleSet(got.join('\n'));
  const expSet = shingleSet(expected.join('\n'));
  const recall =
    expected.length === 0
      ? 1
      : expected.filter((p) => coverage(p, gotSet) >= MATCH_THRESHOLD).length / expected.length;
  const precision =
    got.length === 0
      ? expected.length === 0
        ? 1
        : 0
      : got.filter((p) => coverage(p, expSet) >= MATCH_THRESHOLD).length / got.length;
  return { precision, recall, f1: f1(precision, recall) };
}

export function meanPrf(scores: readonly Prf[]): Prf {
  const mean = (k: keyof Prf): number =>
    scores.length === 0 ? 0 : scores.reduce((n, s) => n + s[k], 0) / scores.length;
  return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}

function squash(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Titles and site names: equal after collapsing whitespace and case. `null` expected means none found. */
export function sameText(got: string | null, expected: string | null): boolean {
  if (expected === null || expected.trim() === '') return got === null || got.trim() === '';
  return got !== null && squash(got) === squash(expected);
}

/** Bylines: as `sameText`, ignoring a leading "By" and punctuation between names. */
export function sameByline(got: string | null, expected: string | null): boolean {
  const clean = (s: string | null): string | null =>
    s === null ? null : normTokens(s.replace(/^\s*by\s+/i, '')).join(' ');
  return sameText(clean(got), clean(expected));
}

/** Publication dates: same calendar day as stated (the first ten characters of the ISO form). */
export function sameDay(got: string | null, expected: string | null): boolean {
  if (expected === null) return got === null;
  return got !== null && got.slice(0, 10) === expected.trim().slice(0, 10);
}

export function sameLang(got: string | null, expected: string | null): boolean {
  if (expected === null) return got === null;
  return got !== null && got.toLowerCase() === expected.trim().toLowerCase();
}

/**
 * Token-level P/R/F1: the share of the output's words that belong to the article (precision: chrome dropped)
 * and of the article's words the output kept (recall), as multisets. Long paragraphs weigh more than a
 * one-word menu item, as they do for a reader. Keeping a whole scraped page scores about 0.79 on the
 * readability corpus, the calibration point issue 3 gives ("keeping the whole scraped text scores about 0.78").
 */
export function scoreTokens(got: string, expected: string): Prf {
  const count = (tokens: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const g = count(normTokens(got));
  const e = count(normTokens(expected));
  let overlap = 0;
  let ng = 0;
  let ne = 0;
  for (const [t, c] of g) {
    ng += c;
    overlap += Math.min(c, e.get(t) ?? 0);
  }
  for (const c of e.values()) ne += c;
  const precision = ng ? overlap / ng : 0;
  const recall = ne ? overlap / ne : 0;
  return { precision, recall, f1: f1(precision, recall) };
}
