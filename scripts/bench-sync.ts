// `npm run bench:sync [-- --n 10000]`: issue 14's budgets, measured against a CouchDB-protocol server on loopback
// (express-pouchdb, in memory, in a process of its own as a real server is): joining an N-article notebook (metadata, annotations, texts and original files),
// one highlight reaching another machine live, and 1,000 offline operations synced after reconnecting. Prints each
// figure beside its budget. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openNotebook } from '../src/main/core/store';
import { recordKinds } from '../src/main/core/store/records';
import type { ArticleRecord } from '../src/main/core/types';
import { startCouchProcess } from '../tests/helpers/couch-process';
import { openMember, type Member } from '../tests/helpers/sync-member';

const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' } } });
const N = Number(values.n);
const BUDGET = { joinS: 180, liveMs: 1000, offlineS: 10 };
const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const words = [
  'junta',
  'ministry',
  'arms',
  'trade',
  'border',
  'election',
  'militia',
  'port',
  'river',
  'treaty',
];

/** N synthetic articles committed straight into the notebook (texts and originals stored as an import would). */
async function fill(m: Member, n: number): Promise<void> {
  const session = m.core.session();
  for (let start = 0; start < n; start += 500) {
    const count = Math.min(500, n - start);
    const texts = Array.from({ length: count }, (_, i) => {
      const k = start + i;
      const paras = Array.from(
        { length: 6 },
        (_, p) =>
          Array.from({ length: 60 }, (_, w) => words[(k * 7 + p * 3 + w) % words.length]).join(' ') +
          ` ${k}.${p}`,
      );
      return paras.join('\n\n');
    });
    const bodies = texts.map((text) => {
      const passages = [];
      let at = 0;
      for (const [p, para] of text.split('\n\n').entries()) {
        passages.push({ id: `p${p}`, kind: 'paragraph' as const, start: at, end: at + para.length });
        at += para.length + 2;
      }
      return { text, passages };
    });
    const keys = await session.store.writeBodies(bodies);
    const sources = new Map(texts.map((t) => [sha(t), new TextEncoder().encode(t)]));
    await session.store.writeSources(sources);
    const records: ArticleRecord[] = texts.map((text, i) => ({
      id: `abench${start + i}`,
      title: `Bench article ${start + i}`,
      author: null,
      published: '2024-01-01',
      source: 'bench',
      url: null,
      language: 'en',
      format: 'txt',
      file: `bench-${start + i}.txt`,
      sourceHash: sha(text),
      textHash: sha(text),
      words: 366,
      passageCount: 6,
      importedAt: new Date().toISOString(),
      bodyKey: keys[i]!,
    }));
    await session.commit('Import bench articles', (tx) => records.forEach((r) => tx.put('article', r)), {
      group: 'bench',
    });
  }
}

const line = (what: string, value: string, budget: string, ok: boolean) =>
  console.log(`${what.padEnd(58)} ${value.padStart(10)}   budget ${budget.padEnd(8)} ${ok ? '✓' : '✗'}`);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

/**
 * The figures behind keeping the notebook store as the store of record with the replica beside it (README, "Team
 * notebooks"): opening the notebook from each, one coding action written to each, and their size on disk.
 */
async function storageFigures(m: Member): Promise<void> {
  console.log('\nstorage: the notebook store (of record) beside its PouchDB replica');
  const session = m.core.session();
  let t = performance.now();
  const store = await openNotebook(m.dir, {
    appVersion: 'bench',
    create: false,
    now: () => new Date(),
    readOnly: true,
  });
  const storeOpenMs = performance.now() - t;
  const records = recordKinds.reduce((n, kind) => n + store.list(kind).length, 0);
  await store.close();
  t = performance.now();
  let docs = 0;
  for (const kind of recordKinds) {
    const { rows } = await m.engine.replica.db.allDocs({
      include_docs: true,
      startkey: `${kind}:`,
      endkey: `${kind}:\uffff`,
    });
    docs += rows.length;
  }
  const replicaReadMs = performance.now() - t;
  console.log(
    `  every record read at open: store ${storeOpenMs.toFixed(0)} ms (${records} records, checksums and journal replay included); replica ${replicaReadMs.toFixed(0)} ms (${docs} documents, no checks)`,
  );
  const commitMs: number[] = [];
  const replicaMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const h = await m.call('highlightCreate', {
      articleId: `abench${i}`,
      start: 20,
      end: 40,
      tagNames: ['storage'],
    });
    const record = session.store.get('highlight', h.id)!;
    const memo = { ...record, memo: `memo ${i}` };
    t = performance.now();
    await session.commit('Memo', (tx) => tx.put('highlight', memo));
    commitMs.push(performance.now() - t);
    await m.engine.idle();
    t = performance.now();
    await m.engine.replica.writeChanges([
      { kind: 'highlight', id: h.id, before: memo, after: { ...memo, memo: `memo ${i}!` } },
    ]);
    replicaMs.push(performance.now() - t);
  }
  console.log(
    `  one memo edit, p95 of 200: store commit ${p95(commitMs).toFixed(1)} ms (fsync'd journal, search and counts updated); replica write ${p95(replicaMs).toFixed(1)} ms (the document alone)`,
  );
  const size = (dir: string) => Number(execFileSync('du', ['-sk', dir]).toString().split('\t')[0]) / 1024;
  const replicaMb = size(join(m.dir, 'sync'));
  console.log(
    `  on disk: notebook ${(size(m.dir) - replicaMb).toFixed(0)} MB, replica ${replicaMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  console.log(`bench:sync — ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}, ${N} articles\n`);
  const couch = await startCouchProcess();
  const ana = await openMember('ana', couch.url, 'bench');
  let t = performance.now();
  await fill(ana, N);
  await ana.engine.idle();
  const filled = (performance.now() - t) / 1000;
  t = performance.now();
  const pushed = await ana.engine.syncOnce();
  console.log(
    `(setup: ${N} articles into the notebook and its replica ${filled.toFixed(1)} s; sent to the server ${((performance.now() - t) / 1000).toFixed(1)} s, ${pushed.state})`,
  );

  // 1. Join: a new member, empty notebook, takes everything (records, texts, originals).
  t = performance.now();
  const ben = await openMember('ben', couch.url, 'bench');
  await ben.engine.syncOnce();
  const joinS = (performance.now() - t) / 1000;
  const got = ben.core.session().store.list('article').length;
  line(
    `join a ${N.toLocaleString()}-article notebook (${got.toLocaleString()} arrived)`,
    `${joinS.toFixed(1)} s`,
    `${BUDGET.joinS} s`,
    joinS <= BUDGET.joinS && got === N,
  );

  // 2. Live: a highlight on A visible on B.
  ana.engine.startLive();
  ben.engine.startLive();
  await new Promise((r) => setTimeout(r, 1000));
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const h = await ana.call('highlightCreate', {
      articleId: `abench${i}`,
      start: 0,
      end: 10,
      tagNames: ['live'],
    });
    while (!ben.core.session().store.get('highlight', h.id)) await new Promise((r) => setTimeout(r, 2));
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  const median = latencies[2]!;
  line(
    'one highlight on A → visible on B, live (median of 5)',
    `${median.toFixed(0)} ms`,
    `${BUDGET.liveMs} ms`,
    median <= BUDGET.liveMs,
  );

  // 3. 1,000 operations offline on B, then reconnect.
  ben.engine.stopLive();
  ana.engine.stopLive();
  await couch.stop();
  for (let i = 0; i < 1000; i++) {
    if (i % 2 === 0) await ben.call('noteCreate', { title: `Offline ${i}`, body: `written offline ${i}` });
    else
      await ben.call('highlightCreate', {
        articleId: `abench${i % N}`,
        start: 0,
        end: 12,
        tagNames: ['offline'],
      });
  }
  // The replica took each operation as it was made (while offline); the clock starts at reconnection.
  await ben.engine.idle();
  await couch.start();
  t = performance.now();
  await ben.engine.syncOnce();
  const sentS = (performance.now() - t) / 1000;
  await ana.engine.syncOnce();
  const offlineS = (performance.now() - t) / 1000;
  const arrived = ana.core.session().store.list('note').length;
  line(
    `1,000 offline operations → synced after reconnect (${arrived} notes on A)`,
    `${offlineS.toFixed(1)} s`,
    `${BUDGET.offlineS} s`,
    offlineS <= BUDGET.offlineS && arrived === 500,
  );
  console.log(`(sent by B ${sentS.toFixed(1)} s; taken by A ${(offlineS - sentS).toFixed(1)} s)`);

  await storageFigures(ana);

  await ben.cleanup();
  await ana.cleanup();
  await couch.close();
}

await main();
