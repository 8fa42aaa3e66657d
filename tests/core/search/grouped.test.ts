import { describe, expect, it } from 'vitest';
import { SearchIndex, type ArticleDocMeta } from '../../../src/main/core/search/index';
import { bodyOf } from './helpers';

/** `tags` code the whole article (every passage) with those names. */
type Doc = Omit<ArticleDocMeta, 'id' | 'title' | 'codes'> & {
  paragraphs: string[];
  title: string;
  tags: string[];
};
const none = { source: null, author: null, published: null, codes: [] };
const whole = (tags: string[]) => (tags.length ? [{ start: 0, end: 1_000_000, tags }] : []);

function build(docs: Record<string, Partial<Doc> & { title: string; paragraphs: string[] }>): SearchIndex {
  const index = new SearchIndex();
  for (const [id, { tags = [], ...d }] of Object.entries(docs)) {
    index.addArticle({ ...none, ...d, id, codes: whole(tags) }, bodyOf(id, d.paragraphs));
  }
  return index;
}

const index = build({
  arms: {
    title: 'Moscow arms talks',
    source: 'The Irrawaddy',
    author: 'Ni Ni Lwin',
    published: '2018-05-02',
    tags: ['arms', 'Human Rights'],
    paragraphs: [
      'Russian deputy defense minister Alexander Fomin discussed military cooperation in Naypyitaw.',
      'Six Su-30SM jets were ordered for US$204 million.',
    ],
  },
  china: {
    title: 'Border trade',
    source: 'Frontier Myanmar',
    author: 'José Álvarez',
    published: '2016-11-30',
    tags: ['trade'],
    paragraphs: [
      'China and Myanmar expanded military cooperation along the border.',
      'Fomin was not mentioned.',
    ],
  },
  undated: {
    title: 'Rice report',
    paragraphs: ['Military cooperation aside, rice exports fell.', 'ရွေးကောက်ပွဲ ကို ဆွေးနွေး ခဲ့သည်။'],
  },
});
index.addNote({
  id: 'note1',
  title: 'Reading list',
  body: 'Ask about Fomin.\n\nThe Pantsir order is unclear.',
});

const ids = (q: string, idx = index): string[] =>
  idx
    .search(q, { limit: 20 })
    .groups.map((g) => g.id)
    .sort();

describe('query operators', () => {
  it.each([
    ['fomin', ['arms', 'china', 'note1']],
    ['fomen', ['arms', 'china', 'note1']],
    ['"military cooperation"', ['arms', 'china', 'undated']],
    ['"cooperation military"', []],
    ['military cooperation -china', ['arms', 'undated']],
    ['military -"Frontier trade" -"along the border"', ['arms', 'undated']],
    ['pantsir OR su-30sm', ['arms', 'note1']],
    ['"rice exports" OR naypyitaw', ['arms', 'undated']],
    ['fomin tag:arms', ['arms']],
    ['fomin tag:ARMS', ['arms']],
    ['cooperation tag:"human rights"', ['arms']],
    ['cooperation source:irrawaddy', ['arms']],
    ['cooperation source:"frontier myanmar"', ['china']],
    ['cooperation author:alvarez', ['china']],
    ['cooperation author:LWIN', ['arms']],
    ['cooperation after:2017', ['arms']],
    ['cooperation before:2017-06', ['china']],
    ['cooperation after:2016-11-30 before:2016-11-30', ['china']],
    ['fomin in:notes', ['note1']],
    ['fomin in:articles', ['arms', 'china']],
    ['tag:trade', ['china']],
    ['-fomin', ['undated']],
    ['US$204', ['arms']],
    ['Su-30SM', ['arms']],
    ['ဆွေးနွေး', ['undated']],
  ])('%s → %j', (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it.each([
    ['fomin "military cooperation', 'Unclosed quote: read "military cooperation as a phrase.', ['arms']],
    [
      'cooperation after:2017-13',
      'after:2017-13 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored.',
      ['arms', 'china', 'undated'],
    ],
    [
      'cooperation before:yesterday',
      'before:yesterday is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored.',
      ['arms', 'china', 'undated'],
    ],
    ['OR fomin', 'OR needs a word or phrase on each side; read it as nothing.', ['arms', 'china', 'note1']],
    ['fomin OR', 'OR needs a word or phrase on each side; read it as nothing.', ['arms', 'china', 'note1']],
    ['fomin tag:', 'tag: has nothing after the colon; ignored.', ['arms', 'china', 'note1']],
    [
      'fomin in:everything',
      'in:everything is not a place to search (use in:notes, in:articles or in:memos); ignored.',
      ['arms', 'china', 'note1'],
    ],
  ])('malformed %s degrades with a warning', (q, warning, expected) => {
    const r = index.search(q, { limit: 10 });
    expect(r.warnings).toContain(warning);
    expect(r.groups.map((g) => g.id).sort()).toEqual(expected);
  });

  it('never throws on odd input', () => {
    for (const q of ['"', '-', '--', '-"', 'OR OR', ':', 'tag:"', '"""', 'a:b:c', '-tag:x', '((', '\u0000']) {
      expect(() => index.search(q, { limit: 5 }), q).not.toThrow();
    }
  });

  it('says how it read the query', () => {
    const r = index.search('fomen "military cooperation" -china tag:arms after:2017', { limit: 5 });
    expect(r.interpretation).toBe(
      'all of: fomen (typo-tolerant), "military cooperation"; not: china; tag: arms; on or after 2017-01-01',
    );
    expect(r.corrections).toEqual(['fomen → fomin']);
    expect(index.search('alexander fom', { limit: 5 }).interpretation).toBe(
      'all of: alexander (typo-tolerant), fom (or words starting with it)',
    );
    expect(index.search('a OR b in:notes', { limit: 5 }).interpretation).toBe(
      'all of: a or b; in notes only',
    );
    expect(index.search('', { limit: 5 }).interpretation).toBe('nothing to search for');
  });

  it('excludes undated articles from date filters and notes from metadata filters', () => {
    expect(ids('rice before:2100')).toEqual([]);
    expect(ids('fomin author:lwin')).toEqual(['arms']);
  });

  it('pages through groups with offset and counts groups and passages', () => {
    const r = index.search('cooperation', { limit: 1, offset: 1 });
    expect(r.total).toBe(3);
    expect(r.passageTotal).toBe(3);
    expect(r.groups).toHaveLength(1);
    const all = index.search('cooperation', { limit: 3 }).groups.map((g) => g.id);
    expect(r.groups[0]?.id).toBe(all[1]);
  });
});

describe('grouped results', () => {
  it('returns note paragraphs as passages n<k> with offsets into the body', () => {
    const body = 'Ask about Fomin.\n\nThe Pantsir order is unclear.';
    const g = index.search('pantsir', { limit: 5 }).groups[0];
    expect(g?.kind).toBe('note');
    expect(g?.hits[0]?.passageId).toBe('n1');
    expect(body.slice(g?.hits[0]?.start, g?.hits[0]?.end)).toBe('The Pantsir order is unclear.');
  });

  it('gives article passages their offsets in the text and the matched terms', () => {
    const g = index.search('Naypyitaw', { limit: 5 }).groups[0];
    expect(g?.hits[0]).toMatchObject({ passageId: 'arms:p0', start: 0, terms: ['naypyitaw'] });
  });

  it('shows at most three passages per group, best first, with a bonus for more of them', () => {
    const idx = build({
      many: { title: 'x', paragraphs: ['tank one', 'tank two', 'tank three', 'tank four'] },
      one: { title: 'y', paragraphs: ['tank one'] },
    });
    const r = idx.search('tank', { limit: 5 });
    expect(r.groups.map((g) => g.id)).toEqual(['many', 'one']);
    expect(r.groups[0]?.hits).toHaveLength(3);
    expect(r.passageTotal).toBe(5);
  });

  it('forgets removed notes and follows metadata updates without re-indexing text', () => {
    const idx = build({ a: { title: 't', tags: [], paragraphs: ['zebra crossing'] } });
    idx.addNote({ id: 'n', title: 'Zebra note', body: 'zebra' });
    expect(ids('zebra', idx)).toEqual(['a', 'n']);
    idx.removeNote('n');
    expect(ids('zebra', idx)).toEqual(['a']);
    expect(ids('zebra tag:stripes', idx)).toEqual([]);
    idx.updateArticleMeta({
      ...none,
      id: 'a',
      title: 't',
      codes: whole(['Stripes']),
      published: '2020-01-01',
    });
    expect(ids('zebra tag:stripes after:2019', idx)).toEqual(['a']);
  });
});

describe('grouped ranking', () => {
  const order = (idx: SearchIndex, q: string): string[] =>
    idx.search(q, { limit: 10 }).groups.map((g) => g.id);
  const filler = (i: number): string =>
    `Officials said on Tuesday that report ${i} was filed in the capital city.`;

  it('puts a title hit above a body hit', () => {
    const idx = build({
      body: { title: 'Weekly round-up', paragraphs: ['The Pantsir systems arrived.'] },
      title: { title: 'The Pantsir deal', paragraphs: ['The systems arrived after a long wait on Tuesday.'] },
    });
    expect(order(idx, 'pantsir')).toEqual(['title', 'body']);
  });

  it('puts adjacent words above scattered ones, and closer above distant', () => {
    const idx = build({
      scattered: {
        title: 'a',
        paragraphs: ['Military leaders met; the long talks ended and then cooperation followed.'],
      },
      adjacent: {
        title: 'b',
        paragraphs: ['Leaders met; the long talks ended and military cooperation followed then.'],
      },
      near: {
        title: 'c',
        paragraphs: ['Leaders met; the long talks ended and military talks cooperation followed.'],
      },
    });
    expect(order(idx, 'military cooperation')).toEqual(['adjacent', 'near', 'scattered']);
  });

  it('puts an exact spelling above a typo match', () => {
    const idx = build({
      typo: { title: 'x', paragraphs: ['Fomim.'] },
      exact: {
        title: 'y',
        paragraphs: ['A long passage in which the name Fomin appears once among many other words.'],
      },
    });
    expect(order(idx, 'fomin')).toEqual(['exact', 'typo']);
  });

  it('weighs a rare word above a common one', () => {
    const noise = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`n${i}`, { title: 'n', paragraphs: [`army ${filler(i)}`] }]),
    );
    const idx = build({
      rare: { title: 'r', paragraphs: ['army zebra zebra filler'] },
      common: { title: 'c', paragraphs: ['army army zebra filler'] },
      ...noise,
    });
    expect(order(idx, 'army zebra')).toEqual(['rare', 'common']);
  });

  it('lets an exact phrase find only the passage with the words in order', () => {
    const idx = build({
      phrase: { title: 'p', paragraphs: ['They signed the military cooperation deal.'] },
      apart: { title: 'q', paragraphs: ['Cooperation, not military force, was the point.'] },
    });
    expect(order(idx, '"military cooperation"')).toEqual(['phrase']);
    expect(order(idx, 'military cooperation')).toEqual(['phrase', 'apart']);
  });
});

describe('every counted passage is reachable', () => {
  const many = build({
    long: {
      title: 'Long report',
      paragraphs: Array.from({ length: 7 }, (_, i) => `Paragraph ${i} mentions Fomin again.`),
    },
    short: { title: 'Short note', paragraphs: ['Fomin once.', 'Nothing here.'] },
  });

  it('each group says how many of its passages match; the hits add up to the passage total', () => {
    const r = many.search('fomin', { limit: 10 });
    expect(r.passageTotal).toBe(8);
    expect(r.groups.map((g) => [g.id, g.hitTotal, g.hits.length])).toEqual([
      ['long', 7, 3],
      ['short', 1, 1],
    ]);
    expect(r.groups.reduce((n, g) => n + g.hitTotal, 0)).toBe(r.passageTotal);
  });

  it('within one document, every matching passage comes back, best first', () => {
    const r = many.search('fomin', { limit: 1, hitsPerGroup: 1000, within: { kind: 'article', id: 'long' } });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]?.hits.map((h) => h.passageId).sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `long:p${i}`).sort(),
    );
    expect(many.search('fomin', { limit: 5, within: { kind: 'article', id: 'nope' } }).groups).toEqual([]);
  });
});
