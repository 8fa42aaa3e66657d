// Store benchmark (not a test): time to add N small articles in batches, and to open the result.
// Run with `npx vitest run --config <a config whose include names a file calling runStoreBench>` or from the
// project's bench script; it prints figures, it asserts nothing.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openNotebook } from '../../../src/main/core/store';
import { smallArticle } from './helpers';

export interface StoreBenchResult {
  articles: number;
  batchSize: number;
  addMs: number;
  slowestBatchMs: number;
  openMs: number;
  articlesJsonBytes: number;
}

export async function runStoreBench(articles = 10_000, batchSize = 200): Promise<StoreBenchResult> {
  const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'quire-bench-')), 'nb');
  const now = () => new Date();
  const store = await openNotebook(dir, { appVersion: 'bench', create: true, now });
  let slowestBatchMs = 0;
  const start = performance.now();
  for (let i = 0; i < articles; i += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, articles - i) }, (_, j) => smallArticle(i + j));
    const t = performance.now();
    await store.addArticles(batch);
    slowestBatchMs = Math.max(slowestBatchMs, performance.now() - t);
  }
  const addMs = performance.now() - start;
  await store.close();
  const t = performance.now();
  const again = await openNotebook(dir, { appVersion: 'bench', create: false, now });
  const openMs = performance.now() - t;
  if (again.articles().length !== articles) throw new Error('bench: articles missing after reopen');
  await again.close();
  const articlesJsonBytes = (await fs.stat(path.join(dir, 'articles.json'))).size;
  await fs.rm(path.dirname(dir), { recursive: true, force: true });
  return { articles, batchSize, addMs, slowestBatchMs, openMs, articlesJsonBytes };
}
