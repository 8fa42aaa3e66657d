import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildArticleText, canonicalize, type Block } from '../../../src/main/core/import/canonical';
import type { PassageKind } from '../../../src/main/core/types';

describe('canonicalize', () => {
  it('turns CRLF and CR line endings into LF', () => {
    expect(canonicalize('one\r\ntwo\rthree\n')).toBe('one\ntwo\nthree\n');
  });

  it('composes accents (NFC) so é typed two ways is one letter', () => {
    expect(canonicalize('Cafe\u0301')).toBe('Café');
    expect(canonicalize('Cafe\u0301').length).toBe(4);
  });

  it('strips control characters, ANSI colour codes, bidi overrides and zero-width spaces, keeping tabs', () => {
    expect(canonicalize('a\u0007b\u001b[31mred\u001b[0m\tc\u202eevil\u200b\u00adx')).toBe('abred\tcevilx');
  });

  it('removes trailing spaces on every line', () => {
    expect(canonicalize('one   \ntwo\t\n')).toBe('one\ntwo\n');
  });
});

const kinds: PassageKind[] = ['paragraph', 'heading', 'quote', 'list'];
const blockArb: fc.Arbitrary<Block> = fc.record({
  text: fc.oneof(fc.constantFrom('Same paragraph.', 'Another one.'), fc.string({ maxLength: 40 })),
  kind: fc.constantFrom(...kinds),
});

describe('buildArticleText', () => {
  it('joins passages with a blank line and records where each one is', () => {
    const { text, passages } = buildArticleText([
      { text: 'Title-free body.', kind: 'paragraph' },
      { text: 'A quote.', kind: 'quote' },
    ]);
    expect(text).toBe('Title-free body.\n\nA quote.');
    expect(passages.map((p) => [text.slice(p.start, p.end), p.kind])).toEqual([
      ['Title-free body.', 'paragraph'],
      ['A quote.', 'quote'],
    ]);
    expect(passages[0]?.id).toMatch(/^p[0-9a-f]{8}$/);
  });

  it('numbers repeated identical passages instead of giving them the same id', () => {
    const { passages } = buildArticleText([
      { text: 'Repeated.', kind: 'paragraph' },
      { text: 'Repeated.', kind: 'paragraph' },
      { text: 'Repeated.', kind: 'paragraph' },
    ]);
    const [a, b, c] = passages.map((p) => p.id);
    expect(b).toBe(`${a}-2`);
    expect(c).toBe(`${a}-3`);
  });

  it('property: offsets slice back to the passage text, ids are unique and stable across runs', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 30 }), (blocks) => {
        const first = buildArticleText(blocks);
        const second = buildArticleText(blocks.map((b) => ({ ...b })));
        expect(second).toEqual(first);
        const ids = first.passages.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const p of first.passages) {
          const slice = first.text.slice(p.start, p.end);
          expect(slice.trim()).toBe(slice);
          expect(slice).not.toBe('');
          expect(slice).not.toContain('\n\n');
        }
        expect(first.text.split('\n\n').length).toBe(first.passages.length || 1);
      }),
    );
  });
});
