import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors';
import type { ArticleBody, ArticleRecord, Highlight, Note, Tag } from '../types';
import { exists, fsyncDir, readFileIfExists, writeFileAtomic } from './atomic-file';
import type { JsonDoc } from './json-doc';
import { bodyPath, cachePath, isSafeId, SOURCES_DIR, sourcePath } from './layout';
import type { NotebookLock } from './lock';
import { mapLimit } from './map-limit';
import { articleBodySchema, articleRecordSchema } from './schema';
import type { AnnotationsFile, ArticlesFile, NewArticle, NotebookStore, NotesFile } from './types';

/** Enough parallel file writes to hide fsync latency without exhausting file handles. */
const WRITE_CONCURRENCY = 8;

export const READ_ONLY_MESSAGE =
  'This notebook was written by a newer version of Quire; it is open read-only. Update Quire to edit it.';

export interface StoreParts {
  dir: string;
  name: string;
  readOnly: boolean;
  warnings: string[];
  lock: NotebookLock | null;
  articles: JsonDoc<ArticlesFile>;
  annotations: JsonDoc<AnnotationsFile>;
  notes: JsonDoc<NotesFile>;
}

export class FileNotebookStore implements NotebookStore {
  readonly dir: string;
  readonly name: string;
  readonly readOnly: boolean;
  readonly warnings: readonly string[];
  private readonly byId = new Map<string, ArticleRecord>();
  private readonly byTextHash = new Map<string, ArticleRecord>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly parts: StoreParts) {
    this.dir = parts.dir;
    this.name = parts.name;
    this.readOnly = parts.readOnly;
    this.warnings = parts.warnings;
    for (const record of parts.articles.data.articles) this.index(record);
  }

  articles(): readonly ArticleRecord[] {
    return this.parts.articles.data.articles;
  }
  article(id: string): ArticleRecord | undefined {
    return this.byId.get(id);
  }
  articleByTextHash(textHash: string): ArticleRecord | undefined {
    return this.byTextHash.get(textHash);
  }

  async readBody(id: string): Promise<ArticleBody> {
    const record = this.byId.get(id);
    if (!record) throw new QuireError('NOT_FOUND', `There is no article with the id "${id}".`);
    const bytes = await readFileIfExists(bodyPath(this.dir, id));
    const missing = `The text of "${record.title}" is missing from the notebook's bodies/ folder; re-import ${record.file} to restore it.`;
    if (bytes === null) throw new QuireError('NOTEBOOK_ERROR', missing);
    try {
      return articleBodySchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch (e) {
      throw new QuireError(
        'NOTEBOOK_ERROR',
        `The stored text of "${record.title}" is damaged; re-import ${record.file} to restore it.`,
        { cause: e },
      );
    }
  }

  addArticles(batch: readonly NewArticle[]): Promise<void> {
    return this.write(async () => {
      if (batch.length === 0) return;
      const records = batch.map((item) => this.checkNew(item));
      this.assertNewIds(records);

      const sources = new Map<string, Uint8Array>();
      for (const item of batch) sources.set(item.record.sourceHash, item.source);
      const sourcesDir = path.join(this.dir, SOURCES_DIR);
      await fs.mkdir(sourcesDir, { recursive: true });
      await mapLimit([...sources], WRITE_CONCURRENCY, async ([hash, bytes]) => {
        const target = sourcePath(this.dir, hash);
        // Content-addressed: bytes already stored under this hash are the same bytes.
        if (!(await exists(target))) await writeFileAtomic(target, bytes, { syncDir: false });
      });

      const shards = new Set(batch.map((item) => path.dirname(bodyPath(this.dir, item.body.id))));
      for (const shard of shards) await fs.mkdir(shard, { recursive: true });
      await mapLimit(batch, WRITE_CONCURRENCY, (item) =>
        writeFileAtomic(bodyPath(this.dir, item.body.id), JSON.stringify(item.body), { syncDir: false }),
      );
      // Each file was fsynced; one fsync per folder makes all their renames durable before the index names them.
      await mapLimit([sourcesDir, ...shards], WRITE_CONCURRENCY, fsyncDir);

      // Bodies first, index last: a crash in between leaves unreferenced bodies, never a record without text.
      await this.parts.articles.replace((current) => {
        // Checked again against the index itself: another batch may have landed while this one wrote bodies.
        const stored = new Set(current.articles.map((a) => a.id));
        const clash = records.find((r) => stored.has(r.id));
        if (clash) throw this.conflict(clash);
        return { ...current, articles: [...current.articles, ...records] };
      });
      for (const record of records) this.index(record);
    });
  }

  updateArticle(record: ArticleRecord, body?: ArticleBody): Promise<void> {
    return this.write(async () => {
      const old = this.byId.get(record.id);
      if (!old) throw new QuireError('NOT_FOUND', `There is no article with the id "${record.id}".`);
      const checked = articleRecordSchema.parse(record);
      if (body) {
        if (body.id !== record.id)
          throw new QuireError('INTERNAL', 'The article text does not belong to this article.');
        // The new body lands before the index points at its new text hash: a crash leaves the old record
        // with the new text, which "Re-extract" repairs, never a record without text.
        await writeFileAtomic(bodyPath(this.dir, body.id), JSON.stringify(articleBodySchema.parse(body)));
      }
      await this.parts.articles.replace((current) => ({
        ...current,
        articles: current.articles.map((a) => (a.id === record.id ? checked : a)),
      }));
      if (this.byTextHash.get(old.textHash)?.id === old.id) this.byTextHash.delete(old.textHash);
      this.index(checked);
    });
  }

  deleteArticle(id: string): Promise<void> {
    return this.write(async () => {
      if (!this.byId.has(id)) throw new QuireError('NOT_FOUND', `There is no article with the id "${id}".`);
      await this.parts.articles.replace((current) => ({
        ...current,
        articles: current.articles.filter((a) => a.id !== id),
      }));
      const record = this.byId.get(id);
      this.byId.delete(id);
      if (record && this.byTextHash.get(record.textHash)?.id === id) {
        this.byTextHash.delete(record.textHash);
        const twin = this.articles().find((a) => a.textHash === record.textHash);
        if (twin) this.byTextHash.set(twin.textHash, twin);
      }
      await fs.rm(bodyPath(this.dir, id), { force: true });
    });
  }

  async readSource(hash: string): Promise<Uint8Array> {
    const bytes = await readFileIfExists(sourcePath(this.dir, hash));
    if (bytes === null)
      throw new QuireError('NOT_FOUND', `The original file with the hash ${hash} is not in this notebook.`);
    return bytes;
  }

  tags(): readonly Tag[] {
    return this.parts.annotations.data.tags;
  }
  highlights(): readonly Highlight[] {
    return this.parts.annotations.data.highlights;
  }
  updateAnnotations<T>(fn: (draft: { tags: Tag[]; highlights: Highlight[] }) => T): Promise<T> {
    return this.write(() => this.parts.annotations.update(fn));
  }

  notes(): readonly Note[] {
    return this.parts.notes.data.notes;
  }
  updateNotes<T>(fn: (draft: { notes: Note[] }) => T): Promise<T> {
    return this.write(() => this.parts.notes.update(fn));
  }

  async readCache(name: string): Promise<Uint8Array | null> {
    return readFileIfExists(cachePath(this.dir, name));
  }
  writeCache(name: string, data: string | Uint8Array): Promise<void> {
    return this.write(async () => {
      const target = cachePath(this.dir, name);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, data);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([this.parts.articles.idle(), this.parts.annotations.idle(), this.parts.notes.idle()]);
    await this.parts.lock?.release();
  }

  private index(record: ArticleRecord): void {
    this.byId.set(record.id, record);
    // The first import of a text is "the" article for it; later duplicates do not shadow it.
    if (!this.byTextHash.has(record.textHash)) this.byTextHash.set(record.textHash, record);
  }

  /** Every write goes through here: refused when read-only or closed, and awaited by close(). */
  private write<T>(task: () => Promise<T>): Promise<T> {
    if (this.readOnly) return Promise.reject(new QuireError('READ_ONLY', READ_ONLY_MESSAGE));
    if (this.closed) {
      return Promise.reject(
        new QuireError('NOTEBOOK_ERROR', 'This notebook has been closed; open it again to make changes.'),
      );
    }
    const running = task();
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running)).catch(() => undefined);
    return running;
  }

  private checkNew(item: NewArticle): ArticleRecord {
    const { record, body, source } = item;
    const bad = (why: string) =>
      new QuireError('BAD_INPUT', `Quire could not store "${record.file}": ${why}. Nothing was written.`);
    if (!isSafeId(record.id) || record.id !== body.id) throw bad('its id is invalid');
    if (!articleRecordSchema.safeParse(record).success) throw bad('its details are incomplete');
    if (!articleBodySchema.safeParse(body).success) throw bad('its text or passages are malformed');
    const hash = createHash('sha256').update(source).digest('hex');
    if (hash !== record.sourceHash) throw bad('the original bytes do not match their recorded hash');
    return record;
  }

  private assertNewIds(records: readonly ArticleRecord[]): void {
    const seen = new Set<string>();
    for (const { id, file } of records) {
      if (this.byId.has(id) || seen.has(id)) throw this.conflict({ id, file });
      seen.add(id);
    }
  }

  private conflict({ id, file }: { id: string; file: string }): QuireError {
    return new QuireError(
      'CONFLICT',
      `An article with the id "${id}" (${file}) is already in this notebook.`,
    );
  }
}
