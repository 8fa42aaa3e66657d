// One writer per notebook. The lock is a file created exclusively; a lock left behind by a process that
// has died (crash, power cut) is taken over, a live one is refused.
import { unlinkSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { QuireError } from '../errors';

export const LOCK_FILE = '.lock';

export interface LockInfo {
  pid: number;
  host: string;
  createdAt: string;
}
const lockInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<LockInfo>;

export interface NotebookLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Locks still held at exit; removed synchronously so a normal quit leaves no stale lock behind. */
const heldLocks = new Set<string>();
let exitHookInstalled = false;
function releaseAllOnExit(): void {
  for (const file of heldLocks) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone, or the folder vanished: nothing left to release.
    }
  }
  heldLocks.clear();
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireLock(dir: string, now: () => Date): Promise<NotebookLock> {
  const file = path.join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), createdAt: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(info));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return register(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readLock(file);
    if (holder && holder.host !== info.host) {
      throw new QuireError(
        'NOTEBOOK_LOCKED',
        `This notebook is open in Quire on another computer (${holder.host}, pid ${holder.pid}). Close it there, then try again.`,
      );
    }
    if (holder && isProcessAlive(holder.pid)) {
      throw new QuireError(
        'NOTEBOOK_LOCKED',
        `This notebook is open in another Quire window or process (pid ${holder.pid}). Close it there, then try again.`,
      );
    }
    if (!holder && (await youngerThan(file, 5_000))) {
      // Probably another process between creating the lock and writing its pid: not stale yet.
      throw new QuireError(
        'NOTEBOOK_LOCKED',
        'This notebook is being opened by another Quire window or process. Close it there, then try again.',
      );
    }
    // Stale (dead pid) or unreadable and old (crash while writing the lock): take it over.
    await fs.rm(file, { force: true });
  }
  throw new QuireError(
    'NOTEBOOK_LOCKED',
    'Another Quire process keeps taking this notebook. Close other Quire windows, then try again.',
  );
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function youngerThan(file: string, ms: number): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    return Date.now() - stat.mtimeMs < ms;
  } catch {
    return false;
  }
}

function register(file: string): NotebookLock {
  heldLocks.add(file);
  if (!exitHookInstalled) {
    process.on('exit', releaseAllOnExit);
    exitHookInstalled = true;
  }
  let released = false;
  return {
    path: file,
    async release() {
      if (released) return;
      released = true;
      heldLocks.delete(file);
      await fs.rm(file, { force: true });
    },
  };
}
