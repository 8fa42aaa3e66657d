import type { ArticleBody, ArticleRecord, Highlight, Note, Tag } from '../types';

export const SCHEMA_VERSION = 1;

/** `notebook.json` */
export interface NotebookFile {
  schemaVersion: number;
  appVersion: string;
  created: string;
  name: string;
}
/** `articles.json`: the small metadata index; bodies live in `bodies/<xx>/<id>.json`. */
export interface ArticlesFile {
  schemaVersion: number;
  articles: ArticleRecord[];
}
/** `annotations.json` */
export interface AnnotationsFile {
  schemaVersion: number;
  tags: Tag[];
  highlights: Highlight[];
}
/** `notes.json` */
export interface NotesFile {
  schemaVersion: number;
  notes: Note[];
}

/** One imported article, ready to be written as part of a batch. */
export interface NewArticle {
  record: ArticleRecord;
  body: ArticleBody;
  /** Original bytes, stored once under `sources/<record.sourceHash>`. */
  source: Uint8Array;
}

export interface OpenOptions {
  appVersion: string;
  /** Create the notebook (folder and files) when it does not exist yet. */
  create: boolean;
  now: () => Date;
}

/**
 * One open notebook folder. Reads are synchronous from memory (the metadata files are small);
 * bodies are read on demand. Every write is atomic (temp file + fsync + rename + fsync dir)
 * and touches only the file it changes.
 */
export interface NotebookStore {
  readonly dir: string;
  readonly name: string;
  /** True when a file has a newer schemaVersion than this app knows: every write throws READ_ONLY. */
  readonly readOnly: boolean;
  /** Plain-language messages from opening (quarantined files, restored backups, newer schema). */
  readonly warnings: readonly string[];

  articles(): readonly ArticleRecord[];
  article(id: string): ArticleRecord | undefined;
  articleByTextHash(textHash: string): ArticleRecord | undefined;
  readBody(id: string): Promise<ArticleBody>;
  /** Writes bodies + sources, then `articles.json` once for the whole batch. */
  addArticles(batch: readonly NewArticle[]): Promise<void>;
  /** Replaces an article's record (and its body when given): metadata edits, re-extraction. */
  updateArticle(record: ArticleRecord, body?: ArticleBody): Promise<void>;
  /** Removes the record and body; the source bytes stay (another article may share them). */
  deleteArticle(id: string): Promise<void>;
  readSource(hash: string): Promise<Uint8Array>;

  tags(): readonly Tag[];
  highlights(): readonly Highlight[];
  /** Mutate a draft of the annotations and write `annotations.json` once. */
  updateAnnotations<T>(fn: (draft: { tags: Tag[]; highlights: Highlight[] }) => T): Promise<T>;

  notes(): readonly Note[];
  updateNotes<T>(fn: (draft: { notes: Note[] }) => T): Promise<T>;

  /** Rebuildable caches (e.g. the search index) under `cache/<name>`; never backed up, may be deleted. */
  readCache(name: string): Promise<Uint8Array | null>;
  writeCache(name: string, data: string | Uint8Array): Promise<void>;

  /** Releases the single-writer lock. */
  close(): Promise<void>;
}
