import { describe, expect, it } from 'vitest';
import { normalizeTerm, tokenize } from '../../../src/main/core/search/tokenize';

const terms = (text: string): string[] => tokenize(text).map((t) => t.term);

describe('tokenize', () => {
  it.each([
    ['Su-30SM', ['su-30sm', 'su30sm', 'su', '30sm']],
    ['US$204', ['us$204', 'us204', 'us', '204']],
    ['MiG-29', ['mig-29', 'mig29', 'mig', '29']],
    ['$5.74 billion', ['5.74', '574', '5', '74', 'billion']],
    ['Fómin NAÏVE Ærø Łódź', ['fomin', 'naive', 'ærø', 'łodz']],
    ['café', ['cafe']],
    ['Myanmar’s army.', ['myanmar', 's', 'army']],
    ['end-', ['end']],
  ])('%s → %j', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('gives offsets into the original text, also when normalisation changes lengths', () => {
    const text = 'Le ﬁnal de Fo\u0301min, Su-30SM';
    for (const t of tokenize(text)) {
      expect(normalizeTerm(text.slice(t.start, t.end)).replace(/[-.$_]/g, '')).toBe(
        t.term.replace(/[-.$_]/g, ''),
      );
    }
    const fin = text.indexOf('ﬁnal');
    const fom = text.indexOf('Fo');
    expect(tokenize(text).find((t) => t.term === 'final')).toMatchObject({ start: fin, end: fin + 4 });
    expect(tokenize(text).find((t) => t.term === 'fomin')).toMatchObject({ start: fom, end: fom + 6 });
  });

  it('gives compound parts consecutive positions and the next word the position after them', () => {
    const tokens = tokenize('six Su-30SM jets');
    const pos = Object.fromEntries(tokens.map((t) => [t.term, t.pos]));
    expect(pos).toMatchObject({ six: 0, 'su-30sm': 1, su: 1, '30sm': 2, jets: 3 });
  });

  it('indexes Burmese as overlapping bigrams that keep the vowel signs', () => {
    const tokens = tokenize('ဒုံးကျည် ။ ok');
    const grams = tokens.filter((t) => t.role === 'gram');
    expect(grams.map((t) => t.term)).toEqual(['ဒု', 'ုံ', 'ံး', 'းက', 'ကျ', 'ျည', 'ည်']);
    expect(grams.map((t) => t.pos)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The sentence mark ။ is punctuation, not a token.
    expect(tokens.map((t) => t.term)).not.toContain('။');
    expect(tokens[tokens.length - 1]).toMatchObject({ term: 'ok', pos: 7 });
  });

  it('treats CJK the same way, with astral characters kept whole', () => {
    expect(terms('北京市')).toEqual(['北京', '京市']);
    const astral = tokenize('𠀀𠀁');
    expect(astral).toEqual([{ term: '𠀀𠀁', start: 0, end: 4, pos: 0, role: 'gram' }]);
  });

  it('ignores punctuation, symbols and emoji', () => {
    expect(terms('— “quoted” (x) 🚀 #tag @user')).toEqual(['quoted', 'x', 'tag', 'user']);
  });
});
