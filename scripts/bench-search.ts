// `npx tsx scripts/bench-search.ts --n 10000`: the search core alone, against its issue-4 budgets and two peers.
// Builds the index from a generated corpus's manifest (title + paragraphs, metadata), saves it, then opens it in
// a fresh process (so RSS and open time are those of a real start-up) and runs every case of queries.json.
// The same corpus then goes through fuse.js (a sample of queries: it takes seconds each) and MiniSearch.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { SearchIndex } from '../src/main/core/search/index';
import { bodyOf, type ManifestEntry, type QueryCase } from './gen-corpus-types';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    open: { type: 'string' },
    peers: { type: 'string', default: 'yes' },
    'fuse-sample': { type: 'string', default: '6' },
  },
});
const n = Number(values.n);
const repo = resolve(import.meta.dirname, '..');
const corpus = join(repo, '.bench', `corpus-${n}`);

interface Measured {
  openMs: number;
  rssMb: number;
  times: Record<string, number[]>;
  recall: Record<string, { hit: number; all: number }>;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));

/** Runs every case, `top10(query)` giving the files of the first ten groups. */
function measure(cases: QueryCase[], top10: (q: string) => string[]): Pick<Measured, 'times' | 'recall'> {
  const times: Record<string, number[]> = {};
  const recall: Record<string, { hit: number; all: number }> = {};
  for (const c of cases) {
    const t = performance.now();
    const files = new Set(top10(c.query));
    (times[c.kind] ??= []).push(performance.now() - t);
    const r = (recall[c.kind] ??= { hit: 0, all: 0 });
    r.all += c.expect.length;
    r.hit += c.expect.filter((f) => files.has(f)).length;
  }
  return { times, recall };
}

async function openAndQuery(file: string): Promise<void> {
  const cases = JSON.parse(await readFile(join(corpus, 'queries.json'), 'utf8')) as QueryCase[];
  const bytes = await readFile(file);
  const t = performance.now();
  const index = SearchIndex.deserialize(bytes);
  index.search('myanmar', { limit: 10 });
  const openMs = performance.now() - t;
  const m = measure(cases, (q) => index.search(q, { limit: 10 }).groups.map((g) => g.id));
  const out: Measured = { openMs, rssMb: process.memoryUsage().rss / 2 ** 20, ...m };
  process.stdout.write(JSON.stringify(out));
}

async function main(): Promise<void> {
  if (values.open !== undefined) return openAndQuery(values.open);
  if (!existsSync(join(corpus, 'queries.json'))) {
    const gen = resolve(repo, '../shared/tools/gen-corpus.mjs');
    execFileSync(process.execPath, [gen, '--out', corpus, '--n', String(n)], { stdio: 'inherit' });
  }
  const entries = JSON.parse(await readFile(join(corpus, 'manifest.json'), 'utf8')) as ManifestEntry[];
  const cases = JSON.parse(await readFile(join(corpus, 'queries.json'), 'utf8')) as QueryCase[];
  const rows: [string, string, string][] = [];
  const row = (a: string, b: string, c: string): number => rows.push([a, b, c]);
  const big = n >= 50000;

  let t = performance.now();
  const index = new SearchIndex();
  for (const e of entries) {
    const meta = {
      id: e.file,
      title: e.title,
      source: e.source,
      author: e.author,
      published: e.published,
      tags: [],
    };
    index.addArticle(meta, bodyOf(e.file, e.paragraphs));
  }
  const buildS = (performance.now() - t) / 1000;
  row(
    `build (${entries.length} articles, ${entries.reduce((s, e) => s + e.paragraphs.length, 0)} passages)`,
    `${buildS.toFixed(1)} s`,
    '—',
  );
  t = performance.now();
  const bytes = index.serialize();
  const file = join(repo, '.bench', `search-index-${n}.bin`);
  await writeFile(file, bytes);
  row(
    'serialize',
    `${((performance.now() - t) / 1000).toFixed(2)} s, ${(bytes.byteLength / 2 ** 20).toFixed(1)} MB`,
    'JSON was ~44 MB @10k',
  );

  const child = execFileSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--n', String(n), '--open', file],
    {
      maxBuffer: 1 << 26,
    },
  );
  const m = JSON.parse(child.toString()) as Measured;
  row(
    'open (deserialize + first query), fresh process',
    `${ms(m.openMs)} ms`,
    big ? '≤ 6000 ms' : '≪ 1000 ms',
  );
  row('RSS after opening + all queries', `${m.rssMb.toFixed(0)} MB`, big ? '≤ 3072 MB' : '≤ 800 MB');
  const all = Object.values(m.times).flat();
  for (const [kind, xs] of Object.entries(m.times)) {
    row(`query p50 / p95: ${kind} (${xs.length})`, `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))} ms`, '');
  }
  row(
    `query p50 / p95: all (${all.length})`,
    `${ms(pct(all, 50))} / ${ms(pct(all, 95))} ms`,
    big ? '≤ 20 / 100 ms' : '≤ 5 / 30 ms',
  );
  for (const [kind, r] of Object.entries(m.recall)) {
    if (r.all > 0)
      row(
        `recall@10 ${kind}`,
        (r.hit / r.all).toFixed(3),
        kind === 'typo' ? '≥ 0.95' : kind === 'exact-token' || kind === 'phrase' ? '≥ 0.99' : '—',
      );
  }

  if (values.peers === 'yes') {
    const docs = entries.flatMap((e) =>
      e.paragraphs.map((text, i) => ({ id: `${e.file}:${i}`, file: e.file, text })),
    );
    const filesOf = (hits: { file: string }[]): string[] =>
      [...new Set(hits.map((h) => h.file))].slice(0, 10);

    t = performance.now();
    const mini = new MiniSearch<{ id: string; file: string; text: string }>({
      fields: ['text'],
      storeFields: ['file'],
    });
    mini.addAll(docs);
    row('MiniSearch 7: build', `${((performance.now() - t) / 1000).toFixed(1)} s`, '');
    const mm = measure(cases, (q) =>
      filesOf(
        mini.search(q, { fuzzy: 0.2, prefix: true, combineWith: 'AND' }) as unknown as { file: string }[],
      ),
    );
    const mall = Object.values(mm.times).flat();
    row(
      `MiniSearch: query p50 / p95 all (${mall.length})`,
      `${ms(pct(mall, 50))} / ${ms(pct(mall, 95))} ms`,
      `ratio p50 ${(pct(mall, 50) / pct(all, 50)).toFixed(0)}×`,
    );
    for (const [kind, r] of Object.entries(mm.recall))
      if (r.all > 0) row(`MiniSearch: recall@10 ${kind}`, (r.hit / r.all).toFixed(3), '');

    const sampleSize = Number(values['fuse-sample']);
    const kinds = [...new Set(cases.map((c) => c.kind))];
    const sample = kinds.flatMap((k) =>
      cases.filter((c) => c.kind === k).slice(0, Math.max(1, Math.ceil(sampleSize / kinds.length))),
    );
    t = performance.now();
    const fuse = new Fuse(docs, { keys: ['text'], threshold: 0.3, ignoreLocation: false });
    row('fuse.js 7: build', `${((performance.now() - t) / 1000).toFixed(1)} s`, '');
    const fm = measure(sample, (q) => filesOf(fuse.search(q, { limit: 200 }).map((r) => r.item)));
    const fall = Object.values(fm.times).flat();
    row(
      `fuse.js: query p50 / p95, SAMPLE of ${fall.length} (first of each kind; too slow for all)`,
      `${ms(pct(fall, 50))} / ${ms(pct(fall, 95))} ms`,
      `ratio p50 ${(pct(fall, 50) / pct(all, 50)).toFixed(0)}×`,
    );
    const fr = Object.values(fm.recall).reduce((a, r) => ({ hit: a.hit + r.hit, all: a.all + r.all }), {
      hit: 0,
      all: 0,
    });
    row('fuse.js: recall@10 over the sample (all kinds)', fr.all ? (fr.hit / fr.all).toFixed(3) : '—', '');
  }

  const head = ['figure', 'value', 'budget'];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length), (head[i] ?? '').length));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(w[i] ?? 0)).join(' | ')} |`;
  console.log(`search core @ ${n} articles (${new Date().toISOString().slice(0, 10)}, ${process.version})`);
  console.log(line(['figure', 'value', 'budget']));
  console.log(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

await main();
