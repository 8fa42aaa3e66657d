import { describe, expect, it } from 'vitest';
import { findTermRanges, makeSnippet, SNIPPET_LEAD } from '../../../src/main/core/search/snippet';

const marked = (text: string, ranges: [number, number][]): string[] =>
  ranges.map(([s, e]) => text.slice(s, e));

describe('findTermRanges', () => {
  it('marks words whose normalised form is a term, in the original spelling', () => {
    const text = 'Fómin met FOMIN and fomina; not afomin.';
    expect(marked(text, findTermRanges(text, ['fomin']))).toEqual(['Fómin', 'FOMIN', 'fomina']);
  });

  it('marks a whole compound once when the term is the compound or one of its parts', () => {
    const text = 'six Su-30SM jets';
    expect(marked(text, findTermRanges(text, ['su-30sm', 'su30sm']))).toEqual(['Su-30SM']);
    expect(marked(text, findTermRanges(text, ['30sm']))).toEqual(['30SM']);
  });

  it('marks only exact short terms, so a one-letter term does not light up every word', () => {
    const text = 'Myanmar’s army is strong';
    expect(marked(text, findTermRanges(text, ['s']))).toEqual(['s']);
  });

  it('marks a Burmese word where it occurs, not its syllables inside other words', () => {
    const text = 'ရွေးကောက်ပွဲ ကို ဆွေးနွေး';
    expect(marked(text, findTermRanges(text, ['ဆွေးနွေး']))).toEqual(['ဆွေးနွေး']);
    expect(marked(text, findTermRanges(text, ['ကောက်']))).toEqual(['ကောက်']);
  });

  it('returns nothing for no terms', () => {
    expect(findTermRanges('anything', [])).toEqual([]);
  });
});

describe('makeSnippet', () => {
  const words = (from: number, n: number): string =>
    Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ');

  it('returns a short passage whole with its marks', () => {
    const r = makeSnippet('Alexander Fomin visited.', ['fomin']);
    expect(r).toEqual({ snippet: 'Alexander Fomin visited.', marks: [[10, 15]] });
  });

  it('cuts a long passage around the densest cluster of matches, at word boundaries, with ellipses', () => {
    const text = `${words(0, 40)} Fomin once. ${words(100, 60)} Fomin met Fomin again with Fomin. ${words(200, 60)}`;
    const { snippet, marks } = makeSnippet(text, ['fomin'], 120);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(122);
    expect(marked(snippet, marks)).toEqual(['Fomin', 'Fomin', 'Fomin']);
    // No word is cut in half at either end.
    const inner = snippet.slice(1, -1);
    expect(text).toContain(inner);
    expect(text[text.indexOf(inner) - 1]).toBe(' ');
    expect(' .'.includes(text[text.indexOf(inner) + inner.length] ?? ' ')).toBe(true);
  });

  it('brings a match far into a short passage to the front, so a three-line clamp cannot hide it', () => {
    const text = `${words(0, 24)} the Russian deputy defense minister met them.`;
    expect(text.length).toBeLessThan(240);
    const { snippet, marks } = makeSnippet(text, ['deputy']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(marked(snippet, marks)).toEqual(['deputy']);
    expect(marks[0]?.[0]).toBeLessThanOrEqual(SNIPPET_LEAD + 1);
    expect(snippet.endsWith('met them.')).toBe(true);
  });

  it('starts at the beginning when there is no match', () => {
    const text = words(0, 100);
    const { snippet, marks } = makeSnippet(text, ['absent'], 80);
    expect(snippet.startsWith('word0 ')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(marks).toEqual([]);
  });

  it('never cuts into a mark when the match sits at the very end', () => {
    const text = `${words(0, 80)} Pantsir-S1`;
    const { snippet, marks } = makeSnippet(text, ['pantsir-s1'], 100);
    expect(marked(snippet, marks)).toEqual(['Pantsir-S1']);
    expect(snippet.endsWith('Pantsir-S1')).toBe(true);
  });
});
