// Search on real material: the two seed pages, and a 300-article synthetic corpus with known answers.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/main/core/search/index';
import { makeSnippet } from '../../../src/main/core/search/snippet';
import { bodyOf, paragraphsOfPage } from './helpers';
import type { ManifestEntry, QueryCase } from '../../../scripts/gen-corpus-types';

const shared = path.resolve(__dirname, '../../../../shared');
const seeds = path.join(shared, 'corpus/seeds');

describe('search on the seed pages', () => {
  const index = new SearchIndex();
  const texts = new Map<string, string>();

  beforeAll(async () => {
    for (const file of ['000_07f86e086a543867.txt', '003_0bc413b256a4f06c.txt']) {
      const [title = '', ...paragraphs] = paragraphsOfPage(await readFile(path.join(seeds, file), 'utf8'));
      const body = bodyOf(file, paragraphs);
      for (const p of body.passages) texts.set(p.id, body.text.slice(p.start, p.end));
      index.addArticle({ id: file, title }, body);
    }
  });

  it('finds "Alexander Fomin" for the typo Fomen, says so, and marks the name in the snippet', () => {
    const r = index.searchPassages('Fomen', 20);
    expect(r.corrections).toContain('fomen → fomin');
    const found = r.hits.map((h) => texts.get(h.passageId) ?? '');
    expect(found.some((t) => t.includes('Alexander Fomin'))).toBe(true);
    // Other one-edit look-alikes ("women") may match too, but only below every Fomin passage.
    const mentions = found.map((t) => /fomin/i.test(t));
    expect(mentions.indexOf(false) === -1 || mentions.lastIndexOf(true) < mentions.indexOf(false)).toBe(true);
    const first = r.hits[0];
    const { snippet, marks } = makeSnippet(texts.get(first?.passageId ?? '') ?? '', first?.terms ?? []);
    expect(marks.map(([s, e]) => snippet.slice(s, e))).toContain('Fomin');
  });

  it('finds the Su-30SM contract by the model name and by the sum', () => {
    for (const q of ['Su-30SM', 'US$204 million', '"Su-30SM fighter jets"']) {
      const hit = index.searchPassages(q, 5).hits[0];
      expect(texts.get(hit?.passageId ?? ''), q).toContain('six Sukhoi Su-30SM fighter jets');
    }
  });
});

describe('search on a generated corpus (gen-corpus --n 300)', () => {
  let dir: string;
  let queries: QueryCase[];
  const index = new SearchIndex();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'quire-gen-'));
    execFileSync(process.execPath, [
      path.join(shared, 'tools/gen-corpus.mjs'),
      ...['--out', dir, '--n', '300', '--burmese', '0.05'],
    ]);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
    for (const m of manifest) index.addArticle({ id: m.file, title: m.title }, bodyOf(m.file, m.paragraphs));
    queries = JSON.parse(await readFile(path.join(dir, 'queries.json'), 'utf8')) as QueryCase[];
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['exact-token', 'typo', 'phrase', 'bag', 'burmese'])(
    'recall@10 for %s queries is at least 0.95',
    (kind) => {
      const cases = queries.filter((q) => q.kind === kind && q.expect.length > 0);
      expect(cases.length).toBeGreaterThan(10);
      let recall = 0;
      const misses: string[] = [];
      for (const q of cases) {
        // Hits are passages; recall is over the first 10 distinct articles.
        const files = [...new Set(index.searchPassages(q.query, 100).hits.map((h) => h.articleId))].slice(
          0,
          10,
        );
        const wanted = q.expect.slice(0, 10);
        const got = wanted.filter((f) => files.includes(f)).length;
        recall += got / wanted.length;
        if (got < wanted.length) misses.push(q.query);
      }
      expect(recall / cases.length, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('finds each typo query through a correction to the planted word', () => {
    for (const q of queries.filter((x) => x.kind === 'typo')) {
      const r = index.searchPassages(q.query, 10);
      expect(r.hits[0]?.articleId, q.query).toBe(q.expect[0]);
      expect(r.corrections, q.query).toHaveLength(1);
    }
  });
});
