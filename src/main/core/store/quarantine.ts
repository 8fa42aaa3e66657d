// Loading one metadata file without ever losing it: a file that does not parse or validate is copied
// byte-for-byte into .quarantine/ before anything else happens, and the newest valid backup takes its place.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readFileIfExists } from './atomic-file';
import { fileStamp, type Backups } from './backups';
import { migrate, schemaVersionOf } from './migrations';
import { fileNameOf, metadataSchemas, type MetadataFiles, type MetadataName } from './schema';
import { SCHEMA_VERSION } from './types';

export const QUARANTINE_DIR = '.quarantine';

export type RawFile =
  | { kind: 'missing' }
  | { kind: 'unparseable'; bytes: Buffer }
  | { kind: 'parsed'; bytes: Buffer; value: unknown; version: number | null };

export async function readRaw(dir: string, name: MetadataName): Promise<RawFile> {
  const bytes = await readFileIfExists(path.join(dir, fileNameOf(name)));
  if (bytes === null) return { kind: 'missing' };
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return { kind: 'parsed', bytes, value, version: schemaVersionOf(value) };
  } catch {
    return { kind: 'unparseable', bytes };
  }
}

export function isNewer(raw: RawFile): boolean {
  return raw.kind === 'parsed' && raw.version !== null && raw.version > SCHEMA_VERSION;
}

export interface LoadContext {
  dir: string;
  now: () => Date;
  backups: Backups;
  /** Read-only notebooks change nothing on disk, not even to quarantine a file. */
  readOnly: boolean;
}

export interface Loaded<T> {
  data: T;
  warning: string | null;
  /** `write`: put `data` on disk now (restored or created); `upgrade`: back up the old file first. */
  action: 'none' | 'write' | 'upgrade';
}

/** Validates (after migrating) or returns null. Never throws for bad data. */
export function checkFile<K extends MetadataName>(name: K, value: unknown): MetadataFiles[K] | null {
  try {
    const parsed = metadataSchemas[name].safeParse(migrate(name, value).data);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function loadMetadata<K extends MetadataName>(
  name: K,
  raw: RawFile,
  ctx: LoadContext,
  fallback: () => MetadataFiles[K],
): Promise<Loaded<MetadataFiles[K]>> {
  const file = fileNameOf(name);
  if (raw.kind === 'missing') {
    const backup = await newestValidBackup(name, ctx.backups);
    if (!backup) return { data: fallback(), warning: null, action: ctx.readOnly ? 'none' : 'write' };
    const warning = ctx.readOnly
      ? `${file} is missing; Quire is showing the backup from ${displayTime(backup.time)}.`
      : `${file} was missing; Quire restored the backup from ${displayTime(backup.time)}. Nothing else was changed.`;
    return { data: backup.data, warning, action: ctx.readOnly ? 'none' : 'write' };
  }

  if (raw.kind === 'parsed' && isNewer(raw)) {
    // Only a newer Quire knows this shape; show what we can recognise and leave the file alone.
    const parsed = metadataSchemas[name].safeParse(raw.value);
    if (parsed.success) return { data: parsed.data, warning: null, action: 'none' };
    return {
      data: fallback(),
      warning: `${file} was written by a newer version of Quire and cannot be shown by this version; it was left untouched.`,
      action: 'none',
    };
  }

  if (raw.kind === 'parsed') {
    const data = checkFile(name, raw.value);
    if (data) return { data, warning: null, action: raw.version === SCHEMA_VERSION ? 'none' : 'upgrade' };
  }

  const backup = await newestValidBackup(name, ctx.backups);
  const restored = backup ? `the backup from ${displayTime(backup.time)}` : null;
  if (ctx.readOnly) {
    const shown = restored ? `Quire is showing ${restored}` : 'Quire is showing it as empty';
    return {
      data: backup?.data ?? fallback(),
      warning: `${file} is damaged; ${shown} and left the file untouched.`,
      action: 'none',
    };
  }
  await quarantine(ctx.dir, file, raw.bytes, ctx.now());
  const outcome = restored
    ? `Quire restored ${restored}`
    : name === 'articles'
      ? 'there was no usable backup, so Quire started an empty article list (the article texts and original files are still in bodies/ and sources/)'
      : 'there was no usable backup, so Quire started it afresh';
  return {
    data: backup?.data ?? fallback(),
    warning: `${file} was damaged and has been set aside in ${QUARANTINE_DIR}/; ${outcome}. Nothing else was changed.`,
    action: 'write',
  };
}

/** Copies the exact bytes into .quarantine/<file>.<time>, never replacing an earlier quarantined copy. */
export async function quarantine(dir: string, file: string, bytes: Uint8Array, now: Date): Promise<string> {
  const folder = path.join(dir, QUARANTINE_DIR);
  await fs.mkdir(folder, { recursive: true });
  const base = path.join(folder, `${file}.${fileStamp(now)}`);
  for (let n = 0; ; n++) {
    const target = n === 0 ? base : `${base}-${n}`;
    try {
      await fs.writeFile(target, bytes, { flag: 'wx' });
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

async function newestValidBackup<K extends MetadataName>(
  name: K,
  backups: Backups,
): Promise<{ data: MetadataFiles[K]; time: Date } | null> {
  for (const entry of await backups.list(name)) {
    const bytes = await readFileIfExists(entry.path);
    if (bytes === null) continue;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      continue;
    }
    const data = checkFile(name, value);
    if (data) return { data, time: entry.time };
  }
  return null;
}

/** Local time, to the minute: "2026-11-22 18:40". */
export function displayTime(time: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${p(time.getMonth() + 1)}-${p(time.getDate())} ${p(time.getHours())}:${p(time.getMinutes())}`;
}
