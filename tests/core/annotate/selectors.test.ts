import { describe, expect, it } from 'vitest';
import { makeSelectors } from '../../../src/main/core/annotate/selectors';
import { QuireError } from '../../../src/main/core/errors';

describe('makeSelectors', () => {
  const text = 'The general met Russian deputy defense minister Alexander Fomin on Monday. He said more.';

  it('stores the quote with 32 characters of context each side', () => {
    const start = text.indexOf('Alexander');
    const sel = makeSelectors(text, start, start + 'Alexander Fomin'.length);
    expect(sel.quote.exact).toBe('Alexander Fomin');
    expect(sel.quote.prefix).toBe(text.slice(start - 32, start));
    expect(sel.quote.prefix).toHaveLength(32);
    expect(sel.quote.suffix).toBe(' on Monday. He said more.');
  });

  it('drops the spaces and newlines a drag grabs at the edges', () => {
    const start = text.indexOf(' Alexander');
    const sel = makeSelectors(text, start, start + ' Alexander Fomin '.length);
    expect(sel.quote.exact).toBe('Alexander Fomin');
    expect(text.slice(sel.position.start, sel.position.end)).toBe('Alexander Fomin');
  });

  it('never splits an emoji or other surrogate pair', () => {
    const t = 'before 😀 after';
    const i = t.indexOf('😀');
    const sel = makeSelectors(t, i + 1, i + 2);
    expect(sel.quote.exact).toBe('😀');
  });

  it('rejects empty and out-of-range selections with a sentence a person understands', () => {
    expect(() => makeSelectors(text, 3, 4)).toThrow(/selection is empty/);
    expect(() => makeSelectors(text, 5, 5)).toThrow(QuireError);
    expect(() => makeSelectors(text, 10, text.length + 1)).toThrow(/outside the article/);
    try {
      makeSelectors(text, -1, 2);
    } catch (e) {
      expect(e instanceof QuireError && e.code).toBe('BAD_INPUT');
    }
  });
});
