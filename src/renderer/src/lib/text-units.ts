// Sentence and word boundaries inside one passage, for selecting by keyboard. Offsets are local to the text.
// Intl.Segmenter knows the sentence and word rules of every script Quire reads (Burmese has no spaces).

export type Span = readonly [start: number, end: number];

function spans(text: string, granularity: 'sentence' | 'word'): Span[] {
  const out: Span[] = [];
  for (const s of new Intl.Segmenter(undefined, { granularity }).segment(text)) {
    if (granularity === 'word' && !s.isWordLike) continue;
    const trimmed = s.segment.trimEnd();
    if (trimmed.trim() === '') continue;
    const lead = trimmed.length - trimmed.trimStart().length;
    out.push([s.index + lead, s.index + trimmed.length]);
  }
  return out;
}

export const sentencesOf = (text: string): Span[] => spans(text, 'sentence');
export const wordsOf = (text: string): Span[] => spans(text, 'word');

/** The unit containing `at`, else the first one after it, else the last. */
export function unitAt(units: readonly Span[], at: number): Span | null {
  return units.find(([, e]) => e > at) ?? units.at(-1) ?? null;
}

/** The selection grown (or shrunk) by one unit at its end (`forward`) or start. */
export function extend(units: readonly Span[], sel: Span, forward: boolean): Span {
  const [start, end] = sel;
  if (forward) {
    const next = units.find(([, e]) => e > end);
    return next ? [start, next[1]] : sel;
  }
  const prev = [...units].reverse().find(([s]) => s < start);
  return prev ? [prev[0], end] : sel;
}
