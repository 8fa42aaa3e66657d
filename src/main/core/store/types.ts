import type { ArticleBody, ArticleRecord, Highlight, NotebookNotice } from '../types';
import type { BodyRef } from './bodies';
import type { JournalEntry } from './journal';
import type { ChangeOrigin, Committed, RecordKind, RecordTypes } from './records';
import type { Transaction } from './transaction';

export interface OpenOptions {
  appVersion: string;
  /** Create the notebook (folder and files) when it does not exist yet. */
  create: boolean;
  now: () => Date;
  /**
   * Open without the single-writer lock and change nothing on disk: for reading a notebook that another Quire
   * process (e.g. `quire serve`) has open.
   */
  readOnly?: boolean;
  /** Why, in words, when `readOnly`: shown to the researcher. */
  readOnlyReason?: string;
}

export interface CommitMeta {
  label: string;
  origin: ChangeOrigin;
}

/**
 * One open notebook folder. Reads are synchronous, from memory; article texts and original files are read on
 * demand. Every change goes through `commit`: one change set, written to the journal and flushed before it is
 * acknowledged, then visible to every read.
 */
export interface NotebookStore {
  readonly dir: string;
  readonly name: string;
  /** Every write throws READ_ONLY: a newer format, or opened read-only beside another Quire process. */
  readonly readOnly: boolean;
  readonly readOnlyReason: string | null;
  /** The position of the last committed change set. */
  readonly seq: number;

  get<K extends RecordKind>(kind: K, id: string): RecordTypes[K] | undefined;
  /** The same array object until a record of this kind changes. */
  list<K extends RecordKind>(kind: K): readonly RecordTypes[K][];
  articleByTextHash(textHash: string): ArticleRecord | undefined;
  highlightsOf(articleId: string): Highlight[];

  /**
   * Builds a change set from the notebook as it is (synchronously: nothing else commits meanwhile), writes it,
   * and applies it. An empty change set commits nothing (`committed` is null).
   */
  commit<T>(
    meta: CommitMeta,
    build: (tx: Transaction) => T,
  ): Promise<{ value: T; committed: Committed | null }>;

  /** Stores article texts (content-addressed, idempotent); returns their keys in order. */
  writeBodies(bodies: readonly Omit<ArticleBody, 'id'>[]): Promise<string[]>;
  readBody(ref: BodyRef & { title?: string }): Promise<ArticleBody>;
  /** Stores original files by their sha256 (idempotent). */
  writeSources(sources: ReadonlyMap<string, Uint8Array>): Promise<void>;
  readSource(hash: string): Promise<Uint8Array>;

  notices(): readonly NotebookNotice[];
  /** Adds a notice the researcher must acknowledge (kept in notebook.json). */
  addNotice(message: string): Promise<void>;
  acknowledgeNotices(ids: readonly string[]): Promise<void>;

  /**
   * The change sets committed after `seq`, as read from the journal when the notebook was opened; null when the
   * journal no longer holds all of them. For bringing a cache up to date at start-up.
   */
  changesSinceOpenedAt(seq: number): JournalEntry[] | null;
  /** Keep the journal from `seq` on (a cache is that far behind), or null to let checkpoints free it all. */
  retainJournalFrom(seq: number | null): void;

  /** Rebuildable caches under `cache/<name>`; never backed up, may be deleted. */
  readCache(name: string): Promise<Uint8Array | null>;
  writeCache(name: string, data: string | Uint8Array): Promise<void>;

  /** Writes the record files up to date (the journal then lets go of what they hold). */
  checkpoint(): Promise<void>;
  /**
   * Checkpoints, removes article texts nothing refers to any more (except `keepBodies`: texts undo may still
   * point an article back at), releases the lock.
   */
  close(options?: { keepBodies?: ReadonlySet<string> }): Promise<void>;
}
