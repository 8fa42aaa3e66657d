// Ctrl+C and SIGTERM against the real `quire` process (the built CLI, as a user runs it): one signal stops an
// import cleanly and says what was kept, a second exits at once; the notebook opens fine afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir, tempDir } from '../helpers/notebook';

const repo = resolve(import.meta.dirname, '../..');
const builtCli = join(repo, 'out/main/cli.js');
const genCorpus = join(sharedDir, 'tools/gen-corpus.mjs');
const FILES = 400;

const newestSource = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

/** Builds the CLI when out/ is missing or older than src/main, so the test never runs yesterday's code. */
function ensureBuilt(): void {
  if (existsSync(builtCli) && statSync(builtCli).mtimeMs >= newestSource(join(repo, 'src/main'))) return;
  console.log('signals.test: out/main/cli.js is missing or older than src/main; building it first.');
  execFileSync(process.execPath, [join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: repo,
    stdio: 'ignore',
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
let corpus: string;
const env = () => ({ ...process.env, HOME: root, XDG_CONFIG_HOME: join(root, 'config') });

function quire(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const child = spawn(process.execPath, [join(repo, 'bin/quire.js'), ...args], {
    cwd: repo,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((r) => child.once('close', (code) => r({ code, stdout, stderr })));
  return { child, done };
}

/** Resolves once the import has stored its first group of articles: its first visible progress. */
async function firstGroupStored(notebook: string, done: Promise<Run>): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  while (!existsSync(join(notebook, 'bodies'))) {
    if (finished) throw new Error('the import finished before its first group was stored');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function listed(notebook: string): Promise<string[]> {
  const run = await quire(['list', '--notebook', notebook, '--json']).done;
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { articles: { id: string }[] }).articles.map((a) => a.id);
}

const available = existsSync(genCorpus);
if (!available) console.log(`signals.test: ${genCorpus} is missing, so the signal tests are skipped.`);

describe.skipIf(!available)('quire stops on Ctrl+C / SIGTERM', () => {
  beforeAll(async () => {
    ensureBuilt();
    root = await tempDir('quire-signals-');
    corpus = join(root, 'corpus');
    execFileSync(process.execPath, [genCorpus, '--out', corpus, '--n', String(FILES)]);
  }, 180_000);
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'one %s cancels an import within a couple of seconds, keeps what was stored and says so',
    async (signal, exitCode) => {
      const notebook = join(root, `nb-${signal}`);
      const { child, done } = quire(['import', '--notebook', notebook, '--json', corpus]);
      await firstGroupStored(notebook, done);
      const sent = Date.now();
      child.kill(signal);
      const run = await done;
      const stopMs = Date.now() - sent;
      console.log(`signals.test: ${signal} -> exit after ${stopMs} ms`);

      expect(run.code).toBe(exitCode);
      expect(stopMs).toBeLessThan(3_000);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const kept = /^Stopped: (\d+) articles? imported before the stop (?:is|are) kept\.$/.exec(
        lines[0] ?? '',
      );
      expect(kept, run.stderr).not.toBeNull();
      const count = Number(kept?.[1]);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(FILES);
      const report = JSON.parse(run.stdout) as { imported: { id: string }[]; cancelled: boolean };
      expect(report.cancelled).toBe(true);

      // Afterwards the notebook opens (no stale lock) and holds exactly what the stop line said.
      expect(existsSync(join(notebook, '.lock'))).toBe(false);
      expect((await listed(notebook)).sort()).toEqual(report.imported.map((i) => i.id).sort());
    },
    60_000,
  );

  it('a second signal exits at once, and the notebook still opens', async () => {
    const notebook = join(root, 'nb-twice');
    const { child, done } = quire(['import', '--notebook', notebook, corpus]);
    await firstGroupStored(notebook, done);
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 20));
    const sent = Date.now();
    child.kill('SIGINT');
    const run = await done;
    console.log(`signals.test: second SIGINT -> exit after ${Date.now() - sent} ms`);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('quire: stopped at once.');
    expect(existsSync(join(notebook, '.lock'))).toBe(false);
    await listed(notebook);
  }, 60_000);
});
