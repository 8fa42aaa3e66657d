import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors';
import { makeDir } from '../make-dir';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-file';
import { BODIES_DIR } from './bodies';
import { Journal, JOURNAL_DIR } from './journal';
import { hasV1Files, loadV1, retireV1Files } from './legacy-v1';
import { loadRecords } from './load-records';
import { CACHE_DIR, SOURCES_DIR } from './layout';
import { acquireLock, LOCK_FILE, type NotebookLock } from './lock';
import {
  encodeNotebookFile,
  NOTEBOOK_FILE,
  NotebookFileDoc,
  readNotebookFile,
  SCHEMA_VERSION,
  type NotebookFile,
} from './notebook-file';
import { allShardKeys, FileNotebookStore } from './notebook-store';
import { quarantine } from './quarantine';
import { RECORDS_DIR } from './record-files';
import { RecordSet } from './record-set';
import { Snapshots } from './snapshots';
import { displayTime } from './stamps';
import type { NotebookStore, OpenOptions } from './types';

/** Files an operating system drops into any folder; they do not make a folder "not empty". */
const IGNORABLE = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', LOCK_FILE]);

export const NEWER_FORMAT_MESSAGE =
  'This notebook was written by a newer version of Quire; it is open read-only. Update Quire to edit it.';

/**
 * Opens (or with `create`, creates) the notebook in `dir` and takes its single-writer lock. Damage is repaired
 * without losing anything (see load-records.ts); a notebook from a newer Quire opens read-only.
 */
export async function openNotebook(dir: string, options: OpenOptions): Promise<NotebookStore> {
  const root = path.resolve(dir);
  const found = await inspect(root);
  if (!found.isNotebook) {
    if (!options.create) {
      throw new QuireError(
        'NOT_FOUND',
        `No Quire notebook in ${root}. Choose a folder that contains notebook.json, or create a new notebook.`,
      );
    }
    await prepareEmptyFolder(root);
  }

  const lock = options.readOnly ? null : await acquireLock(root, options.now);
  try {
    if (!found.isNotebook) {
      const created: NotebookFile = {
        schemaVersion: SCHEMA_VERSION,
        appVersion: options.appVersion,
        created: options.now().toISOString(),
        name: path.basename(root) || 'Notebook',
      };
      await writeFileAtomic(path.join(root, NOTEBOOK_FILE), encodeNotebookFile(created));
    }
    return await load(root, options, lock, found);
  } catch (e) {
    await lock?.release();
    throw e;
  }
}

interface Found {
  isNotebook: boolean;
  hasRecords: boolean;
  hasV1: boolean;
}

async function inspect(root: string): Promise<Found> {
  const has = async (name: string) =>
    fs.access(path.join(root, name)).then(
      () => true,
      () => false,
    );
  const hasRecords = (await has(RECORDS_DIR)) || (await has(JOURNAL_DIR));
  const hasV1 = await hasV1Files(root);
  return { isNotebook: (await has(NOTEBOOK_FILE)) || hasRecords || hasV1, hasRecords, hasV1 };
}

async function prepareEmptyFolder(root: string): Promise<void> {
  try {
    await makeDir(root);
    const entries = (await fs.readdir(root)).filter((name) => !IGNORABLE.has(name));
    if (entries.length === 0) return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    throw new QuireError('NOTEBOOK_ERROR', `${root} is a file, not a folder; choose an empty folder.`, {
      cause: e,
    });
  }
  throw new QuireError(
    'NOTEBOOK_ERROR',
    `${root} is not empty and is not a Quire notebook; choose an empty folder.`,
  );
}

async function load(
  root: string,
  options: OpenOptions,
  lock: NotebookLock | null,
  found: Found,
): Promise<NotebookStore> {
  const snapshots = new Snapshots(root, options.now);
  const notices: string[] = [];
  const readOnlyAsked = options.readOnly
    ? (options.readOnlyReason ?? 'This notebook is open read-only.')
    : null;
  const file = await notebookFile(root, options, found, snapshots, readOnlyAsked !== null, notices);
  const newer = file.data.schemaVersion > SCHEMA_VERSION;
  const readOnlyReason = readOnlyAsked ?? (newer ? NEWER_FORMAT_MESSAGE : null);
  // A read-only notebook leaves the folder exactly as it found it, lock included.
  if (newer) await lock?.release();
  const readOnly = readOnlyReason !== null;
  const doc = new NotebookFileDoc(root, file.data);

  if (file.data.schemaVersion < SCHEMA_VERSION && !found.hasRecords) {
    const store = await fromV1(root, options, lock, doc, snapshots, readOnlyReason, notices);
    await recordNotices(store, notices);
    return store;
  }

  const loaded = await loadRecords({
    dir: root,
    now: options.now,
    snapshots,
    readOnly,
    checkpoint: file.data.checkpoint ?? null,
  });
  notices.push(...loaded.notices);
  if (!readOnly) {
    if (file.data.schemaVersion < SCHEMA_VERSION)
      await doc.update((f) => ({ ...f, schemaVersion: SCHEMA_VERSION }));
    // A crash between moving to this format and setting the old files aside leaves them behind.
    if (found.hasV1) await retireV1Files(root);
    await sweepTempFiles(root);
  }
  if (file.rebuilt) {
    const times = [
      ...loaded.records.list('article').map((a) => a.importedAt),
      ...loaded.records.list('note').map((n) => n.createdAt),
    ].sort();
    const created = times[0];
    if (created && !readOnly) await doc.update((f) => ({ ...f, created }));
  }
  const store = new FileNotebookStore({
    dir: root,
    readOnlyReason,
    lock: newer ? null : lock,
    records: loaded.records,
    seq: loaded.seq,
    journal: loaded.journal,
    openingEntries: loaded.entries,
    replayed: loaded.replayed,
    notebookFile: doc,
    snapshots,
    now: options.now,
  });
  await recordNotices(store, notices);
  // What was recovered goes back into files of its own; the damaged bytes are already in .quarantine/.
  if (!readOnly && loaded.repaired.length > 0) await store.rewriteAll(loaded.repaired);
  return store;
}

/** notebook.json as found; when missing or damaged: its newest backup, else rebuilt from what the folder holds. */
async function notebookFile(
  root: string,
  options: OpenOptions,
  found: Found,
  snapshots: Snapshots,
  readOnly: boolean,
  notices: string[],
): Promise<{ data: NotebookFile; rebuilt: boolean }> {
  const raw = await readNotebookFile(root);
  if (raw.kind === 'ok') return { data: raw.data, rebuilt: false };

  const setAside =
    raw.kind === 'damaged' && !readOnly
      ? await quarantine(root, NOTEBOOK_FILE, raw.bytes, options.now())
      : null;
  const what =
    raw.kind === 'missing'
      ? `${NOTEBOOK_FILE} was missing`
      : `${NOTEBOOK_FILE} was damaged` +
        (setAside ? ` and has been set aside in .quarantine/${path.basename(setAside)}` : '');
  for (const snapshot of await snapshots.list()) {
    const backup = await readNotebookFile(snapshot.dir);
    if (backup.kind !== 'ok') continue;
    notices.push(`${what}; Quire restored it from the backup of ${displayTime(snapshot.time)}.`);
    if (!readOnly) await writeFileAtomic(path.join(root, NOTEBOOK_FILE), backup.bytes);
    return { data: backup.data, rebuilt: false };
  }
  const data: NotebookFile = {
    schemaVersion: found.hasRecords ? SCHEMA_VERSION : 1,
    appVersion: options.appVersion,
    created: options.now().toISOString(),
    name: path.basename(root) || 'Notebook',
  };
  notices.push(
    `${what}; there was no backup of it, so Quire rebuilt it from the notebook's other files. ` +
      `The notebook is now named after its folder (“${data.name}”); your articles, notes and tags are not affected.`,
  );
  if (!readOnly) await writeFileAtomic(path.join(root, NOTEBOOK_FILE), encodeNotebookFile(data));
  return { data, rebuilt: true };
}

/** A notebook in the first format: read it (repairing what is damaged), write it in this one, retire the old files. */
async function fromV1(
  root: string,
  options: OpenOptions,
  lock: NotebookLock | null,
  doc: NotebookFileDoc,
  snapshots: Snapshots,
  readOnlyReason: string | null,
  notices: string[],
): Promise<FileNotebookStore> {
  const readOnly = readOnlyReason !== null;
  const v1 = await loadV1(root, options.now, readOnly);
  notices.push(...v1.notices);
  const records = new RecordSet();
  for (const a of v1.articles) records.set('article', a.id, a);
  for (const t of v1.tags) records.set('tag', t.id, t);
  for (const h of v1.highlights) records.set('highlight', h.id, h);
  for (const n of v1.notes) records.set('note', n.id, n);
  const { journal } = await Journal.open(root, { readOnly });
  const store = new FileNotebookStore({
    dir: root,
    readOnlyReason,
    lock,
    records,
    seq: 0,
    journal,
    openingEntries: [],
    replayed: [],
    notebookFile: doc,
    snapshots,
    now: options.now,
  });
  if (!readOnly) {
    // The new files are complete before notebook.json says so, and only then are the old ones set aside.
    doc.data.schemaVersion = SCHEMA_VERSION;
    await store.rewriteAll(allShardKeys());
    await retireV1Files(root);
    await sweepTempFiles(root);
  }
  return store;
}

async function recordNotices(store: NotebookStore, notices: readonly string[]): Promise<void> {
  for (const message of notices) await store.addNotice(message);
}

/**
 * Temp files of writes a crash interrupted, article texts included: a notebook whose sessions keep ending in a
 * crash never reaches the sweep at close.
 */
async function sweepTempFiles(root: string): Promise<void> {
  const bodyFolders = (await fs.readdir(path.join(root, BODIES_DIR)).catch(() => [] as string[])).map(
    (name) => path.join(BODIES_DIR, name),
  );
  for (const sub of ['', RECORDS_DIR, JOURNAL_DIR, CACHE_DIR, SOURCES_DIR, ...bodyFolders]) {
    const folder = path.join(root, sub);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (name.startsWith(TEMP_PREFIX)) await fs.rm(path.join(folder, name), { force: true });
    }
  }
}
