// `npm run bench [-- --n 10000] [--workers 2]`: imports a synthetic corpus through the real services, then measures
// opening, query latency and recall, printing each figure beside its budget. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../src/main/core/app/create';
import { createExtractorPool, inProcessExtractor } from '../src/main/core/import/extract-pool';
import type { QueryCase } from './gen-corpus-types';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '2000' }, workers: { type: 'string' } },
});
const n = Number(values.n);
const repo = resolve(import.meta.dirname, '..');
const work = join(repo, '.bench');
const corpus = join(work, `corpus-${n}`);
const generator = resolve(repo, '../shared/tools/gen-corpus.mjs');

// Issue 4's budgets: the 10k column up to 10,000 articles, the 50k column above (smaller runs: the 10k budgets).
const budget =
  n > 10000
    ? { import: '≤ 10 min', open: '≤ 6 s', p50: '≤ 20 ms', p95: '≤ 100 ms', rss: '≤ 3 GB' }
    : {
        import: n >= 10000 ? '≤ 120 s' : '≥ 100 files/s',
        open: '≤ 1.5 s',
        p50: '≤ 5 ms',
        p95: '≤ 30 ms',
        rss: '≤ 800 MB',
      };

const rows: [string, string, string][] = [];
const row = (figure: string, value: string, budget: string) => rows.push([figure, value, budget]);
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  if (!existsSync(join(corpus, 'queries.json'))) {
    execFileSync(process.execPath, [generator, '--out', corpus, '--n', String(n)], { stdio: 'inherit' });
  }
  const notebook = join(work, `notebook-${n}`);
  await rm(notebook, { recursive: true, force: true });

  const services = () => createServices({ appVersion: 'bench', userDataDir: join(work, 'user-data') });
  // Import through a worker pool, as `quire import` and the app do (from source: the worker runs via tsx).
  const workerUrl = new URL('../src/main/core/import/extract-worker.ts', import.meta.url);
  const size = values.workers === undefined ? undefined : Number(values.workers);
  const a = createServices({
    appVersion: 'bench',
    userDataDir: join(work, 'user-data'),
    // `--workers 0`: extract on the main thread, for comparison.
    extractor:
      size === 0 ? inProcessExtractor : createExtractorPool({ workerUrl, ...(size ? { size } : {}) }),
  });
  await a.core.open(notebook, { create: true });
  let t = performance.now();
  const report = await a.api.importPaths({ paths: [corpus] });
  const importS = (performance.now() - t) / 1000;
  row(
    `import ${n} files (extract + store + index, ${size === 0 ? 'no' : a.core.extractor.parallelism} workers)`,
    `${importS.toFixed(1)} s (${Math.round(n / importS)} files/s)`,
    budget.import,
  );
  row('  failed files', String(report.failed.length), '0');
  await a.core.close();

  const b = services();
  t = performance.now();
  await b.core.open(notebook, { create: false });
  await b.api.search({ query: 'Myanmar', limit: 10, offset: 0, hits: 3 });
  row('open notebook until first search answers', ms(performance.now() - t), budget.open);

  const cases = JSON.parse(await readFile(join(corpus, 'queries.json'), 'utf8')) as QueryCase[];
  const fileOf = new Map(
    b.core
      .session()
      .store.list('article')
      .map((r) => [r.id, r.file]),
  );
  const times: number[] = [];
  const recall = new Map<string, { hit: number; all: number }>();
  for (const c of cases) {
    t = performance.now();
    const r = await b.api.search({ query: c.query, limit: 10, offset: 0, hits: 3 });
    times.push(performance.now() - t);
    const found = new Set(r.groups.map((g) => fileOf.get(g.id)));
    const stat = recall.get(c.kind) ?? { hit: 0, all: 0 };
    stat.all += c.expect.length;
    stat.hit += c.expect.filter((f) => found.has(f)).length;
    recall.set(c.kind, stat);
  }
  times.sort((x, y) => x - y);
  row(`query latency p50 (${cases.length} cases)`, ms(pct(times, 50)), budget.p50);
  row('query latency p95', ms(pct(times, 95)), budget.p95);
  for (const [kind, s] of recall) {
    if (s.all === 0) continue; // cases like 'common' list no expected files: latency only
    row(`recall@10 ${kind}`, (s.hit / s.all).toFixed(3), kind === 'typo' ? '≥ 0.95' : '≥ 0.99');
  }
  row('process RSS after queries', `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`, budget.rss);
  await b.core.close();

  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => r[i]?.length ?? 0), ['figure', 'measured', 'budget'][i]?.length ?? 0),
  );
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\nQuire bench, ${n} synthetic articles, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(line(['figure', 'measured', 'budget']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

await main();
