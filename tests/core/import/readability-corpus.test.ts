import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';
import { corpusDir, tokenRecall } from './corpus-paths';

const root = path.join(corpusDir, 'readability');
const pages = readdirSync(root).filter((d) => existsSync(path.join(root, d, 'source.html')));
const recall: Record<'html' | 'txt', number[]> = { html: [], txt: [] };
const collapse = (s: string): string => s.replace(/\s+/g, ' ');
const SCRIPTISH = /<script\b|<style\b|function\s*\(\)\s*\{/gi;
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/gi;

describe.each(['html', 'txt'] as const)('readability pages as source.%s', (format) => {
  it.each(pages)('%s', async (page) => {
    const dir = path.join(root, page);
    const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8');
    const article = await extractFile(readFileSync(path.join(dir, `source.${format}`)), `source.${format}`);
    expect(article.title.trim()).not.toBe('');
    expect(article.text.trim()).not.toBe('');
    // Markup and script text only where the article itself shows them as text (code samples).
    const shown = collapse(expected);
    for (const code of article.text.match(SCRIPTISH) ?? [])
      expect(shown, `${page}: ${code}`).toContain(collapse(code));
    if (format === 'html') {
      for (const tag of article.text.match(TAG) ?? [])
        expect(shown, `${page}: ${tag}`).toContain(collapse(tag));
    }
    recall[format].push(tokenRecall(article.text, expected));
  });

  it(`reports the average token recall against expected.txt (source.${format})`, () => {
    const scores = recall[format];
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    console.log(
      `readability ${format}: ${scores.length} pages, mean token recall ${mean.toFixed(3)} vs expected.txt`,
    );
    expect(scores).toHaveLength(pages.length);
  });
});
