// One import, through the API, of everything hostile an importer meets: it must answer in bounded time, refuse
// each bad file with a reason a person can read (or import it sanitized), import the good files, and leave a
// notebook that still lists and searches. The long version is scripts/faults/hostile.ts.
import { rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/main/core/api-contract';
import { createExtractorPool } from '../../src/main/core/import/extract-pool';
import { openTestNotebook, tempDir, type TestNotebook } from '../helpers/notebook';
import { buildHostileCorpus, outcomeOf, problemsWith, type HostileCorpus } from './hostile-corpus';

const worker = new URL('../../src/main/core/import/extract-worker.ts', import.meta.url);

describe('importing hostile files', () => {
  let root: string;
  let corpus: HostileCorpus;
  let nb: TestNotebook;
  let report: ImportReport;

  beforeAll(async () => {
    root = await tempDir('quire-hostile-');
    corpus = await buildHostileCorpus(root);
    for (const reason of corpus.skipped) console.info(`hostile files: skipped ${reason}`);
    // Through a worker pool, as the app and `quire import` do.
    nb = await openTestNotebook({ extractor: createExtractorPool({ workerUrl: worker, size: 2 }) });
    // The walk has listed every file once the first progress event arrives; the vanishing file is read last.
    let vanished = false;
    const stop = nb.events.subscribe((name) => {
      if (name !== 'importProgress' || vanished) return;
      vanished = true;
      void unlink(corpus.vanishing);
    });
    report = await nb.call('importPaths', { paths: corpus.paths });
    stop();
  }, 120_000);

  afterAll(async () => {
    await nb?.core.extractor.close();
    await nb?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses every bad file with a human reason and imports every other one, sanitized', () => {
    const problems = corpus.files.flatMap((file) => problemsWith(file, outcomeOf(report, file.path)));
    expect(problems).toEqual([]);
  });

  it('reports each file once, and nothing it was not given', () => {
    const named = [...report.imported, ...report.duplicates, ...report.failed].map((f) => f.file);
    expect(new Set(named).size).toBe(named.length);
    const known = new Set(corpus.files.map((f) => f.path));
    expect(named.filter((f) => !known.has(f))).toEqual([]);
  });

  it('stores no markup, script address or control character from the hostile files', async () => {
    for (const { id } of report.imported) {
      const article = await nb.call('articleGet', { id });
      expect(article.text).not.toMatch(/<script|onerror=|javascript:/i);
      // eslint-disable-next-line no-control-regex -- control characters are what must not be stored
      expect(article.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/);
      const url = article.article.url;
      expect(url === null || /^(?:https?|mailto):/i.test(url)).toBe(true);
    }
  });

  it('keeps the article inside HTML nested 100,000 deep, and the text around a 10 MB token', async () => {
    const byFile = new Map(report.imported.map((a) => [a.file, a.id]));
    const deep = byFile.get(join(root, 'extra', 'nested-100k.html'));
    const token = byFile.get(join(root, 'extra', 'token-10mb.txt'));
    expect(deep && (await nb.call('articleGet', { id: deep })).text).toContain('signed a defence agreement');
    expect(token && (await nb.call('articleGet', { id: token })).text).toContain('six fighter jets');
  });

  it('leaves a notebook that still lists and searches', async () => {
    const list = await nb.call('articleList', {});
    expect(list.length).toBe(report.imported.length);
    const hits = await nb.call('search', { query: 'defence agreement' });
    expect(hits.total).toBeGreaterThan(0);
  });
});
