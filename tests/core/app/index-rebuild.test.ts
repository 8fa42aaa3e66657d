import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/core/app/create';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../../src/main/core/api-contract';
import { dispatch } from '../../../src/main/core/dispatch';
import { randomIds } from '../../../src/main/core/ids';
import { openTestNotebook, seedFiles, sharedDir, tempDir, type TestNotebook } from '../../helpers/notebook';

const rebuildWorker = new URL('../../../src/main/core/search/rebuild-worker.ts', import.meta.url);
const gatedWorker = new URL('./fixtures/gated-rebuild-worker.ts', import.meta.url);
const genCorpus = join(sharedDir, 'tools', 'gen-corpus.mjs');

/** The same notebook opened again, as the app does at start-up, with or without the rebuild worker. */
async function reopen(nb: TestNotebook, worker: URL | null) {
  const services: Services = createServices({
    appVersion: '0.0.0-test',
    userDataDir: join(nb.root, 'user-data'),
    ids: randomIds,
    rebuildWorker: worker,
  });
  const progress: number[] = [];
  services.events.subscribe((name, payload) => {
    if (name === 'indexProgress' && 'done' in payload) progress.push(payload.done);
  });
  await services.core.open(nb.dir, { create: false });
  const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
    const result = await dispatch(services.api, method, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const ids = async (query: string) => (await call('search', { query })).groups.map((g) => g.id);
  return { ...services, progress, call, ids };
}

async function damageIndex(nb: TestNotebook): Promise<void> {
  await writeFile(join(nb.dir, 'cache', 'search-index.bin'), 'not an index');
}

describe('search index rebuild in a worker thread', () => {
  let nb: TestNotebook;
  let fileToId: Map<string, string>;
  let queries: { query: string; kind: string; expect: string[] }[];
  beforeAll(async () => {
    const corpus = join(await tempDir('quire-rebuild-corpus-'), 'corpus');
    execFileSync(process.execPath, [genCorpus, '--out', corpus, '--n', '450']);
    queries = JSON.parse(await readFile(join(corpus, 'queries.json'), 'utf8'));
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [corpus] });
    fileToId = new Map(report.imported.map((i) => [i.file.split(/[\\/]/).pop() ?? '', i.id]));
    await nb.core.close();
  }, 120_000);
  afterAll(() => nb.cleanup());

  it('rebuilds a damaged index in the worker, with progress, finding exactly what an in-thread build finds', async () => {
    const total = fileToId.size;
    expect(total).toBe(450);
    const cases = queries.slice(0, 60).map((q) => q.query);

    await damageIndex(nb);
    const viaWorker = await reopen(nb, rebuildWorker);
    await viaWorker.core.session().indexReady();
    // The worker reports every 200 articles (the in-thread build every 100): this rebuild ran in the worker.
    expect(viaWorker.progress).toEqual([0, 200, 400, total]);
    const workerResults = [];
    for (const q of cases) workerResults.push(await viaWorker.call('search', { query: q }));
    const exact = queries.find((q) => q.kind === 'exact-token');
    expect(await viaWorker.ids(exact?.query ?? '')).toEqual(exact?.expect.map((f) => fileToId.get(f)));
    await viaWorker.core.close();

    await damageIndex(nb);
    const inThread = await reopen(nb, null);
    expect(inThread.progress).toEqual([0, 100, 200, 300, 400, total]);
    const threadResults = [];
    for (const q of cases) threadResults.push(await inThread.call('search', { query: q }));
    expect(workerResults).toEqual(threadResults);
    expect(workerResults.filter((r) => r.groups.length > 0).length).toBeGreaterThan(50);
    await inThread.core.close();

    // The rebuilt index was saved: the next start-up opens it instead of rebuilding.
    const again = await reopen(nb, rebuildWorker);
    await again.core.session().indexReady();
    expect(again.progress).toEqual([]);
    await again.core.close();
  });
});

describe('while the index rebuilds', () => {
  let nb: TestNotebook;
  let ties: string;
  let visit: string;
  beforeAll(async () => {
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [seedFiles.ties, seedFiles.visit] });
    ties = report.imported.find((i) => i.file === seedFiles.ties)?.id ?? '';
    visit = report.imported.find((i) => i.file === seedFiles.visit)?.id ?? '';
    await nb.call('noteCreate', { title: 'Kestrel memo', body: 'Kestrel procurement notes.' });
    await nb.core.close();
  });
  afterAll(() => nb.cleanup());
  const gate = () => join(nb.root, 'release-rebuild');

  it('answers a search at once from the index it has, then from the rebuilt one', async () => {
    await damageIndex(nb);
    await rm(gate(), { force: true });
    const s = await reopen(nb, gatedWorker);
    // The worker is held back, so the rebuild cannot have finished: the damaged index was replaced by an
    // empty one that answers (with nothing) instead of making the search wait.
    expect(await s.ids('Russia')).toEqual([]);
    expect(s.progress).toEqual([0]);
    // The answer says it is partial, for a window that connected after the progress events went out.
    expect((await s.call('search', { query: 'Russia' })).warnings.join(' ')).toMatch(
      /The search index is being rebuilt \(0 of 2 articles\)/,
    );
    await writeFile(gate(), '');
    await s.core.session().indexReady();
    expect((await s.ids('Russia')).sort()).toEqual([ties, visit].sort());
    expect((await s.call('search', { query: 'Russia' })).warnings).toEqual([]);
    expect(await s.ids('kestrel in:notes')).toHaveLength(1);
    expect(s.progress).toEqual([0, 2]);
    await s.core.close();
  });

  it('keeps what is imported, written or deleted during the rebuild', async () => {
    await rm(gate(), { force: true });
    await damageIndex(nb);
    const s = await reopen(nb, gatedWorker);
    const extra = join(nb.root, 'kyaukphyu.md');
    await writeFile(extra, '# Port deal\n\nThe Kyaukphyu deep-sea port agreement was signed in Naypyitaw.\n');
    const imported = (await s.call('importPaths', { paths: [extra] })).imported[0]?.id;
    const note = await s.call('noteCreate', { title: 'Port memo', body: 'Follow the Kyaukphyu money.' });
    await s.call('articleDelete', { id: visit });
    // Answered from what is indexed so far: the article imported a moment ago.
    expect(await s.ids('Kyaukphyu in:articles')).toEqual([imported]);

    await writeFile(gate(), '');
    await s.core.session().indexReady();
    expect(await s.ids('Kyaukphyu in:articles')).toEqual([imported]);
    expect(await s.ids('Kyaukphyu in:notes')).toEqual([note.id]);
    expect(await s.ids('Russia')).toEqual([ties]);
    await s.core.close();

    // What was saved is complete: reopening finds everything without another rebuild.
    const again = await reopen(nb, null);
    expect(again.progress).toEqual([]);
    expect(await again.ids('Kyaukphyu')).toHaveLength(2);
    await again.core.close();
  });

  it('closing the notebook stops a rebuild in progress, and the next start-up rebuilds again', async () => {
    await rm(gate(), { force: true });
    await damageIndex(nb);
    const s = await reopen(nb, gatedWorker);
    await s.core.close();
    const again = await reopen(nb, null);
    expect(again.progress.at(-1)).toBe(again.core.info().articleCount);
    expect(await again.ids('Russia')).toEqual([ties]);
    await again.core.close();
  });
});
