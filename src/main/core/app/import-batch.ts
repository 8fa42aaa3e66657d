import { basename } from 'node:path';
import type { ImportReport } from '../api-contract';
import type { ArticleBody, ArticleRecord, Extraction } from '../types';
import { QuireError, toApiError } from '../errors';
import { EXTRACTOR_VERSION, MAX_IMPORT_BYTES } from '../import/extract';
import { readImportFile } from '../import/read-file';
import { countWords, sha256 } from '../import/text-stats';
import type { Core } from './core';

/** One file to import: a display name and a way to get its bytes (from disk, or already uploaded). */
export interface ImportSource {
  name: string;
  read(): Promise<Uint8Array>;
}

const FLUSH_EVERY_FILES = 100;
const FLUSH_EVERY_BYTES = 16 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 100;

export function fileSource(path: string): ImportSource {
  return { name: path, read: () => readImportFile(path, MAX_IMPORT_BYTES) };
}

/** One imported article, ready to be stored as part of a batch. */
interface NewArticle {
  record: ArticleRecord;
  body: ArticleBody;
  /** Original bytes, stored once under `sources/<record.sourceHash>`. */
  source: Uint8Array;
}

type Prepared = { ok: true; bytes: Uint8Array; extraction: Extraction } | { ok: false; error: string };

/**
 * Imports a batch: extract each file, skip content already in the notebook (or earlier in this batch),
 * and write in groups so a 10,000-file import writes the metadata index a hundred times, not ten thousand.
 * Files are read and extracted a few ahead (in the extractor's workers) while earlier ones are stored;
 * results are still taken in file order, so ids, dedupe and the report do not depend on timing.
 * One failing file is reported and the batch goes on. Cancelling keeps what was already imported.
 */
export class ImportBatch {
  private cancelled = false;
  /** Wakes the batch from waiting on a file, so cancel answers at once even when that file is slow. */
  private stop: () => void = () => undefined;
  private readonly report: ImportReport = { imported: [], duplicates: [], failed: [], cancelled: false };
  private pending: NewArticle[] = [];
  private pendingBytes = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly seen = new Map<string, string>();
  private lastProgress = 0;
  /** Articles stored so far: the undo step reads "Import 2,000 articles" whatever the number of groups. */
  private stored = 0;
  private readonly group = `import-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly core: Core,
    private readonly sources: readonly ImportSource[],
    initialFailures: { file: string; error: string }[] = [],
  ) {
    this.report.failed.push(...initialFailures);
  }

  cancel(): void {
    this.cancelled = true;
    this.stop();
  }

  async run(): Promise<ImportReport> {
    this.core.writable();
    const total = this.sources.length;
    // Enough files in flight to keep every worker busy while the main thread stores the previous one;
    // bounded, so a folder of large files never sits in memory at once.
    const ahead = Math.max(2, this.core.extractor.parallelism * 2);
    const inFlight: Promise<Prepared>[] = [];
    let started = 0;
    try {
      for (const [i, source] of this.sources.entries()) {
        if (this.cancelled) break;
        for (; started < total && started < i + ahead; started++) {
          const next = this.sources[started];
          if (next) inFlight.push(this.prepare(next));
        }
        this.progress(i, total, source.name);
        const head = inFlight.shift();
        if (!head) break;
        // On cancel, files still in flight are dropped (their results are ignored, never stored).
        const prepared = await new Promise<Prepared | null>((resolve) => {
          this.stop = () => resolve(null);
          void head.then(resolve);
        });
        if (!prepared) break;
        this.accept(source, prepared);
        if (this.pending.length >= FLUSH_EVERY_FILES || this.pendingBytes >= FLUSH_EVERY_BYTES)
          await this.flush();
        // Let IPC/HTTP requests (searches, cancel) in between files: a settled promise alone does not yield.
        await new Promise((r) => setImmediate(r));
      }
      await this.flush();
    } finally {
      await this.writing;
      this.report.cancelled = this.cancelled;
      this.progress(total, total, '', true);
    }
    return this.report;
  }

  /** Reads and extracts one file; never rejects, so files dropped by a cancel leave nothing unhandled. */
  private async prepare(source: ImportSource): Promise<Prepared> {
    try {
      const bytes = await source.read();
      const extraction = await this.core.extractor.extract(bytes, basename(source.name));
      return { ok: true, bytes, extraction };
    } catch (e) {
      return { ok: false, error: toApiError(e).message };
    }
  }

  /** Runs in file order on the main thread, so two identical files in flight together still dedupe. */
  private accept(source: ImportSource, prepared: Prepared): void {
    const file = source.name;
    if (!prepared.ok) {
      this.report.failed.push({ file, error: prepared.error });
      return;
    }
    const { bytes, extraction } = prepared;
    const textHash = sha256(extraction.text);
    const existing = this.core.session().store.articleByTextHash(textHash)?.id ?? this.seen.get(textHash);
    if (existing) {
      this.report.duplicates.push({ id: existing, file });
      return;
    }
    const id = this.core.ids('article');
    // Everything else the extractor found is metadata (title, author, …, format, untitled) and goes on the record.
    const { text, blocks, passages, warnings, ...metadata } = extraction;
    const record: ArticleRecord = {
      id,
      ...metadata,
      file: basename(source.name),
      sourceHash: sha256(bytes),
      textHash,
      words: countWords(text),
      passageCount: passages.length,
      importedAt: this.core.now().toISOString(),
      extractorVersion: EXTRACTOR_VERSION,
    };
    this.seen.set(textHash, id);
    this.pending.push({ record, body: { id, text, passages, blocks }, source: bytes });
    this.pendingBytes += bytes.byteLength + text.length;
    this.report.imported.push({ id, file, title: metadata.title, warnings });
  }

  /**
   * Hands the filled group to the store and returns once the previous group is written: one group is
   * written (fsyncs, mostly waiting on the disk) while the next one fills, and no more than that is held.
   */
  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    await this.writing;
    this.writing = this.write(batch);
  }

  /**
   * One change set per group, all in one undo step for the whole import. Original files and texts are written
   * first (content-addressed, so a crash leaves at worst unreferenced files, never a record without its text).
   * Never rejects: a group the store refuses is reported file by file and the batch goes on.
   */
  private async write(batch: NewArticle[]): Promise<void> {
    const session = this.core.session();
    try {
      await session.store.writeSources(new Map(batch.map((a) => [a.record.sourceHash, a.source])));
      const keys = await session.store.writeBodies(batch.map((a) => a.body));
      const records = batch.map((a, i) => ({ ...a.record, bodyKey: keys[i] }));
      this.stored += records.length;
      const n = this.stored;
      await session.commit(
        `Import ${n} article${n === 1 ? '' : 's'}`,
        (tx) => {
          for (const record of records) {
            if (tx.get('article', record.id))
              throw new QuireError(
                'CONFLICT',
                `An article with the id "${record.id}" is already in this notebook.`,
              );
            tx.put('article', record);
          }
        },
        { group: this.group, bodies: batch.map((a) => a.body) },
      );
    } catch (e) {
      // Nothing of this group is in the notebook: report each file (and its duplicates), keep going.
      this.stored -= batch.length;
      const reason = toApiError(e).message;
      const ids = new Set(batch.map((a) => a.record.id));
      const fail = (item: { id: string; file: string }) => {
        if (!ids.has(item.id)) return true;
        this.report.failed.push({ file: item.file, error: reason });
        return false;
      };
      this.report.imported = this.report.imported.filter(fail);
      this.report.duplicates = this.report.duplicates.filter(fail);
      for (const a of batch) this.seen.delete(a.record.textHash);
    }
  }

  private progress(done: number, total: number, current: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    this.core.emit('importProgress', {
      done,
      total,
      current,
      imported: this.report.imported.length,
      duplicates: this.report.duplicates.length,
      failed: this.report.failed.length,
    });
  }
}
