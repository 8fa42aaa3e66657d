// Rotating copies of the metadata files, taken just before they are replaced. Bodies, sources and caches
// are not backed up: bodies and sources are immutable per id/hash, caches can be rebuilt.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileNameOf, type MetadataName } from './schema';

export const BACKUPS_DIR = 'backups';

export interface BackupPolicy {
  /** Copies kept per file. */
  keep: number;
  /** A burst of edits (tagging a dozen passages) makes one backup, not a dozen. */
  minIntervalMs: number;
}
export const defaultBackupPolicy: BackupPolicy = { keep: 5, minIntervalMs: 60_000 };

export interface BackupEntry {
  path: string;
  time: Date;
}

/** `annotations` at 2026-11-22T18:40:00.000Z -> `annotations.2026-11-22T18-40-00-000Z.json` (no `:` for Windows). */
export function backupFileName(name: MetadataName, time: Date): string {
  return `${name}.${fileStamp(time)}.json`;
}

export function fileStamp(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

const backupPattern = /^([a-z]+)\.(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.json$/;

export function parseBackupFileName(file: string): { name: string; time: Date } | null {
  const m = backupPattern.exec(file);
  if (!m) return null;
  const [, name, day, h, min, s, ms] = m;
  if (name === undefined) return null;
  const time = new Date(`${day}T${h}:${min}:${s}.${ms}Z`);
  return Number.isNaN(time.getTime()) ? null : { name, time };
}

export class Backups {
  private readonly folder: string;
  private readonly last = new Map<MetadataName, Date>();

  constructor(
    private readonly notebookDir: string,
    private readonly now: () => Date,
    private readonly policy: BackupPolicy = defaultBackupPolicy,
  ) {
    this.folder = path.join(notebookDir, BACKUPS_DIR);
  }

  /** Newest first. */
  async list(name: MetadataName): Promise<BackupEntry[]> {
    let files: string[];
    try {
      files = await fs.readdir(this.folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const entries: BackupEntry[] = [];
    for (const file of files) {
      const parsed = parseBackupFileName(file);
      if (parsed?.name === name) entries.push({ path: path.join(this.folder, file), time: parsed.time });
    }
    return entries.sort((a, b) => b.time.getTime() - a.time.getTime());
  }

  /**
   * Copies the file as it is on disk now (the last state Quire wrote or loaded) into backups/, unless a
   * backup was taken less than `minIntervalMs` ago. `force` ignores the interval (used before migrations).
   */
  async beforeWrite(name: MetadataName, options: { force?: boolean } = {}): Promise<void> {
    const source = path.join(this.notebookDir, fileNameOf(name));
    const now = this.now();
    const last = this.last.has(name) ? this.last.get(name) : (await this.list(name))[0]?.time;
    if (!options.force && last) {
      const age = now.getTime() - last.getTime();
      if (age >= 0 && age < this.policy.minIntervalMs) return;
    }
    await fs.mkdir(this.folder, { recursive: true });
    const target = path.join(this.folder, backupFileName(name, now));
    try {
      await fs.copyFile(source, target);
    } catch (e) {
      // Nothing on disk yet means nothing to keep.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    this.last.set(name, now);
    const all = await this.list(name);
    for (const old of all.slice(this.policy.keep)) await fs.rm(old.path, { force: true });
  }
}
