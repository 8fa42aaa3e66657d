import { execFileSync } from 'node:child_process';
// Each test gets its own notebook folder and its own `quire serve` process (browser mode), started from the
// built CLI; the page opens the URL the server prints first (it carries the access token).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';
import { QuirePage } from './pages/quire-page';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = resolve(repoRoot, '../shared/corpus');
export const seedsDir = join(corpusDir, 'seeds');

/** A deterministic synthetic corpus from the shared generator (manifest.json knows each file's truth). */
export function generateCorpus(dir: string, n: number, options: { hostile?: boolean } = {}): string {
  const args = ['--out', dir, '--n', String(n), ...(options.hostile ? ['--hostile'] : [])];
  execFileSync(process.execPath, [join(corpusDir, '../tools/gen-corpus.mjs'), ...args]);
  return dir;
}

export interface Served {
  url: string;
  notebookDir: string;
  /** A scratch folder for files the test writes (failing imports, downloads). */
  workDir: string;
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    if (!child.stdout) return reject(new Error('quire serve has no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolveLine(line.trim()));
    child.once('exit', (code) =>
      reject(
        new Error(
          `quire serve exited (${code}) before printing its URL. Did 'npm run build' run?\n${stderr()}`,
        ),
      ),
    );
  });
}

/** A `quire serve` process: its URL, and how to stop it (SIGTERM, then SIGKILL if it lingers). */
export interface ServeProcess {
  url: string;
  /** What it printed on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `quire serve` with `args`, its user data (the access key, the recent-notebooks list) under `workDir`
 * so that a second start with the same `workDir` is the same user's next run.
 */
export async function startServe(workDir: string, args: string[]): Promise<ServeProcess> {
  let stderr = '';
  const child = spawn(process.execPath, [join(repoRoot, 'bin/quire.js'), 'serve', ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOME: workDir,
      XDG_CONFIG_HOME: join(workDir, 'config'),
      APPDATA: join(workDir, 'config'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await firstLine(child, () => stderr);
  return {
    url,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export const test = base.extend<{ served: Served; quire: QuirePage }>({
  // Playwright needs the destructuring pattern to see that this fixture depends on no other fixture.
  // eslint-disable-next-line no-empty-pattern
  served: async ({}, use, testInfo) => {
    const workDir = await mkdtemp(join(tmpdir(), 'quire-e2e-'));
    const notebookDir = join(workDir, 'notebook');
    let server: ServeProcess | undefined;
    try {
      server = await startServe(workDir, ['--notebook', notebookDir, '--port', '0']);
      await use({ url: server.url, notebookDir, workDir });
    } finally {
      await server?.stop();
      const stderr = server?.stderr() ?? '';
      // What the server said is the first thing to read when a test fails.
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('quire serve stderr', { body: stderr });
      if (process.env.QUIRE_E2E_SERVER_LOG) process.stderr.write(stderr);
      await rm(workDir, { recursive: true, force: true });
    }
  },
  quire: async ({ page, served }, use) => {
    const quire = new QuirePage(page);
    await quire.goto(served.url);
    await use(quire);
  },
});

export { expect } from '@playwright/test';
