import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportReport } from '../api-contract';
import type { ArticleRecord } from '../types';
import type { NewArticle } from '../store/types';
import { QuireError, toApiError } from '../errors';
import { EXTRACTOR_VERSION, extractFile, MAX_IMPORT_BYTES } from '../import/extract';
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
  return {
    name: path,
    read: async () => {
      const { size } = await stat(path);
      if (size > MAX_IMPORT_BYTES) return tooLarge(size);
      return new Uint8Array(await readFile(path));
    },
  };
}

function tooLarge(size: number): never {
  const mb = Math.round(size / 1024 / 1024);
  throw new QuireError(
    'BAD_INPUT',
    `The file is ${mb} MB; Quire imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  );
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

/**
 * Imports a batch: extract each file, skip content already in the notebook (or earlier in this batch),
 * and write in groups so a 10,000-file import writes the metadata index a hundred times, not ten thousand.
 * One failing file is reported and the batch goes on. Cancelling keeps what was already imported.
 */
export class ImportBatch {
  private cancelled = false;
  private readonly report: ImportReport = { imported: [], duplicates: [], failed: [], cancelled: false };
  private pending: NewArticle[] = [];
  private pendingBytes = 0;
  private readonly seen = new Map<string, string>();
  private lastProgress = 0;

  constructor(
    private readonly core: Core,
    private readonly sources: readonly ImportSource[],
    initialFailures: { file: string; error: string }[] = [],
  ) {
    this.report.failed.push(...initialFailures);
  }

  cancel(): void {
    this.cancelled = true;
  }

  async run(): Promise<ImportReport> {
    const session = this.core.writable();
    const total = this.sources.length;
    try {
      for (const [i, source] of this.sources.entries()) {
        if (this.cancelled) break;
        this.progress(i, total, source.name);
        await this.importOne(source);
        if (this.pending.length >= FLUSH_EVERY_FILES || this.pendingBytes >= FLUSH_EVERY_BYTES)
          await this.flush();
        // Let IPC/HTTP requests (searches, cancel) in between files.
        await new Promise((r) => setImmediate(r));
      }
      await this.flush();
    } finally {
      this.report.cancelled = this.cancelled;
      this.progress(total, total, '', true);
      session.indexChanged();
      this.core.emit('changed', { what: 'articles' });
    }
    return this.report;
  }

  private async importOne(source: ImportSource): Promise<void> {
    const file = source.name;
    try {
      const bytes = await source.read();
      const extraction = await extractFile(bytes, basename(source.name));
      const textHash = sha256(extraction.text);
      const existing = this.core.session().store.articleByTextHash(textHash)?.id ?? this.seen.get(textHash);
      if (existing) {
        this.report.duplicates.push({ id: existing, file });
        return;
      }
      const id = this.core.ids('article');
      const {
        text,
        blocks,
        passages,
        warnings,
        format,
        title,
        author,
        published,
        source: outlet,
        url,
        language,
      } = extraction;
      const record: ArticleRecord = {
        id,
        format,
        file: basename(source.name),
        sourceHash: sha256(bytes),
        textHash,
        title,
        author,
        published,
        source: outlet,
        url,
        language,
        words: countWords(text),
        passageCount: passages.length,
        importedAt: this.core.now().toISOString(),
        extractorVersion: EXTRACTOR_VERSION,
      };
      this.seen.set(textHash, id);
      this.pending.push({ record, body: { id, text, passages, blocks }, source: bytes });
      this.pendingBytes += bytes.byteLength + text.length;
      this.report.imported.push({ id, file, title, warnings });
    } catch (e) {
      this.report.failed.push({ file, error: toApiError(e).message });
    }
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const session = this.core.session();
    try {
      await session.store.addArticles(batch);
    } catch (e) {
      // The store wrote nothing of this group: report each file, keep going with the next group.
      const reason = toApiError(e).message;
      const ids = new Set(batch.map((a) => a.record.id));
      this.report.imported = this.report.imported.filter((item) => {
        if (!ids.has(item.id)) return true;
        this.report.failed.push({ file: item.file, error: reason });
        return false;
      });
      for (const a of batch) this.seen.delete(a.record.textHash);
      return;
    }
    for (const { record, body } of batch)
      session.index.addArticle({ id: record.id, title: record.title }, body);
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
