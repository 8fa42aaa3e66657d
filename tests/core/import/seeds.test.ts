import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';
import { corpusDir } from './corpus-paths';

interface SeedExpectation {
  file: string;
  title: string;
  author: string | null;
  published: string | null;
  source: string | null;
  paragraphs: number;
  with: string[];
  without: string[];
}

const seedsDir = path.join(corpusDir, 'seeds');
const expected = JSON.parse(readFileSync(path.join(seedsDir, 'expected.json'), 'utf8')) as {
  articles: SeedExpectation[];
};

describe.each(expected.articles)('seed $file', async (seed) => {
  const article = await extractFile(readFileSync(path.join(seedsDir, seed.file)), seed.file);
  const passages = article.passages.map((p) => article.text.slice(p.start, p.end));

  it.each(seed.with)('keeps %s', (snippet) => {
    expect(article.text).toContain(snippet);
  });

  it.each(seed.without)('drops %s', (snippet) => {
    expect(article.text).not.toContain(snippet);
  });

  it('finds the metadata the page states, and invents none', () => {
    expect({
      title: article.title,
      author: article.author,
      published: article.published,
      source: article.source,
    }).toEqual({ title: seed.title, author: seed.author, published: seed.published, source: seed.source });
  });

  it('shows every dropped piece of chrome as a dropped block with a reason, and keeps every body snippet', () => {
    const dropped = article.blocks.filter((b) => !b.kept);
    const kept = article.blocks.filter((b) => b.kept);
    for (const snippet of seed.without) {
      const block = dropped.find((b) => b.text.includes(snippet));
      expect(block, snippet).toBeDefined();
      expect(block?.reason ?? '', snippet).toMatch(/^[a-z][a-z /]+$/);
    }
    for (const snippet of seed.with)
      expect(
        kept.some((b) => b.text.includes(snippet)),
        snippet,
      ).toBe(true);
    expect(dropped.find((b) => b.text === seed.title)?.reason).toBe('title');
  });

  it('has the body paragraphs and nothing else as passages', () => {
    const body = article.passages.filter((p) => p.kind !== 'heading');
    expect(body).toHaveLength(seed.paragraphs);
    expect(passages).not.toContain(seed.title);
  });
});
