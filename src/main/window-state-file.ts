// The remembered window state, in the user data folder beside the recent-notebooks list. No electron import:
// tests read and write it in a temp folder.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWindowState, type WindowState } from './window-state';

export function windowStateFile(userDataDir: string): string {
  return join(userDataDir, 'window-state.json');
}

/** The remembered state, or null when there is none or it cannot be read: a missing size is never an error. */
export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Writes the state through a temp file and a rename, so a crash leaves the old state or the new one. Synchronous
 * on purpose: the last write happens while the window closes, and the app may quit right after.
 */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`);
  renameSync(temp, file);
}
