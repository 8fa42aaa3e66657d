// `npm run bench:writes [-- --n 10000] [--no-save] [--cpu-prof]`: issue 10's "writes stay flat and never stall the app",
// measured from outside. Starts the built `quire serve` on a notebook of N synthetic articles (imported once with
// the CLI and kept in .bench/), then over HTTP runs 200 writes of each kind one after another while a cheap read
// (notebookInfo) goes out every 10 ms, and prints each write kind's latency and the concurrent reads' beside the
// budgets. A last phase keeps writing until the search-index cache is saved (every 5,000 changes), so the reads
// also cover a journal checkpoint and a cache save. `--cpu-prof` profiles the server and lists what kept its main
// thread busy for 50 ms or more. Not part of `npm test`. Needs `npm run build` first.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { ApiInput, ApiMethod, ApiOutputs, ApiResult } from '../src/main/core/api-contract';
import { printProfile, summarizeProfile } from './cpu-profile';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    writes: { type: 'string', default: '200' },
    'no-save': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const perKind = Number(values.writes);
const repo = resolve(import.meta.dirname, '..');
const work = join(repo, '.bench');
const corpus = join(work, `corpus-${n}`);
const pristine = join(work, `writes-notebook-${n}`);
const notebook = join(work, `writes-run-${n}`);
const generator = resolve(repo, '../shared/tools/gen-corpus.mjs');
const quire = join(repo, 'bin', 'quire.js');
const profiles = join(work, `writes-prof-${n}`);
const STALL_MS = 50;

const BUDGET = { writeP95: 20, readP95: 20, readMax: 100 };
const READ_EVERY_MS = 10;
/** The search keeper saves its cache after this many changes (search-keeper.ts). */
const SAVE_AFTER_CHANGES = 5000;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number): string => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const verdict = (x: number, budget: number): string => `${ms(x)} ${x <= budget ? '✓' : '✗'}`;

class Server {
  private constructor(
    private readonly child: ChildProcess,
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async start(dir: string, profileDir: string | null): Promise<Server> {
    const node = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    const child = spawn(process.execPath, [...node, quire, 'serve', '--notebook', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const first = await new Promise<string>((resolveLine, reject) => {
      child.once('exit', (code) => reject(new Error(`quire serve exited with ${code}`)));
      createInterface({ input: child.stdout! }).once('line', resolveLine);
    });
    const url = new URL(first);
    return new Server(child, url.origin, url.searchParams.get('token') ?? '');
  }

  /** Requests sent again because a kept-alive connection the server had already closed was reused. */
  retries = 0;

  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
    const send = () =>
      fetch(`${this.base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input),
      });
    let response: Response;
    try {
      response = await send();
    } catch (e) {
      // The request never reached the server (reset before any answer): on a loaded machine the client's idle
      // timer can fire after the server's. Sent once more, and counted.
      if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
      this.retries++;
      response = await send();
    }
    const result = (await response.json()) as ApiResult<ApiOutputs[M]>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** A notebookInfo every 10 ms, each timed from when it was sent (so a stalled server shows in every read). */
class Reader {
  private times: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly server: Server) {}

  start(): void {
    this.timer = setInterval(() => {
      const t = performance.now();
      const p = this.server.call('notebookInfo', {}).then(() => void this.times.push(performance.now() - t));
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }, READ_EVERY_MS);
  }

  /** The reads since the last take (waits for those still on their way). */
  async take(): Promise<number[]> {
    await Promise.all(this.inFlight);
    const out = this.times;
    this.times = [];
    return out;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }
}

interface Row {
  kind: string;
  writes: number[];
  reads: number[];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function prepareNotebook(): void {
  if (!existsSync(join(repo, 'out', 'main', 'cli.js'))) {
    throw new Error('The CLI is not built: run `npm run build` first.');
  }
  if (!existsSync(join(corpus, 'queries.json'))) {
    execFileSync(process.execPath, [generator, '--out', corpus, '--n', String(n)], { stdio: 'inherit' });
  }
  if (!existsSync(join(pristine, 'notebook.json'))) {
    rmSync(pristine, { recursive: true, force: true });
    const t = performance.now();
    execFileSync(process.execPath, [quire, 'import', '--notebook', pristine, corpus], { stdio: 'ignore' });
    console.log(`imported ${n} articles with the CLI in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  // Every run starts from the same notebook: what earlier runs wrote does not pile up.
  rmSync(notebook, { recursive: true, force: true });
  cpSync(pristine, notebook, { recursive: true });
}

async function main(): Promise<void> {
  prepareNotebook();
  const profile = values['cpu-prof'];
  if (profile) rmSync(profiles, { recursive: true, force: true });
  const server = await Server.start(notebook, profile ? profiles : null);
  try {
    const articles = await server.call('articleList', {});
    if (articles.length < n) throw new Error(`The notebook has ${articles.length} articles, not ${n}.`);
    // Where to select: the first passage of a spread of articles.
    const spread = Array.from(
      { length: perKind },
      (_, i) => articles[Math.floor((i * articles.length) / perKind)]!,
    );
    const targets: { id: string; start: number; end: number }[] = [];
    for (const a of spread.slice(0, 50)) {
      const view = await server.call('articleGet', { id: a.id });
      const p = view.passages[0];
      if (p) targets.push({ id: a.id, start: p.start, end: Math.min(p.end, p.start + 40) });
    }
    const note = await server.call('noteCreate', { title: `Bench ${Date.now()}`, body: '' });
    const highlights: string[] = [];
    const reader = new Reader(server);
    const rows: Row[] = [];
    const loadBefore = loadavg()[0] ?? 0;
    reader.start();
    await new Promise((r) => setTimeout(r, 500));
    rows.push({ kind: 'idle (no writes)', writes: [], reads: await reader.take() });

    const run = async (kind: string, write: (i: number) => Promise<unknown>) => {
      const writes: number[] = [];
      for (let i = 0; i < perKind; i++) writes.push(await timed(() => write(i)));
      rows.push({ kind, writes, reads: await reader.take() });
    };
    await run('tag a passage (highlightCreate)', async (i) => {
      const t = targets[i % targets.length]!;
      const h = await server.call('highlightCreate', {
        articleId: t.id,
        start: t.start,
        end: t.end,
        tagNames: [`bench-${i % 8}`],
      });
      highlights.push(h.id);
    });
    await run('highlight memo (highlightUpdate)', (i) =>
      server.call('highlightUpdate', { id: highlights[i % highlights.length]!, memo: `memo ${i}` }),
    );
    const paragraph = 'Fomin met the delegation at the ministry and the talks turned to helicopters. ';
    await run('note body (noteUpdate)', (i) =>
      server.call('noteUpdate', { id: note.id, body: `${paragraph.repeat(20)}\n\nEdit ${i}.` }),
    );
    await run('article metadata (articleUpdateMeta)', (i) =>
      server.call('articleUpdateMeta', { id: spread[i]!.id, author: `Bench Author ${i}` }),
    );

    if (!values['no-save']) {
      const cache = join(notebook, 'cache', 'search-index.bin');
      const before = statSync(cache).mtimeMs;
      const info = await server.call('notebookInfo', {});
      const writes: number[] = [];
      // Enough memo edits to reach the keeper's save threshold (the import's change sets count too).
      for (let i = 0; i < SAVE_AFTER_CHANGES + 10; i++) {
        writes.push(
          await timed(() =>
            server.call('highlightUpdate', { id: highlights[i % highlights.length]!, memo: `save ${i}` }),
          ),
        );
        if (i % 50 === 0 && statSync(cache).mtimeMs !== before) break;
      }
      // Let the save finish while reads go on: the worker re-indexes every article, ~minutes at 50k under load.
      const savingFrom = performance.now();
      const deadline = savingFrom + Math.max(15_000, n * 10);
      while (statSync(cache).mtimeMs === before && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1500));
      const saved = statSync(cache).mtimeMs !== before;
      const waited = `${((performance.now() - savingFrom) / 1000).toFixed(0)} s`;
      rows.push({
        kind: `memo edits until the index cache is saved (${writes.length}, from seq ${info.seq}; ${saved ? `saved, reads went on for ${waited}` : `no save seen in ${waited}`})`,
        writes,
        reads: await reader.take(),
      });
    }
    await reader.stop();
    print(rows);
    // On a shared machine other processes stall the server too: the idle row and this line say how much.
    if (server.retries)
      console.log(`\n${server.retries} requests were sent twice (connection reset before any answer).`);
    console.log(
      `\nLoad average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end, on ${cpus().length} cores.`,
    );
  } finally {
    await server.stop();
  }
  if (profile) {
    const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
    if (file) printProfile(summarizeProfile(join(profiles, file), STALL_MS), STALL_MS);
  }
}

function print(rows: Row[]): void {
  const header = [
    '',
    'writes',
    'p50',
    `p95 (≤ ${BUDGET.writeP95} ms)`,
    'max',
    'reads',
    `read p95 (≤ ${BUDGET.readP95} ms)`,
    `read max (≤ ${BUDGET.readMax} ms)`,
  ];
  const lines = rows.map((r) => [
    r.kind,
    String(r.writes.length),
    r.writes.length ? ms(pct(r.writes, 50)) : '–',
    r.writes.length ? verdict(pct(r.writes, 95), BUDGET.writeP95) : '–',
    r.writes.length ? ms(Math.max(...r.writes)) : '–',
    String(r.reads.length),
    verdict(pct(r.reads, 95), BUDGET.readP95),
    verdict(Math.max(0, ...r.reads), BUDGET.readMax),
  ]);
  console.log(
    `\nWrites over HTTP at ${n.toLocaleString('en')} articles (quire serve; a notebookInfo every ${READ_EVERY_MS} ms alongside)\n`,
  );
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
}

await main();
