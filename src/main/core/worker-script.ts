// Locating and starting worker-thread scripts, shared by the extractor pool and the search-index rebuild.
// Built, a worker is its own main-build entry beside the calling entry (`out/main/<name>.js`); from source
// (tests, bench) it is a `.ts` file started through tsx.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The built worker script `fileName` beside the calling entry, or null when there is none (e.g. from source).
 * In the packaged app the entry sits inside `app.asar`, where a worker thread cannot start a script: the worker
 * is started from the copy electron-builder unpacks beside the archive (`asarUnpack` in package.json).
 */
export function workerScriptBeside(entryUrl: string, fileName: string): URL | null {
  const url = new URL(fileName, entryUrl);
  if (url.protocol !== 'file:') return null;
  const path = outsideAsar(fileURLToPath(url));
  return existsSync(path) ? pathToFileURL(path) : null;
}

/**
 * `path` with its `app.asar` folder replaced by `app.asar.unpacked`, where electron-builder puts the files it
 * unpacks; paths outside an archive are returned as they are. Both separators, for Windows paths.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/** Starts a worker from a built `.js` script, or from a `.ts` source through a tsx bootstrap. */
export function startWorker(workerUrl: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const fromSource = workerUrl.pathname.endsWith('.ts');
  return new Worker(fromSource ? tsxBootstrap(workerUrl) : workerUrl, { ...options, eval: fromSource });
}

/**
 * Node 20 does not apply `--import tsx` given in a worker's execArgv, so a tiny bootstrap registers tsx inside
 * the worker and then imports the script.
 */
function tsxBootstrap(workerUrl: URL): string {
  // `require.resolve` would pick tsx's CommonJS build; the ESM one sits beside it.
  const tsxCjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(tsxCjs.replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); });`;
}
