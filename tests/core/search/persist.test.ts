import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuireError } from '../../../src/main/core/errors';
import { SearchIndex } from '../../../src/main/core/search/index';
import { bodyOf, indexOf } from './helpers';

const articles = {
  a1: [
    'Moscow talks',
    'The general met deputy defense minister Alexander Fomin.',
    'Six Su-30SM jets for US$204 million.',
  ],
  a2: ['Economy', 'Rice exports fell.', 'ရွေးကောက်ပွဲ ကို ဆွေးနွေး ခဲ့သည်။'],
  a3: ['Fomin profile', 'Fomin visited Naypyitaw.'],
};
const queries = [
  'fomin',
  'Fomen',
  'alexander fom',
  '"deputy defense"',
  'Su-30SM',
  'ရွေးကောက်ပွဲ',
  'rice',
  'nothing here',
  'fomin in:notes',
  'fomin tag:arms',
  'fomin -naypyitaw',
  'fomin after:2019',
];

/** The article, tags and note that `rich()` adds to the three base articles. */
function addExtras(index: SearchIndex): SearchIndex {
  index.addArticle(
    {
      id: 'a4',
      title: 'Arms deal',
      source: 'The Irrawaddy',
      author: 'Ni Ni',
      published: '2020-02-01',
      codes: [{ start: 0, end: 27, tags: ['arms'] }],
    },
    bodyOf('a4', ['Fomin signed the arms deal.', 'More on Fomin later.']),
  );
  index.addNote({ id: 'n1', title: 'Fomin notes', body: 'Who is Fomin?\n\nCheck the Su-30SM order.' });
  return index;
}

function rich(): SearchIndex {
  return addExtras(indexOf(articles));
}

describe('SearchIndex persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'quire-search-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through a binary file with identical results, notes and metadata included', async () => {
    const index = rich();
    index.removeArticle('a2'); // tombstones are compacted on save
    const file = path.join(dir, 'search-index.bin');
    await writeFile(file, index.serialize());
    const loaded = SearchIndex.deserialize(await readFile(file));
    expect(loaded.size).toBe(4);
    expect(loaded.has('a2')).toBe(false);
    for (const q of queries) {
      expect(loaded.search(q, { limit: 10 }), q).toEqual(index.search(q, { limit: 10 }));
      expect(loaded.searchPassages(q, 10), q).toEqual(index.searchPassages(q, 10));
    }
  });

  it('keeps indexing after a load, as if it had never been saved', () => {
    const fresh = rich();
    const partial = indexOf({ a1: articles.a1, a2: articles.a2, a3: articles.a3 });
    const loaded = addExtras(SearchIndex.deserialize(partial.serialize()));
    for (const q of queries)
      expect(loaded.search(q, { limit: 10 }), q).toEqual(fresh.search(q, { limit: 10 }));
    expect(SearchIndex.deserialize(new SearchIndex().serialize()).search('fomin', { limit: 10 }).total).toBe(
      0,
    );
  });

  it('still reads and writes through the text form the session stores', () => {
    const index = rich();
    const loaded = SearchIndex.fromJSON(index.toJSON());
    for (const q of queries)
      expect(loaded.search(q, { limit: 10 }), q).toEqual(index.search(q, { limit: 10 }));
  });

  const flip = (at: (b: Uint8Array) => number) => (b: Uint8Array) => {
    const c = b.slice();
    const i = at(c);
    c[i] = (c[i] ?? 0) ^ 0x5a;
    return c;
  };
  it.each([
    ['truncated bytes', (b: Uint8Array) => b.slice(0, b.length >> 1)],
    ['not an index', () => new TextEncoder().encode('{"hello":"world"}')],
    [
      'another version',
      (b: Uint8Array) => {
        const c = b.slice();
        new DataView(c.buffer).setUint32(4, 1, true);
        return c;
      },
    ],
    ['a flipped byte in the postings', flip((b) => b.length - 3)],
    ['a flipped byte in the string table', flip(() => 80)],
    ['empty input', () => new Uint8Array(0)],
  ])('throws a QuireError for %s so the caller rebuilds', (_what, spoil) => {
    const bytes = rich().serialize();
    let thrown: unknown;
    try {
      SearchIndex.deserialize(spoil(bytes));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(QuireError);
    expect((thrown as QuireError).message).toMatch(/rebuilt/);
  });

  it('throws a QuireError for an old JSON cache', () => {
    expect(() => SearchIndex.fromJSON('{"format":"quire-search-index","version":1,"articleIds":[]}')).toThrow(
      QuireError,
    );
  });
});
