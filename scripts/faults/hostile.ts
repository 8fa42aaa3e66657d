// The long hostile-files run: gen-corpus --hostile-big plus devices, FIFOs, a symlink cycle, a vanishing file,
// a 10 MB token, HTML nested 100,000 deep and a file past the size limit, each imported on its own through the
// API with a worker pool (as `quire import` does), timed, with the peak memory of the process while it ran.
// Prints one row per file and a summary; exits 1 if any file was not refused with a reason or imported whole,
// or if the notebook stopped answering afterwards.
import { rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { createServices } from '../../src/main/core/app/create';
import { dispatch } from '../../src/main/core/dispatch';
import { createExtractorPool } from '../../src/main/core/import/extract-pool';
import {
  buildHostileCorpus,
  outcomeOf,
  problemsWith,
  type HostileFile,
} from '../../tests/faults/hostile-corpus';

const MB = 1024 * 1024;
const root = await mkdtemp(join(tmpdir(), 'quire-hostile-'));
try {
  process.exitCode = await run(root);
} finally {
  await rm(root, { recursive: true, force: true });
}

async function run(dir: string): Promise<number> {
  const corpus = await buildHostileCorpus(join(dir, 'files'), { big: true });
  for (const reason of corpus.skipped) console.log(`skipped: ${reason}`);
  const workerUrl = new URL('../../src/main/core/import/extract-worker.ts', import.meta.url);
  const services = createServices({
    appVersion: 'faults',
    userDataDir: join(dir, 'user-data'),
    extractor: createExtractorPool({ workerUrl, size: 2 }),
  });
  await services.core.open(join(dir, 'notebook'), { create: true });
  const rows: string[][] = [];
  const problems: string[] = [];
  let asExpected = 0;
  for (const file of corpus.files) {
    const { row, wrong } = await importOne(services, file, file.path === corpus.vanishing);
    rows.push(row);
    problems.push(...wrong);
    if (wrong.length === 0) asExpected++;
  }
  const list = await dispatch(services.api, 'articleList', {});
  const search = await dispatch(services.api, 'search', { query: 'defence agreement' });
  if (!list.ok) problems.push(`articleList failed afterwards: ${list.error.message}`);
  if (!search.ok || search.value.total === 0) problems.push('search found nothing afterwards');
  await services.core.extractor.close();
  await services.core.close();

  printTable(['file', 'outcome', 'reason', 'ms', 'peak RSS MB'], rows);
  console.log(
    `\ntried ${corpus.files.length} · as expected ${asExpected} · not as expected ${corpus.files.length - asExpected}` +
      ` · notebook answers afterwards: ${list.ok && search.ok ? 'yes' : 'no'}`,
  );
  for (const p of problems) console.log(`  ✗ ${p}`);
  return problems.length === 0 ? 0 : 1;
}

async function importOne(
  services: ReturnType<typeof createServices>,
  file: HostileFile,
  vanishes: boolean,
): Promise<{ row: string[]; wrong: string[] }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const stop = services.events.subscribe((name) => {
    if (vanishes && name === 'importProgress') void unlink(file.path).catch(() => undefined);
  });
  const started = performance.now();
  const result = await dispatch(services.api, 'importPaths', { paths: [file.via ?? file.path] });
  const ms = performance.now() - started;
  stop();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const got = result.ok
    ? outcomeOf(result.value, file.path)
    : { outcome: 'failed' as const, reason: result.error.message };
  const wrong = problemsWith(file, got);
  const row = [
    clip(basename(file.path), 36),
    `${got.outcome}${wrong.length ? ' ✗' : ''}`,
    clip(got.reason, 72),
    ms.toFixed(0),
    (peak / MB).toFixed(0),
  ];
  return { row, wrong };
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
