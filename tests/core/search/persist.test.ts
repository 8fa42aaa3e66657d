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
];

describe('SearchIndex persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'quire-search-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through a file with identical results', async () => {
    const index = indexOf(articles);
    index.removeArticle('a2'); // tombstones are compacted on save
    const file = path.join(dir, 'search-index.json');
    await writeFile(file, index.toJSON(), 'utf8');
    const loaded = SearchIndex.fromJSON(await readFile(file, 'utf8'));
    expect(loaded.size).toBe(2);
    expect(loaded.has('a2')).toBe(false);
    for (const q of queries) expect(loaded.search(q, 10), q).toEqual(index.search(q, 10));
  });

  it('keeps indexing after a load, as if it had never been saved', () => {
    const fresh = indexOf(articles);
    const loaded = SearchIndex.fromJSON(indexOf({ a1: articles.a1, a2: articles.a2 }).toJSON());
    loaded.addArticle({ id: 'a3', title: 'Fomin profile' }, bodyOf('a3', ['Fomin visited Naypyitaw.']));
    for (const q of queries) expect(loaded.search(q, 10), q).toEqual(fresh.search(q, 10));
    expect(SearchIndex.fromJSON(new SearchIndex().toJSON()).search('fomin', 10).total).toBe(0);
  });

  it.each([
    ['truncated JSON', (json: string) => json.slice(0, json.length / 2)],
    ['not an index', () => '{"hello":"world"}'],
    ['another version', (json: string) => json.replace('"version":1', '"version":99')],
    ['postings cut short', (json: string) => json.replace(/"postings":"[A-Za-z0-9+/]{8}/, '"postings":"')],
    ['a broken id list', (json: string) => json.replace('"articleIds":[', '"articleIds":[7,')],
    ['empty file', () => ''],
  ])('throws a QuireError for %s so the caller rebuilds', (_what, spoil) => {
    const json = indexOf(articles).toJSON();
    let thrown: unknown;
    try {
      SearchIndex.fromJSON(spoil(json));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(QuireError);
    expect((thrown as QuireError).message).toMatch(/rebuilt/);
  });
});
