// @ts-check
// Where the Electron runtime (the binary that `npm start` launches) is, found the way Electron and electron-vite
// look for it, so `npm start` never asks electron-vite for a runtime it would not find.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable, or null when it is not installed. In the order the tools use: ELECTRON_EXEC_PATH
 * (electron-vite's override), ELECTRON_OVERRIDE_DIST_PATH (Electron's), then `dist/` inside the electron package,
 * where Electron's installer unpacks the runtime and records its file name in `path.txt`.
 * @param {string} electronDir the folder of the `electron` package
 * @param {string} version the package's version: a runtime left from another version does not count
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {string | null}
 */
export function findElectronRuntime(electronDir, version, env) {
  const exists = (/** @type {string} */ path) => (existsSync(path) ? path : null);
  if (env.ELECTRON_EXEC_PATH) return exists(env.ELECTRON_EXEC_PATH);
  const name = readText(join(electronDir, 'path.txt'));
  if (env.ELECTRON_OVERRIDE_DIST_PATH)
    return exists(join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron'));
  if (!name || readText(join(electronDir, 'dist', 'version'))?.replace(/^v/, '') !== version) return null;
  return exists(join(electronDir, 'dist', name));
}

/** @param {string} path */
function readText(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}
