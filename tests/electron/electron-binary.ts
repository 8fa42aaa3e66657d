// The Electron binary the desktop specs launch, found where Electron's installer puts it, or the reason there is
// none (printed once, so a skipped desktop suite always says why).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');
export const mainEntry = join(repo, 'out', 'main', 'index.js');

function findBinary(): string | null {
  const electronDir = join(repo, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const electronBinary = findBinary();
export const skipReason =
  'No Electron runtime in node_modules/electron/dist (install it with `npx --no install-electron`); desktop e2e skipped.';
if (!electronBinary) console.log(`electron e2e: ${skipReason}`);
