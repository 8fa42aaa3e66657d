import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors';
import { exists, writeFileAtomic } from './atomic-file';
import { Backups } from './backups';
import { AtomicJsonAdapter, formatJson } from './json-adapter';
import { JsonDoc } from './json-doc';
import { metadataPath } from './layout';
import { acquireLock, LOCK_FILE, type NotebookLock } from './lock';
import { FileNotebookStore, READ_ONLY_MESSAGE } from './notebook-store';
import { isNewer, loadMetadata, readRaw, type LoadContext, type Loaded } from './quarantine';
import { metadataSchemas, type MetadataFiles, type MetadataName } from './schema';
import { SCHEMA_VERSION, type NotebookFile, type NotebookStore, type OpenOptions } from './types';

/** Files an operating system drops into any folder; they do not make a folder "not empty". */
const IGNORABLE = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', LOCK_FILE]);

/** The big index is kept compact; the small files are indented so a person can read them. */
const indentOf: Record<MetadataName, number | undefined> = {
  notebook: 2,
  articles: undefined,
  annotations: 2,
  notes: 2,
};

/**
 * Opens (or with `create`, creates) the notebook in `dir` and takes its single-writer lock.
 * Damaged files are quarantined and restored from backups; a newer schema opens read-only.
 */
export async function openNotebook(dir: string, options: OpenOptions): Promise<NotebookStore> {
  const root = path.resolve(dir);
  const isNotebook = await exists(metadataPath(root, 'notebook'));
  if (!isNotebook) {
    if (!options.create) {
      throw new QuireError(
        'NOT_FOUND',
        `No Quire notebook in ${root}. Choose a folder that contains notebook.json, or create a new notebook.`,
      );
    }
    await prepareEmptyFolder(root);
  }

  const lock = await acquireLock(root, options.now);
  try {
    if (!isNotebook) {
      const created: NotebookFile = {
        schemaVersion: SCHEMA_VERSION,
        appVersion: options.appVersion,
        created: options.now().toISOString(),
        name: path.basename(root) || 'Notebook',
      };
      await writeFileAtomic(metadataPath(root, 'notebook'), formatJson(created, indentOf.notebook));
    }
    return await load(root, options, lock);
  } catch (e) {
    await lock.release();
    throw e;
  }
}

async function prepareEmptyFolder(root: string): Promise<void> {
  try {
    await fs.mkdir(root, { recursive: true });
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

async function load(root: string, options: OpenOptions, lock: NotebookLock): Promise<NotebookStore> {
  const raw = {
    notebook: await readRaw(root, 'notebook'),
    articles: await readRaw(root, 'articles'),
    annotations: await readRaw(root, 'annotations'),
    notes: await readRaw(root, 'notes'),
  };
  const readOnly = Object.values(raw).some(isNewer);
  const backups = new Backups(root, options.now);
  const ctx: LoadContext = { dir: root, now: options.now, backups, readOnly };
  const empty = { schemaVersion: SCHEMA_VERSION };

  const notebook = await loadMetadata('notebook', raw.notebook, ctx, () => ({
    ...empty,
    appVersion: options.appVersion,
    created: options.now().toISOString(),
    name: path.basename(root) || 'Notebook',
  }));
  const articles = await loadMetadata('articles', raw.articles, ctx, () => ({ ...empty, articles: [] }));
  const annotations = await loadMetadata('annotations', raw.annotations, ctx, () => ({
    ...empty,
    tags: [],
    highlights: [],
  }));
  const notes = await loadMetadata('notes', raw.notes, ctx, () => ({ ...empty, notes: [] }));

  const warnings: string[] = readOnly ? [READ_ONLY_MESSAGE] : [];
  for (const loaded of [notebook, articles, annotations, notes])
    if (loaded.warning) warnings.push(loaded.warning);

  if (readOnly) {
    // A read-only notebook leaves the folder exactly as it found it, lock included.
    await lock.release();
  } else {
    await settle(root, backups, 'notebook', notebook);
    await settle(root, backups, 'articles', articles);
    await settle(root, backups, 'annotations', annotations);
    await settle(root, backups, 'notes', notes);
  }

  return new FileNotebookStore({
    dir: root,
    name: notebook.data.name,
    readOnly,
    warnings,
    lock: readOnly ? null : lock,
    articles: doc(root, backups, 'articles', articles.data, (d) => {
      // The index can hold 10^5 records: new records are checked one by one in addArticles instead.
      if (d.schemaVersion !== SCHEMA_VERSION || !Array.isArray(d.articles))
        throw new Error('bad articles file');
    }),
    annotations: doc(root, backups, 'annotations', annotations.data, (d) =>
      metadataSchemas.annotations.parse(d),
    ),
    notes: doc(root, backups, 'notes', notes.data, (d) => metadataSchemas.notes.parse(d)),
  });
}

/** Puts a restored, created or upgraded file on disk. Never backs up the damaged file it replaces. */
async function settle<K extends MetadataName>(
  root: string,
  backups: Backups,
  name: K,
  loaded: Loaded<MetadataFiles[K]>,
): Promise<void> {
  if (loaded.action === 'none') return;
  if (loaded.action === 'upgrade') await backups.beforeWrite(name, { force: true });
  await writeFileAtomic(metadataPath(root, name), formatJson(loaded.data, indentOf[name]));
}

function doc<K extends 'articles' | 'annotations' | 'notes'>(
  root: string,
  backups: Backups,
  name: K,
  data: MetadataFiles[K],
  validate: (data: MetadataFiles[K]) => void,
): JsonDoc<MetadataFiles[K]> {
  const adapter = new AtomicJsonAdapter<MetadataFiles[K]>(metadataPath(root, name), {
    parse: (value) => metadataSchemas[name].parse(value),
    beforeWrite: () => backups.beforeWrite(name),
    indent: indentOf[name],
  });
  return new JsonDoc(adapter, data, validate);
}
