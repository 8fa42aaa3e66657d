import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/main/core/search/index';
import { bodyOf, indexOf } from './helpers';

const articles = {
  a1: [
    'Moscow talks on air defence',
    'The general met Russian deputy defense minister Alexander Fomin on Monday.',
    'Myanmar ordered six Sukhoi Su-30SM fighter jets in a contract worth about US$204 million in 2020.',
    'In 2001, the Tatmadaw purchased 12 MiG-29 fighter jets from Russia.',
  ],
  a2: [
    'Regional economy',
    'Minister defense deputy: the order of words differs here.',
    'Rice exports fell sharply as the monsoon arrived late.',
    'ရွေးကောက်ပွဲ ကို ဆွေးနွေး ခဲ့သည်။',
  ],
  a3: ['Russia and Myanmar', 'Fomin visited Naypyitaw in March.', 'Nothing else to report.'],
};

const passages = (index: SearchIndex, query: string): string[] =>
  index
    .searchPassages(query, 50)
    .hits.map((h) => h.passageId)
    .sort();

describe('SearchIndex matching', () => {
  const index = indexOf(articles);

  it('finds a word in every passage that has it and counts passages in total', () => {
    const r = index.searchPassages('fomin', 10);
    expect(r.total).toBe(2);
    expect(passages(index, 'fomin')).toEqual(['a1:p0', 'a3:p0']);
    expect(r.hits.every((h) => h.terms.includes('fomin'))).toBe(true);
  });

  it('is case- and diacritic-insensitive', () => {
    expect(passages(index, 'FÓMIN')).toEqual(['a1:p0', 'a3:p0']);
  });

  it('requires every word (AND) within a passage or its article title', () => {
    expect(passages(index, 'fomin monday')).toEqual(['a1:p0']);
    expect(passages(index, 'fomin rice')).toEqual([]);
    // "myanmar" is in a3's title, so a3's Fomin passage satisfies both words; a1 has it in another passage.
    expect(passages(index, 'myanmar fomin')).toEqual(['a3:p0']);
  });

  it('lets a title satisfy a common word while a rare word matches in the passage', () => {
    const index = indexOf({
      t: ['Common ground', 'Nothing here.', 'A zebra appeared.'],
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`o${i}`, ['Other', `common word ${i}`]])),
    });
    expect(passages(index, 'common zebra')).toEqual(['t:p1']);
    expect(passages(index, 'zebra common')).toEqual(['t:p1']);
  });

  it('returns an article whose title alone matches on its first passage', () => {
    expect(passages(index, 'regional economy')).toEqual(['a2:p0']);
  });

  it('tolerates one typo in words of 4-7 letters and reports the correction', () => {
    const r = index.searchPassages('Fomen', 10);
    expect(r.hits.map((h) => h.passageId).sort()).toEqual(['a1:p0', 'a3:p0']);
    expect(r.corrections).toEqual(['fomen → fomin']);
    expect(r.hits[0]?.terms).toEqual(['fomin']);
  });

  it('counts a transposition as one edit', () => {
    expect(passages(index, 'Fmoin')).toEqual(['a1:p0', 'a3:p0']);
  });

  it('allows no typo below 4 letters, one for 4-7, two from 8', () => {
    expect(passages(index, 'ric exports')).toEqual([]); // "ric" is 3 letters: no fuzzy (and not last: no prefix)
    expect(passages(index, 'Famen')).toEqual([]); // two edits in a 5-letter word
    expect(passages(index, 'Tatmadwa')).toEqual(['a1:p2']); // one transposition, 8 letters
    expect(passages(index, 'Tqtmadwa')).toEqual(['a1:p2']); // substitution + transposition, 8 letters
    expect(passages(index, 'Tatmdwa')).toEqual([]); // deletion + transposition in a 7-letter word
  });

  it('matches the last word as a prefix while typing, but not earlier words', () => {
    expect(passages(index, 'alexander fom')).toEqual(['a1:p0']);
    expect(passages(index, 'fom alexander')).toEqual([]);
  });

  it('matches "exact phrases" only in order', () => {
    expect(passages(index, '"deputy defense minister"')).toEqual(['a1:p0']);
    expect(passages(index, 'deputy defense minister')).toEqual(['a1:p0', 'a2:p0']);
    expect(passages(index, '"six Sukhoi Su-30SM fighter"')).toEqual(['a1:p1']);
    expect(passages(index, '"minister deputy')).toEqual([]); // an unclosed quote is still a phrase
    expect(passages(index, '"defense deputy')).toEqual(['a2:p0']);
  });

  it('finds compounds whole, joined and by either part', () => {
    for (const q of ['Su-30SM', 'su30sm', '30SM', 'US$204', 'us204', 'MiG-29', 'MiG29']) {
      expect(passages(index, `${q} jets`), q).toEqual(
        q.toLowerCase().startsWith('mig') ? ['a1:p2'] : ['a1:p1'],
      );
    }
    expect(passages(index, 'Russian-deputy')).toEqual(['a1:p0']); // typed compound, text has two words
  });

  it('finds a Burmese word inside a passage written in Burmese', () => {
    expect(passages(index, 'ရွေးကောက်ပွဲ')).toEqual(['a2:p2']);
    expect(passages(index, 'ဆွေးနွေး')).toEqual(['a2:p2']);
    expect(passages(index, 'ကောက်ရွေး')).toEqual([]);
    // The word is reported as the matched term (its bigrams also occur inside other words).
    expect(index.searchPassages('ဆွေးနွေး', 10).hits[0]?.terms).toEqual(['ဆွေးနွေး']);
  });

  it('answers an empty or punctuation-only query with nothing', () => {
    expect(index.searchPassages('', 10)).toEqual({ total: 0, hits: [], corrections: [] });
    expect(index.searchPassages(' "" — ', 10).total).toBe(0);
  });

  it('returns at most `limit` hits but the full total', () => {
    const many = indexOf({ x: ['t', ...Array.from({ length: 30 }, (_, i) => `tank number ${i}`)] });
    const r = many.searchPassages('tank', 5);
    expect(r.hits).toHaveLength(5);
    expect(r.total).toBe(30);
  });
});

describe('SearchIndex ranking', () => {
  it('ranks a title hit above a body hit', () => {
    const index = indexOf({
      body: ['Weekly round-up', 'Pantsir Pantsir systems arrived.'],
      title: [
        'The Pantsir deal',
        'The systems arrived after a long wait, officials said on Tuesday in the capital.',
      ],
    });
    expect(index.searchPassages('pantsir', 10).hits.map((h) => h.articleId)).toEqual(['title', 'body']);
  });

  it('ranks an exact spelling above a typo, even in a longer passage', () => {
    const index = indexOf({
      typo: ['x', 'Fomim.'],
      exact: [
        'y',
        'A long passage about many things in which the name Fomin appears only once among other words.',
      ],
    });
    expect(index.searchPassages('fomin', 10).hits.map((h) => h.articleId)).toEqual(['exact', 'typo']);
  });

  it('weighs a rare word more than a common one', () => {
    const filler = Array.from({ length: 20 }, (_, i) => `army report ${i}`);
    const index = indexOf({
      rareTwice: ['r', 'army zebra zebra filler'],
      commonTwice: ['c', 'army army zebra filler'],
      noise: ['n', ...filler],
    });
    expect(index.searchPassages('army zebra', 10).hits.map((h) => h.articleId)).toEqual([
      'rareTwice',
      'commonTwice',
    ]);
  });

  it('orders hits by descending score', () => {
    const index = indexOf(articles);
    const scores = index.searchPassages('defense minister', 10).hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('SearchIndex maintenance', () => {
  it('forgets a removed article and replaces one added again', () => {
    const index = indexOf(articles);
    expect(index.size).toBe(3);
    index.removeArticle('a3');
    expect(index.has('a3')).toBe(false);
    expect(index.size).toBe(2);
    expect(passages(index, 'fomin')).toEqual(['a1:p0']);
    index.addArticle({ id: 'a1', title: 'Replaced' }, bodyOf('a1', ['Only this now mentions Fomin.']));
    expect(index.size).toBe(2);
    expect(index.searchPassages('fomin', 10).hits.map((h) => h.passageId)).toEqual(['a1:p0']);
    expect(index.searchPassages('sukhoi', 10).total).toBe(0);
    index.removeArticle('nope'); // unknown ids are ignored
  });

  it('keeps answering correctly after many removals compact the index', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 60; i++) {
      index.addArticle(
        { id: `n${i}`, title: `Item ${i}` },
        bodyOf(`n${i}`, [`tank ${i} word${i}`, 'shared text']),
      );
    }
    for (let i = 0; i < 50; i++) index.removeArticle(`n${i}`);
    expect(index.size).toBe(10);
    expect(index.searchPassages('tank', 100).total).toBe(10);
    // word50..word59 are one edit from word55: all match, the exact one first.
    expect(index.searchPassages('word55', 10).hits[0]?.articleId).toBe('n55');
    expect(index.searchPassages('"word55"', 10).hits.map((h) => h.articleId)).toEqual(['n55']);
    // Prefix completions of the last word come only from live articles.
    const live = Array.from({ length: 10 }, (_, i) => `n${50 + i}`);
    expect(
      index
        .searchPassages('word5', 20)
        .hits.map((h) => h.articleId)
        .sort(),
    ).toEqual(live);
    index.addArticle({ id: 'late', title: 'Late' }, bodyOf('late', ['tank arrives late']));
    expect(index.searchPassages('tank late', 10).hits.map((h) => h.articleId)).toEqual(['late']);
  });
});
