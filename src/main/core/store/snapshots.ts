// Backups of the record files: before a checkpoint replaces any of them, the current set is hard-linked into
// `backups/<time>/`. Record files are only ever replaced by rename, never changed in place, so a link keeps the
// old bytes for the price of a directory entry. Where links are refused (some file systems), files are copied.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileStamp, parseStamp } from './stamps';

export const BACKUPS_DIR = 'backups';

export interface SnapshotPolicy {
  /** Snapshots kept. */
  keep: number;
  /** A busy afternoon makes one snapshot every so often, not one per checkpoint. */
  minIntervalMs: number;
}
export const defaultSnapshotPolicy: SnapshotPolicy = { keep: 6, minIntervalMs: 10 * 60_000 };

export interface Snapshot {
  dir: string;
  time: Date;
}

export class Snapshots {
  private readonly folder: string;
  private last: Date | null | undefined;

  constructor(
    notebookDir: string,
    private readonly now: () => Date,
    private readonly policy: SnapshotPolicy = defaultSnapshotPolicy,
  ) {
    this.folder = path.join(notebookDir, BACKUPS_DIR);
  }

  /** Newest first. */
  async list(): Promise<Snapshot[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: Snapshot[] = [];
    for (const name of names) {
      const time = parseStamp(name);
      if (time) out.push({ dir: path.join(this.folder, name), time });
    }
    return out.sort((a, b) => b.time.getTime() - a.time.getTime());
  }

  /**
   * Links `files` (absolute paths; missing ones are skipped) into a new snapshot, named relative to `base`,
   * unless the newest snapshot is younger than the policy's interval (or `force`).
   */
  async take(base: string, files: readonly string[], options: { force?: boolean } = {}): Promise<boolean> {
    const now = this.now();
    if (this.last === undefined) this.last = (await this.list())[0]?.time ?? null;
    if (!options.force && this.last) {
      const age = now.getTime() - this.last.getTime();
      if (age >= 0 && age < this.policy.minIntervalMs) return false;
    }
    const target = path.join(this.folder, fileStamp(now));
    await fs.mkdir(target, { recursive: true });
    for (const file of files) {
      const dest = path.join(target, path.relative(base, file));
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await linkOrCopy(file, dest);
    }
    this.last = now;
    const all = await this.list();
    for (const old of all.slice(this.policy.keep)) await fs.rm(old.dir, { recursive: true, force: true });
    return true;
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EEXIST') return;
    await fs.copyFile(from, to).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}
