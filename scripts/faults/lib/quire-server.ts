// A real `quire serve` in a child process, for the fault suites: started as a researcher starts it, called over
// HTTP exactly as the browser UI calls it, and killed (SIGKILL) or stopped (SIGTERM) from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ApiMethod, ApiResult } from '../../../src/main/core/api-contract';

export const repoDir = resolve(import.meta.dirname, '../../..');
const builtCli = join(repoDir, 'out/main/cli.js');
/**
 * Inside node_modules/ so the bundle's imports of the dependencies resolve as they do for out/main; one folder per
 * process, since test files run in parallel workers.
 */
const freshRoot = join(repoDir, 'node_modules/.cache/quire-faults');
const freshDir = join(freshRoot, `server-${process.pid}`);

/**
 * `built`: `node bin/quire.js`, exactly what a researcher runs after `npm run build`.
 * `fresh`: the same CLI and workers bundled from the current sources just now (vite, under a second), so a test
 * never runs a stale build and needs no `npm run build` first.
 */
export type ServerBuild = 'built' | 'fresh';

export interface ServerOptions {
  notebook: string;
  /** The child's working folder (relative paths in API calls resolve against it). */
  cwd: string;
  /** Where the child keeps its recent-notebooks list (XDG_CONFIG_HOME). */
  configDir: string;
  build: ServerBuild;
  /** How long to wait for the URL on stdout. */
  startTimeoutMs?: number;
}

export type CallOutcome =
  | { kind: 'envelope'; result: ApiResult<unknown>; ms: number }
  /** An HTTP answer that is not a 200 JSON envelope. */
  | { kind: 'http'; status: number; body: string; ms: number }
  | { kind: 'timeout'; ms: number }
  /** The connection failed or broke (a killed server answers like this). */
  | { kind: 'network'; error: string; ms: number };

export interface QuireServer {
  readonly pid: number;
  readonly base: string;
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything the server wrote to stderr so far (the last 200 kB). */
  stderr(): string;
  exited(): boolean;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exit: Promise<string>;
  call(method: ApiMethod | string, input: unknown, options?: { timeoutMs?: number }): Promise<CallOutcome>;
  /** Sends a raw body (already JSON text, or deliberately not). */
  callRaw(method: string, body: string, options?: { timeoutMs?: number }): Promise<CallOutcome>;
  kill(signal: NodeJS.Signals): void;
}

/** Why `out/main/cli.js` cannot be used (missing, or older than a source file it is built from), or null. */
export async function builtCliIsStale(): Promise<string | null> {
  if (!existsSync(builtCli)) return 'out/main/cli.js is missing: run `npm run build` first.';
  const built = statSync(builtCli).mtimeMs;
  const newest = await newestMtime(join(repoDir, 'src/main'));
  return newest.mtime > built
    ? `out/main/cli.js is older than ${newest.file}: run \`npm run build\` first.`
    : null;
}

async function newestMtime(dir: string): Promise<{ file: string; mtime: number }> {
  let best = { file: '', mtime: 0 };
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const found = entry.isDirectory()
      ? await newestMtime(full)
      : { file: full, mtime: (await stat(full)).mtimeMs };
    if (found.mtime > best.mtime) best = found;
  }
  return best;
}

let freshBuild: Promise<void> | null = null;

/** Bundles the CLI and its worker scripts as electron-vite's main build does (once per process). */
function buildFresh(): Promise<void> {
  freshBuild ??= (async () => {
    // Bundles of processes that are gone (a run that was killed) are left over: remove them.
    for (const name of await readdir(freshRoot).catch(() => [] as string[])) {
      const pid = Number(/^server-(\d+)$/.exec(name)?.[1]);
      if (pid && !isAlive(pid)) await rm(join(freshRoot, name), { recursive: true, force: true });
    }
    process.once('exit', () => rmSync(freshDir, { recursive: true, force: true }));
    const { build } = await import('vite');
    const entry = (file: string) => join(repoDir, file);
    await build({
      configFile: false,
      logLevel: 'warn',
      root: repoDir,
      build: {
        ssr: true,
        outDir: freshDir,
        emptyOutDir: true,
        minify: false,
        target: 'node20',
        rollupOptions: {
          input: {
            cli: entry('src/main/cli.ts'),
            'extract-worker': entry('src/main/core/import/extract-worker.ts'),
            'rebuild-worker': entry('src/main/core/search/rebuild-worker.ts'),
          },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    });
  })();
  return freshBuild;
}

export async function startServer(options: ServerOptions): Promise<QuireServer> {
  if (options.build === 'fresh') await buildFresh();
  const cli = options.build === 'built' ? join(repoDir, 'bin/quire.js') : join(freshDir, 'cli.js');
  // As a researcher's shell would start it: not under a test runner's NODE_ENV.
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: options.configDir };
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [cli, 'serve', '--notebook', options.notebook, '--port', '0'], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  let gone = false;
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    // Bounded: a chatty server must not grow the test's memory without end.
    err = (err + d).slice(-200_000);
  });
  const exit = new Promise<string>((done) => {
    child.once('exit', (code, signal) => {
      gone = true;
      done(signal ?? `exit ${code}`);
    });
  });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`quire serve printed no URL within ${options.startTimeoutMs ?? 60_000} ms`)),
      options.startTimeoutMs ?? 60_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n');
      if (line.length > 1) {
        clearTimeout(timer);
        done(line[0] ?? '');
      }
    });
    void exit.then((how) => {
      clearTimeout(timer);
      fail(new Error(`quire serve stopped before it printed a URL (${how}): ${err.trim().slice(-2000)}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const base = `${parsed.protocol}//${parsed.host}`;

  const callRaw = async (method: string, body: string, o: { timeoutMs?: number } = {}) => {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      if (res.status !== 200 || !/^application\/json\b/.test(res.headers.get('content-type') ?? ''))
        return { kind: 'http', status: res.status, body: text.slice(0, 2000), ms: ms() } as const;
      const value = JSON.parse(text) as unknown;
      if (!isEnvelope(value))
        return { kind: 'http', status: res.status, body: text.slice(0, 2000), ms: ms() } as const;
      return { kind: 'envelope', result: value, ms: ms() } as const;
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', ms: ms() } as const;
      if (e instanceof SyntaxError)
        return { kind: 'http', status: 200, body: `not JSON: ${e.message}`, ms: ms() } as const;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      return { kind: 'network', error: cause?.code ?? cause?.message ?? String(e), ms: ms() } as const;
    }
  };

  return {
    pid: child.pid ?? -1,
    base,
    token,
    child,
    exit,
    stderr: () => err,
    exited: () => gone,
    callRaw,
    call: (method, input, o) => callRaw(method, JSON.stringify(input), o),
    kill(signal) {
      if (!gone) child.kill(signal);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `{ ok: true, value }` or `{ ok: false, error: { code, message } }` and nothing else. */
export function isEnvelope(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const error = v.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}
