import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServices } from '../../../src/main/core/app/create';
import { extractFile } from '../../../src/main/core/import/extract';
import {
  createExtractorPool,
  extractorBeside,
  inProcessExtractor,
  type Extractor,
} from '../../../src/main/core/import/extract-pool';
import { openTestNotebook, seedFiles, sharedDir, tempDir } from '../../helpers/notebook';

const realWorker = new URL('../../../src/main/core/import/extract-worker.ts', import.meta.url);
const misbehavingWorker = new URL('./fixtures/misbehaving-extract-worker.ts', import.meta.url);
const genCorpus = join(sharedDir, 'tools', 'gen-corpus.mjs');

async function rejection(p: Promise<unknown>): Promise<{ code?: unknown; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return { code: 'code' in e ? e.code : undefined, message: e.message };
    return { message: String(e) };
  }
  throw new Error('expected the extraction to fail');
}

describe('extractor pool (worker threads)', () => {
  let pool: Extractor;
  beforeAll(() => {
    pool = createExtractorPool({ workerUrl: realWorker, size: 2 });
  });
  afterAll(() => pool.close());

  it('extracts the seeds exactly as extractFile does on the main thread', async () => {
    for (const file of Object.values(seedFiles)) {
      const bytes = new Uint8Array(await readFile(file));
      const [inWorker, inProcess] = await Promise.all([
        pool.extract(bytes, 'seed.txt'),
        extractFile(bytes, 'seed.txt'),
      ]);
      expect(inWorker).toEqual(inProcess);
      expect(inWorker.passages.length).toBeGreaterThan(5);
    }
  });

  it('leaves the caller its bytes (the import stores them as the source)', async () => {
    const bytes = new Uint8Array(await readFile(seedFiles.ties));
    const before = Buffer.from(bytes).toString('base64');
    await pool.extract(bytes, 'seed.txt');
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });

  it('reports a refused file with the same code and sentence as in-process extraction', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    for (const name of ['picture.txt', 'picture.png']) {
      const viaPool = await rejection(pool.extract(png, name));
      expect(viaPool).toEqual(await rejection(extractFile(png, name)));
      expect(viaPool.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('falls back to in-process extraction where no built worker sits beside the entry', async () => {
    expect(extractorBeside(import.meta.url)).toBe(inProcessExtractor);
    const dir = await tempDir();
    await writeFile(join(dir, 'extract-worker.js'), '');
    const beside = extractorBeside(new URL(`file://${dir}/cli.js`).href, { size: 3 });
    expect(beside).not.toBe(inProcessExtractor);
    expect(beside.parallelism).toBe(3);
    await beside.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('a worker that hangs, runs out of memory or stops fails only its own file', () => {
  const good = () => readFile(seedFiles.ties).then((b) => new Uint8Array(b));

  it('terminates a worker past the time limit, replaces it, and the next file still works', async () => {
    const pool = createExtractorPool({ workerUrl: misbehavingWorker, size: 1, timeoutMs: 1000 });
    try {
      const bytes = await good();
      // Queued behind the hanging file on the pool's only worker: it must run on the replacement.
      const [hung, next] = await Promise.allSettled([
        pool.extract(bytes, 'hang.txt'),
        pool.extract(bytes, 'a.txt'),
      ]);
      expect(hung.status).toBe('rejected');
      expect(hung.status === 'rejected' && String(hung.reason.message)).toBe(
        'Reading this file took longer than 1 second, so Quire skipped it.',
      );
      expect(next.status === 'fulfilled' && next.value.title).toBe('The Ties of Myanmar with Russia');
    } finally {
      await pool.close();
    }
  });

  it('a worker that exhausts its heap fails its file with a plain reason; the pool goes on', async () => {
    const pool = createExtractorPool({ workerUrl: misbehavingWorker, size: 1, maxOldGenerationSizeMb: 32 });
    try {
      const bytes = await good();
      const oom = await rejection(pool.extract(bytes, 'oom.txt'));
      expect(oom).toEqual({
        code: 'BAD_INPUT',
        message: 'Reading this file ran out of memory (over 32 MB), so Quire skipped it.',
      });
      expect((await pool.extract(bytes, 'b.txt')).title).toBe('The Ties of Myanmar with Russia');
    } finally {
      await pool.close();
    }
  });

  it('a worker that stops fails its file only, and files on other workers are unaffected', async () => {
    const pool = createExtractorPool({ workerUrl: misbehavingWorker, size: 2 });
    try {
      const bytes = await good();
      const results = await Promise.allSettled(
        ['a.txt', 'exit.txt', 'b.txt', 'c.txt'].map((name) => pool.extract(bytes, name)),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const stopped = results[1];
      expect(stopped?.status === 'rejected' && String(stopped.reason.message)).toMatch(
        /stopped \(exit code 3\), so this file was skipped\.$/,
      );
    } finally {
      await pool.close();
    }
  });

  it('close() fails files still waiting instead of leaving them pending', async () => {
    const pool = createExtractorPool({ workerUrl: misbehavingWorker, size: 1 });
    const bytes = await good();
    const hung = rejection(pool.extract(bytes, 'hang.txt'));
    const waiting = rejection(pool.extract(bytes, 'a.txt'));
    await pool.close();
    expect((await hung).message).toBe('Quire stopped reading files because it is closing.');
    expect((await waiting).message).toBe('Quire stopped reading files because it is closing.');
  });
});

describe('importing through the pool', () => {
  let corpus: string;
  beforeAll(async () => {
    corpus = await tempDir('quire-pool-corpus-');
    execFileSync(process.execPath, [genCorpus, '--out', corpus, '--n', '120', '--hostile'], {
      stdio: 'ignore',
    });
  });
  afterAll(() => rm(corpus, { recursive: true, force: true }));

  it('imports the hostile set exactly as in-process: each file imported or refused with one line', async () => {
    const hostile = join(corpus, 'hostile');
    const manifest = z
      .array(z.object({ file: z.string(), expect: z.string() }))
      .parse(JSON.parse(await readFile(join(hostile, 'manifest.json'), 'utf8')));
    await rm(join(hostile, 'manifest.json'));
    const viaPool = await openTestNotebook({ extractor: createExtractorPool({ workerUrl: realWorker }) });
    const inProcess = await openTestNotebook();
    try {
      const a = await viaPool.call('importPaths', { paths: [hostile] });
      expect(a).toEqual(await inProcess.call('importPaths', { paths: [hostile] }));
      const outcome = new Map<string, string>([
        ...[...a.imported, ...a.duplicates].map((i) => [i.file, 'import sanitized'] as const),
        ...a.failed.map((f) => [f.file, 'refuse with a clear error'] as const),
      ]);
      for (const h of manifest) expect(outcome.get(join(hostile, h.file)), h.file).toBe(h.expect);
      expect(outcome.size).toBe(manifest.length);
      for (const f of a.failed) expect(f.error, f.file).toMatch(/^[A-Z][^\n]+\.$/);
    } finally {
      await viaPool.cleanup();
      await inProcess.cleanup();
    }
  });

  it('dedupes identical files that are in flight together, in file order', async () => {
    const dir = join(corpus, 'twins');
    await mkdir(dir);
    for (const name of ['a1.txt', 'a2.txt', 'a3.txt']) await copyFile(seedFiles.ties, join(dir, name));
    await copyFile(seedFiles.visit, join(dir, 'b1.txt'));
    const nb = await openTestNotebook({ extractor: createExtractorPool({ workerUrl: realWorker, size: 2 }) });
    try {
      const report = await nb.call('importPaths', { paths: [dir] });
      expect(report.imported.map((i) => i.file)).toEqual([join(dir, 'a1.txt'), join(dir, 'b1.txt')]);
      const first = report.imported[0]?.id;
      expect(report.duplicates).toEqual([
        { id: first, file: join(dir, 'a2.txt') },
        { id: first, file: join(dir, 'a3.txt') },
      ]);
      expect(await nb.call('articleList', {})).toHaveLength(2);
    } finally {
      await nb.cleanup();
    }
  });

  it('keeps answering searches while a long import runs', async () => {
    const nb = await openTestNotebook({ extractor: createExtractorPool({ workerUrl: realWorker }) });
    const order: string[] = [];
    let searched: Promise<unknown> | undefined;
    const unsubscribe = nb.events.subscribe((name, payload) => {
      if (name !== 'importProgress' || searched || !('done' in payload)) return;
      if (payload.done < 10 || payload.done >= payload.total) return;
      searched = nb.call('search', { query: 'Myanmar', limit: 5 }).then(() => order.push('search'));
    });
    try {
      const report = await nb.call('importPaths', { paths: [corpus] });
      order.push('import');
      await searched;
      expect(report.imported.length).toBeGreaterThanOrEqual(120);
      expect(order).toEqual(['search', 'import']);
    } finally {
      unsubscribe();
      await nb.cleanup();
    }
  });

  it('cancel stops the import without waiting for the files still in flight', async () => {
    const nb = await openTestNotebook({ extractor: createExtractorPool({ workerUrl: realWorker }) });
    // The first progress event comes as the batch starts, with files already sent to the workers.
    const unsubscribe = nb.events.subscribe((name) => {
      if (name === 'importProgress') void nb.call('importCancel', {});
    });
    try {
      const report = await nb.call('importPaths', { paths: [corpus] });
      expect(report.cancelled).toBe(true);
      const handled = report.imported.length + report.duplicates.length + report.failed.length;
      expect(handled).toBeLessThan(5);
      expect(await nb.call('articleList', {})).toHaveLength(report.imported.length);
    } finally {
      unsubscribe();
      await nb.cleanup();
    }
  });

  it('closing the services closes the extractor', async () => {
    let closed = 0;
    const extractor: Extractor = { ...inProcessExtractor, close: async () => void closed++ };
    const root = await tempDir();
    const services = createServices({ appVersion: 't', userDataDir: join(root, 'user'), extractor });
    await services.core.open(join(root, 'nb'), { create: true });
    await services.core.close();
    expect(closed).toBe(1);
    await rm(root, { recursive: true, force: true });
  });
});
