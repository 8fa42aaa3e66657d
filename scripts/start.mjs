#!/usr/bin/env node
// @ts-check
// `npm start`: check Node, make sure the Electron runtime is installed (Electron 45 has no install script: its
// binary is fetched only when something asks for it, and `electron-vite preview` does not ask), then build and
// open the desktop window with `electron-vite preview`. Where the window cannot be had, one paragraph says
// what is missing and how to get it, and the exit status is 1. `--no-install` (or ELECTRON_SKIP_BINARY_DOWNLOAD)
// means never download; any other argument goes to `electron-vite preview`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectronRuntime } from './launch/electron-runtime.mjs';
import { installFailure, nextStep, skipReason, wrap } from './launch/start-plan.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** @param {string} message */
function fail(message) {
  console.error(wrap(message, Math.min(process.stderr.columns || 100, 110)));
  process.exit(1);
}

/** @type {string} */
let electronDir;
/** @type {string} */
let electronVersion;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
  electronVersion = require('electron/package.json').version;
} catch {
  fail("The project's packages are not installed: run `npm install` first, then `npm start`.");
  throw new Error('unreachable');
}

const runtime = () => findElectronRuntime(electronDir, electronVersion, process.env);
const facts = {
  node: process.versions.node,
  electron: electronVersion,
  runtime: runtime() !== null,
  skip: skipReason(args, process.env),
};
let step = nextStep(facts);

if (step.step === 'install') {
  console.log(`Downloading the Electron ${electronVersion} runtime (about 100 MB, once)…`);
  // Electron's own install step, the one its index.js runs lazily. Its stack trace on failure stays out of sight:
  // the paragraph below quotes the one line that matters.
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  const installed = runtime() !== null;
  const failure = installed
    ? null
    : installFailure(result.error?.message ?? result.stderr ?? '', result.status);
  step = nextStep({ ...facts, runtime: installed, failure });
}

if (step.step === 'stop') fail(step.message);
else {
  const electronVite = join(
    dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const child = spawn(
    process.execPath,
    [electronVite, 'preview', ...args.filter((a) => a !== '--no-install')],
    {
      stdio: 'inherit',
      // The runtime found above, so electron-vite launches exactly that one.
      env: { ...process.env, ELECTRON_EXEC_PATH: runtime() ?? undefined },
    },
  );
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
