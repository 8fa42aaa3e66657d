// What a shared notebook keeps about its sharing, in the notebook's `sync/` folder: where it replicates to and who
// the researcher is there (`config.json`; never a password), and how far the two directions have got
// (`state.json`). The replica itself (LevelDB) sits beside them in `sync/replica/`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-file';

export const SYNC_DIR = 'sync';

const configSchema = z.object({
  /** The server, without credentials: `https://couch.example.org` (or loopback http). */
  server: z.string().min(1),
  db: z.string().min(1),
  /** The researcher's user name in this notebook: stamped on what they write. */
  author: z.string().min(1),
  /** The user name to sign in with (the password is kept outside the notebook). */
  username: z.string().nullable(),
});
export type SyncConfig = z.infer<typeof configSchema>;

const stateSchema = z.object({
  /** The replica's change sequence up to which remote changes are in the notebook. */
  appliedSeq: z.union([z.number(), z.string()]).default(0),
  /** Records whose replica document holds more than one version: shown in the Conflicts view. */
  conflicts: z.array(z.string()).default([]),
});
export type SyncState = z.infer<typeof stateSchema>;

export const syncPaths = (notebookDir: string) => ({
  dir: path.join(notebookDir, SYNC_DIR),
  config: path.join(notebookDir, SYNC_DIR, 'config.json'),
  state: path.join(notebookDir, SYNC_DIR, 'state.json'),
  replica: path.join(notebookDir, SYNC_DIR, 'replica'),
});

export async function readSyncConfig(notebookDir: string): Promise<SyncConfig | null> {
  const raw = await readJson(syncPaths(notebookDir).config);
  if (raw === undefined) return null;
  const parsed = configSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function writeSyncConfig(notebookDir: string, config: SyncConfig): Promise<void> {
  const paths = syncPaths(notebookDir);
  await fs.mkdir(paths.dir, { recursive: true });
  await writeFileAtomic(paths.config, JSON.stringify(configSchema.parse(config), null, 2) + '\n');
}

export async function readSyncState(notebookDir: string): Promise<SyncState> {
  const parsed = stateSchema.safeParse((await readJson(syncPaths(notebookDir).state)) ?? {});
  // A damaged state file only costs a re-check: everything is compared record by record again.
  return parsed.success ? parsed.data : stateSchema.parse({});
}

export async function writeSyncState(notebookDir: string, state: SyncState): Promise<void> {
  await writeFileAtomic(syncPaths(notebookDir).state, JSON.stringify(state) + '\n');
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
