import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTermRanges, makeSnippet, SNIPPET_LEAD } from '../../../src/main/core/search/snippet';

// Passages from scraped pages hold tokens far longer than a snippet: URL slugs, base64 blobs, hashes.

const MAX = 240;
const marked = (text: string, marks: [number, number][]): string[] => marks.map(([s, e]) => text.slice(s, e));
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What every snippet must satisfy, whatever the passage and the terms. */
function expectWellFormed(text: string, result: { snippet: string; marks: [number, number][] }): void {
  const { snippet, marks } = result;
  // A short passage is whole, or (its match far in) cut at the front only.
  if (text.length <= MAX) expect(text.endsWith(snippet.replace(/^…/, ''))).toBe(true);
  else expect(snippet.length).toBeLessThanOrEqual(MAX + 2);
  let previousEnd = 0;
  for (const [s, e] of marks) {
    expect(s).toBeGreaterThanOrEqual(previousEnd);
    expect(e).toBeGreaterThan(s);
    expect(e).toBeLessThanOrEqual(snippet.length);
    previousEnd = e;
  }
  // The body is a piece of the passage, not a re-spelling of it.
  const body = snippet.replace(/^…/, '').replace(/…$/, '');
  expect(text.includes(body)).toBe(true);
}

describe('makeSnippet on passages with very long tokens', () => {
  it('shows the start of a matching 10,000-character token instead of failing', () => {
    const token = `fomin${'x'.repeat(9_995)}`;
    const text = `The leak begins here: ${token} and ends there.`;
    const result = makeSnippet(text, ['fomin']);
    expectWellFormed(text, result);
    expect(result.marks).toHaveLength(1);
    const [[start] = [0]] = result.marks;
    expect(result.snippet.slice(start, start + 5)).toBe('fomin');
  });

  it('marks a 300-character URL slug that matches the query', () => {
    const slug = Array.from({ length: 40 }, (_, i) => `russia${i}`).join('-');
    const url = `https://www.irrawaddy.com/news/burma/${slug}.html`;
    expect(url.length).toBeGreaterThan(300);
    const text = `Read the original at ${url} before citing it.`;
    const result = makeSnippet(text, ['russia0']);
    expectWellFormed(text, result);
    expect(result.marks.length).toBeGreaterThan(0);
    expect(marked(result.snippet, result.marks).join('')).toMatch(/^russia0-russia1-/);
  });

  it('prefers a cluster of ordinary matches next to an over-long matching token', () => {
    const token = `fomin-${'y'.repeat(600)}`;
    const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const text = `${token} ${filler} Fomin met Fomin and Fomin again. ${filler}`;
    const result = makeSnippet(text, ['fomin']);
    expectWellFormed(text, result);
    expect(marked(result.snippet, result.marks)).toEqual(['Fomin', 'Fomin', 'Fomin']);
  });

  it('keeps working when every match is an over-long token', () => {
    const a = `alpha${'a'.repeat(500)}`;
    const b = `alpha${'b'.repeat(500)}`;
    const text = `${a} between ${b}`;
    const result = makeSnippet(text, ['alpha']);
    expectWellFormed(text, result);
    expect(result.marks).toHaveLength(1);
  });

  it('never splits a surrogate pair at either cut', () => {
    const text = `${'😀'.repeat(200)} fomin ${'😀'.repeat(200)}`;
    const { snippet } = makeSnippet(text, ['fomin']);
    expect(LONE_SURROGATE.test(snippet)).toBe(false);
  });
});

describe('makeSnippet is total', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      'fomin',
      'Fómin',
      'FOMIN',
      'su-30sm',
      ' ',
      '  ',
      '-',
      '.',
      '\n',
      'ကောက်',
      '中文',
      '😀',
      '\u0301',
    ),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 200, max: 900 }).map((n) => `fomin${'z'.repeat(n)}`),
    fc.integer({ min: 200, max: 900 }).map((n) => 'a-'.repeat(n / 2)),
  );
  const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
  const terms = fc.array(
    fc.oneof(
      fc.constantFrom('fomin', 'fom', 'a', 'z', 'su', 'ကောက်', '中文', ''),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 4 },
  );

  it('returns a well-formed snippet for any passage and any terms', () => {
    fc.assert(
      fc.property(text, terms, (t, ts) => {
        expectWellFormed(t, makeSnippet(t, ts));
      }),
      { numRuns: 500 },
    );
  });

  it('shows at least one match whenever the passage has one, near the start (where three lines show it)', () => {
    fc.assert(
      fc.property(text, terms, (t, ts) => {
        const result = makeSnippet(t, ts);
        if (findTermRanges(t, ts).length === 0) return;
        expect(result.marks.length).toBeGreaterThan(0);
        expect(result.marks[0]?.[0]).toBeLessThanOrEqual(SNIPPET_LEAD + 1);
      }),
      { numRuns: 300 },
    );
  });
});
