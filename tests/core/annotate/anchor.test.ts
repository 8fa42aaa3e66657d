import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorHighlight, reanchorAll } from '../../../src/main/core/annotate/anchor';
import { makeSelectors } from '../../../src/main/core/annotate/selectors';
import type { Highlight, Passage } from '../../../src/main/core/types';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const seed = async (): Promise<string> =>
  (await readFile(path.join(corpus, 'seeds/000_07f86e086a543867.txt'), 'utf8'))
    .normalize('NFC')
    .replace(/\r\n?/g, '\n');

function select(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error(`test quote not found: ${quote}`);
  return makeSelectors(text, at, at + quote.length);
}

const QUOTE = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

describe('anchorHighlight on a real article', () => {
  it('keeps the stored position when the text is unchanged', async () => {
    const text = await seed();
    const sel = select(text, QUOTE);
    expect(anchorHighlight(text, sel)).toEqual(sel.position);
  });

  it('follows the quote when text is inserted before it', async () => {
    const text = await seed();
    const sel = select(text, QUOTE);
    const edited = 'Editor’s note: this article was updated.\n\n' + text;
    const range = anchorHighlight(edited, sel);
    expect(range).not.toBeNull();
    expect(edited.slice(range?.start, range?.end)).toBe(QUOTE);
    expect(range?.start).toBe(sel.position.start + 'Editor’s note: this article was updated.\n\n'.length);
  });

  it('finds a slightly reworded quote by fuzzy matching', async () => {
    const text = await seed();
    const sel = select(text, QUOTE);
    const edited = text.replace(QUOTE, 'Myanmar ordered six Sukhoi Su-30 SM fighter jet');
    const range = anchorHighlight(edited, sel);
    expect(range).not.toBeNull();
    expect(edited.slice(range?.start, range?.end)).toBe('Myanmar ordered six Sukhoi Su-30 SM fighter jet');
  });

  it('returns null (orphaned) when the quote was removed', async () => {
    const text = await seed();
    const sentence = text.split('\n').find((l) => l.includes(QUOTE)) ?? '';
    const sel = select(text, QUOTE);
    expect(anchorHighlight(text.replace(sentence, ''), sel)).toBeNull();
  });

  it('uses the surrounding context to choose among repeated quotes', () => {
    const text = 'Russia said no. Later, in Moscow, Russia said yes. Finally Russia said maybe.';
    const sel = select(text, 'Russia said', 1);
    // The text moves: the old position now points at a different occurrence.
    const edited = 'Intro. ' + text.replace('Finally', 'And finally');
    const range = anchorHighlight(edited, sel);
    expect(range?.start).toBe(edited.indexOf('Moscow, Russia') + 'Moscow, '.length);
  });
});

describe('reanchorAll', () => {
  const base: Omit<Highlight, 'position' | 'quote' | 'id'> = {
    articleId: 'a1',
    passageId: 'p1',
    tagIds: [],
    memo: '',
    createdAt: '2024-01-01T00:00:00.000Z',
    orphaned: false,
  };

  it('moves anchored highlights, updates their passage, and marks lost ones orphaned without dropping them', () => {
    const text = 'First paragraph about ships.\n\nSecond paragraph about planes.';
    const keep = { ...base, id: 'h1', ...select(text, 'planes') };
    const lose = { ...base, id: 'h2', ...select(text, 'ships') };
    const edited = 'A new lead paragraph.\n\nFirst paragraph about trains.\n\nSecond paragraph about planes.';
    const passages: Passage[] = [
      { id: 'p0', kind: 'paragraph', start: 0, end: 21 },
      { id: 'p1', kind: 'paragraph', start: 23, end: 52 },
      { id: 'p2', kind: 'paragraph', start: 54, end: edited.length },
    ];
    const [kept, lost] = reanchorAll(edited, [keep, lose], passages);
    expect(kept?.orphaned).toBe(false);
    expect(edited.slice(kept?.position.start, kept?.position.end)).toBe('planes');
    expect(kept?.passageId).toBe('p2');
    expect(kept?.quote.prefix.endsWith('paragraph about ')).toBe(true);
    expect(lost?.id).toBe('h2');
    expect(lost?.orphaned).toBe(true);
    expect(lost?.quote.exact).toBe('ships');
  });
});

describe('anchoring properties', () => {
  const word = fc.stringMatching(/^[a-z]{1,8}$/);
  const textArb = fc.array(word, { minLength: 5, maxLength: 80 }).map((ws) => ws.join(' '));

  it('after an insertion outside the highlight, the same quote is found at its shifted place', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.nat(),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (text, a, b, inserted, before) => {
          const start = a % text.length;
          const end = start + 1 + (b % (text.length - start));
          fc.pre(text.slice(start, end).trim() !== '');
          const sel = makeSelectors(text, start, end);
          const at = before ? sel.position.start : sel.position.end;
          const edited = text.slice(0, at) + inserted + text.slice(at);
          const range = anchorHighlight(edited, sel);
          expect(range).not.toBeNull();
          expect(edited.slice(range?.start, range?.end)).toBe(sel.quote.exact);
          const expected = before ? sel.position.start + inserted.length : sel.position.start;
          const occurrences = edited.split(sel.quote.exact).length - 1;
          // With several identical copies any of them is a correct anchor; with one, it must be that one.
          if (occurrences === 1) expect(range?.start).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after one character of the quote changes, a long quote still anchors where it was', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), fc.constantFrom('X', '', 'YZ'), (text, a, b, replacement) => {
        fc.pre(text.length >= 30);
        const start = a % (text.length - 20);
        const sel = makeSelectors(text, start, start + 20);
        const len = sel.position.end - sel.position.start;
        fc.pre(len >= 15);
        const at = sel.position.start + 1 + (b % (len - 2));
        const edited = text.slice(0, at) + replacement + text.slice(at + 1);
        const range = anchorHighlight(edited, sel);
        expect(range).not.toBeNull();
        // The match overlaps the edited quote (allowing for the edit shifting its ends by a character or two).
        expect(Math.abs((range?.start ?? -99) - sel.position.start)).toBeLessThanOrEqual(2);
        expect(
          Math.abs((range?.end ?? -99) - (sel.position.end + replacement.length - 1)),
        ).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });
});
