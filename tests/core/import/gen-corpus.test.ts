import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isQuireError } from '../../../src/main/core/errors';
import { extractFile } from '../../../src/main/core/import/extract';
import { captionOf } from '../../../src/main/core/import/text-shape';
import type { Extraction } from '../../../src/main/core/types';
import type { ManifestEntry } from '../../../scripts/gen-corpus-types';
import { genCorpusTool } from './corpus-paths';

interface HostileEntry {
  file: string;
  what: string;
  expect: 'refuse with a clear error' | 'import sanitized';
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-gen-'));
execFileSync(process.execPath, [genCorpusTool, '--out', dir, '--n', '40', '--hostile'], { stdio: 'ignore' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = <T>(rel: string): T => JSON.parse(readFileSync(path.join(dir, rel), 'utf8')) as T;

describe('generated corpus (40 articles)', async () => {
  const manifest = read<ManifestEntry[]>('manifest.json');
  const results = await Promise.all(
    manifest.map(async (entry) => {
      const article = await extractFile(readFileSync(path.join(dir, entry.file)), entry.file);
      const passages = new Set(article.passages.map((p) => article.text.slice(p.start, p.end)));
      const kept = entry.paragraphs.filter((p) => passages.has(p.normalize('NFC'))).length;
      const leftovers = entry.boilerplate.filter((b) => article.text.includes(b));
      return { entry, article, kept, leftovers };
    }),
  );

  it('finds title, author, date, outlet and url exactly as stated (null where the file states none)', () => {
    const pick = (x: ManifestEntry | Extraction) => ({
      title: x.title,
      author: x.author,
      published: x.published,
      source: x.source,
      url: x.url,
    });
    for (const { entry, article } of results)
      expect({ file: entry.file, ...pick(article) }).toEqual({ file: entry.file, ...pick(entry) });
  });

  it('keeps each photo caption once, without its credit (the manifest lists the whole line as chrome)', () => {
    let captions = 0;
    for (const { entry, article } of results) {
      const passages = article.passages.map((p) => article.text.slice(p.start, p.end));
      for (const line of entry.boilerplate) {
        const caption = captionOf(line);
        if (caption === null) continue;
        captions++;
        expect(
          passages.filter((p) => p === caption),
          `${entry.file}: ${caption}`,
        ).toHaveLength(1);
        expect(article.blocks.some((b) => !b.kept && b.reason === 'image credit')).toBe(true);
      }
    }
    expect(captions).toBeGreaterThan(10);
  });

  it('keeps at least 90% of the true paragraphs as whole passages and reports the pass rate', () => {
    const total = results.reduce((n, r) => n + r.entry.paragraphs.length, 0);
    const kept = results.reduce((n, r) => n + r.kept, 0);
    const clean = results.filter(
      (r) => r.kept === r.entry.paragraphs.length && r.leftovers.length === 0,
    ).length;
    console.log(
      `gen-corpus: ${kept}/${total} paragraphs kept; ${clean}/${results.length} files fully clean ` +
        `(every paragraph kept, no boilerplate left)`,
    );
    expect(kept / total).toBeGreaterThanOrEqual(0.9);
  });
});

describe('hostile files', () => {
  const hostile = read<HostileEntry[]>('hostile/manifest.json');

  it.each(hostile.map((h) => [h.file, h] as const))('%s', async (_name, h) => {
    let article: Extraction | null = null;
    let error: unknown = null;
    try {
      article = await extractFile(readFileSync(path.join(dir, 'hostile', h.file)), h.file);
    } catch (e) {
      error = e;
    }
    if (h.expect === 'refuse with a clear error') {
      expect(isQuireError(error), `${h.what}: ${String(error)}`).toBe(true);
      const message = error instanceof Error ? error.message : '';
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).not.toContain('\n');
      return;
    }
    expect(error, h.what).toBeNull();
    if (!article) return;
    expect(article.text.trim()).not.toBe('');
    expect(article.text).toBe(article.text.normalize('NFC'));
    expect(article.text).not.toMatch(
      // eslint-disable-next-line no-control-regex -- asserting that control characters are gone
      /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200b\ufeff]/,
    );
    expect(article.text).not.toMatch(/<script|javascript:|onerror|onload|<iframe/i);
    expect(article.text).not.toContain('SECURITY: ---js front matter was executed');
    expect(article.title).not.toMatch(/[\n<]/);
  });
});
