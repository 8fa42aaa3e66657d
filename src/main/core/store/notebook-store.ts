import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors';
import type { ArticleBody, ArticleRecord, Highlight, NotebookNotice } from '../types';
import { fsyncDir, readFileIfExists, writeFileAtomic } from './atomic-file';
import { collectBodies, readBodyFile, writeBodyFiles, type BodyRef } from './bodies';
import type { Journal, JournalEntry, JournalPut } from './journal';
import { cachePath } from './layout';
import type { NotebookLock } from './lock';
import { NOTEBOOK_FILE, type NotebookFileDoc } from './notebook-file';
import { RECORDS_DIR, recordFileName, serializeRecordFile } from './record-files';
import { shardKey, type RecordSet } from './record-set';
import {
  recordKinds,
  recordSchemas,
  shardCounts,
  type Change,
  type Committed,
  type RecordKind,
  type RecordTypes,
} from './records';
import type { Snapshots } from './snapshots';
import { readSourceFile, writeSourceFiles } from './sources';
import { fileStamp } from './stamps';
import { Transaction } from './transaction';
import type { CommitMeta, NotebookStore } from './types';

/** A checkpoint follows soon after this many change sets, or this much journal, and otherwise when idle. */
const CHECKPOINT_EVERY_ENTRIES = 1000;
const CHECKPOINT_EVERY_BYTES = 8 * 1024 * 1024;
const CHECKPOINT_IDLE_MS = 20_000;

export interface StoreParts {
  dir: string;
  readOnlyReason: string | null;
  lock: NotebookLock | null;
  records: RecordSet;
  seq: number;
  journal: Journal;
  /** Change sets read from the journal at open (for caches to catch up); released at the first checkpoint. */
  openingEntries: JournalEntry[];
  /** Record files the journal replayed changes on top of: written by the first checkpoint. */
  replayed: readonly string[];
  notebookFile: NotebookFileDoc;
  snapshots: Snapshots;
  now: () => Date;
}

export class FileNotebookStore implements NotebookStore {
  readonly dir: string;
  readonly readOnly: boolean;
  readonly readOnlyReason: string | null;
  private seqValue: number;
  private readonly records: RecordSet;
  private readonly dirty = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private sinceCheckpoint = 0;
  private checkpointing: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private retainFrom: number | null = null;
  private openingEntries: JournalEntry[] | null;
  private closed = false;

  constructor(private readonly parts: StoreParts) {
    this.dir = parts.dir;
    this.readOnlyReason = parts.readOnlyReason;
    this.readOnly = parts.readOnlyReason !== null;
    this.records = parts.records;
    this.seqValue = parts.seq;
    this.openingEntries = parts.openingEntries;
    // The journal holds these changes only until a checkpoint lets it go: that checkpoint must write them.
    for (const key of parts.replayed) this.dirty.add(key);
  }

  get name(): string {
    return this.parts.notebookFile.data.name;
  }
  get seq(): number {
    return this.seqValue;
  }

  get<K extends RecordKind>(kind: K, id: string): RecordTypes[K] | undefined {
    return this.records.get(kind, id);
  }
  list<K extends RecordKind>(kind: K): readonly RecordTypes[K][] {
    return this.records.list(kind);
  }
  articleByTextHash(textHash: string): ArticleRecord | undefined {
    return this.records.articleByTextHash(textHash);
  }
  highlightsOf(articleId: string): Highlight[] {
    return this.records.highlightsOf(articleId);
  }

  commit<T>(
    meta: CommitMeta,
    build: (tx: Transaction) => T,
  ): Promise<{ value: T; committed: Committed | null }> {
    const run = async () => {
      this.assertWritable();
      const tx = new Transaction(this.records);
      const value = build(tx);
      if (value instanceof Promise) {
        // Changes made after an await would see a notebook that others may have changed meanwhile.
        throw new QuireError('INTERNAL', 'A change set must be built synchronously; nothing was saved.');
      }
      const changes = tx.changes();
      if (changes.length === 0) return { value, committed: null };
      for (const c of changes) {
        if (c.after && !recordSchemas[c.kind].safeParse(c.after).success) {
          throw new QuireError(
            'INTERNAL',
            `Quire refused to save a malformed ${c.kind} (${c.id}); nothing was changed.`,
          );
        }
      }
      const committed: Committed = {
        seq: this.seqValue + 1,
        at: this.parts.now().toISOString(),
        label: meta.label,
        origin: meta.origin,
        changes,
      };
      await this.parts.journal.append({
        seq: committed.seq,
        at: committed.at,
        label: committed.label,
        origin: committed.origin,
        puts: changes.map(toPut),
      });
      // On disk: now it becomes what every read sees.
      for (const c of changes) {
        const shard = this.records.set(c.kind, c.id, c.after);
        if (shard !== null) this.dirty.add(shardKey(c.kind, shard));
      }
      this.seqValue = committed.seq;
      this.sinceCheckpoint++;
      this.scheduleCheckpoint();
      return { value, committed };
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  writeBodies(bodies: readonly Omit<ArticleBody, 'id'>[]): Promise<string[]> {
    this.assertWritable();
    return writeBodyFiles(this.dir, bodies, this.parts.now);
  }
  readBody(ref: BodyRef & { title?: string }): Promise<ArticleBody> {
    return readBodyFile(this.dir, ref, ref.title);
  }
  writeSources(sources: ReadonlyMap<string, Uint8Array>): Promise<void> {
    this.assertWritable();
    return writeSourceFiles(this.dir, sources);
  }
  readSource(hash: string): Promise<Uint8Array> {
    return readSourceFile(this.dir, hash);
  }

  notices(): readonly NotebookNotice[] {
    return this.parts.notebookFile.data.notices ?? [];
  }
  async addNotice(message: string): Promise<void> {
    const notice = {
      id: `${fileStamp(this.parts.now())}-${randomBytes(3).toString('hex')}`,
      at: this.parts.now().toISOString(),
      message,
    };
    if (this.readOnly) {
      // Shown for this session only: a read-only notebook is left exactly as it was found.
      this.parts.notebookFile.data.notices = [...this.notices(), notice];
      return;
    }
    await this.parts.notebookFile.update((f) => ({ ...f, notices: [...(f.notices ?? []), notice] }));
  }
  async acknowledgeNotices(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    if (this.readOnly) {
      this.parts.notebookFile.data.notices = this.notices().filter((n) => !gone.has(n.id));
      return;
    }
    await this.parts.notebookFile.update((f) => ({
      ...f,
      notices: (f.notices ?? []).filter((n) => !gone.has(n.id)),
    }));
  }

  changesSinceOpenedAt(seq: number): JournalEntry[] | null {
    if (seq === this.seqValue) return [];
    const entries = this.openingEntries;
    if (!entries || seq > this.seqValue) return null;
    const after = entries.filter((e) => e.seq > seq);
    // Every change set since `seq` must be there: a gap (damage, or let go at a checkpoint) means rebuild.
    for (let i = 0; i < after.length; i++) if (after[i]?.seq !== seq + 1 + i) return null;
    return after.length > 0 && after.at(-1)?.seq === this.seqValue ? after : null;
  }

  retainJournalFrom(seq: number | null): void {
    this.retainFrom = seq;
  }

  async readCache(name: string): Promise<Uint8Array | null> {
    return readFileIfExists(cachePath(this.dir, name));
  }
  async writeCache(name: string, data: string | Uint8Array): Promise<void> {
    this.assertWritable();
    const target = cachePath(this.dir, name);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, data);
  }

  /** Writes the given record files whatever they hold (moving a notebook to this format). */
  async rewriteAll(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.dirty.add(key);
    await this.checkpoint();
  }

  checkpoint(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    this.checkpointing ??= this.runCheckpoint().finally(() => (this.checkpointing = null));
    return this.checkpointing;
  }

  async close(options: { keepBodies?: ReadonlySet<string> } = {}): Promise<void> {
    if (this.closed) return;
    clearTimeout(this.idleTimer);
    await this.queue;
    await this.checkpointing;
    if (!this.readOnly) {
      await this.checkpoint();
      await this.collectGarbage(options.keepBodies ?? new Set()).catch(() => undefined);
    }
    this.closed = true;
    await this.parts.journal.close();
    await this.parts.notebookFile.idle();
    await this.parts.lock?.release();
  }

  private async runCheckpoint(): Promise<void> {
    clearTimeout(this.idleTimer);
    if (this.dirty.size === 0 && this.sinceCheckpoint === 0) return;
    const seq = this.seqValue;
    const dirty = [...this.dirty];
    this.dirty.clear();
    this.sinceCheckpoint = 0;
    try {
      await this.parts.journal.rotate(seq + 1);
      const folder = path.join(this.dir, RECORDS_DIR);
      await fs.mkdir(folder, { recursive: true });
      await this.parts.snapshots.take(this.dir, await this.backedUpFiles());
      const counts = { ...this.parts.notebookFile.data.checkpoint?.counts };
      for (const key of dirty) {
        const [kind, shard] = splitShardKey(key);
        const records = [...this.records.inShard(kind, shard)];
        counts[key] = records.length;
        await writeFileAtomic(
          path.join(folder, recordFileName(kind, shard)),
          serializeRecordFile(kind, shard, seq, records),
          { syncDir: false },
        );
        // One shard at a time, with requests served in between.
        await new Promise((r) => setImmediate(r));
      }
      await fsyncDir(folder);
      await this.parts.notebookFile.update((f) => ({
        ...f,
        checkpoint: { seq, at: this.parts.now().toISOString(), counts },
      }));
      this.openingEntries = null;
      await this.parts.journal.dropThrough(Math.min(seq, this.retainFrom ?? seq));
    } catch (e) {
      // Nothing is lost (the journal still holds every change): try again at the next checkpoint.
      for (const key of dirty) this.dirty.add(key);
      this.sinceCheckpoint++;
      throw e;
    }
  }

  private async backedUpFiles(): Promise<string[]> {
    const folder = path.join(this.dir, RECORDS_DIR);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    return [
      path.join(this.dir, NOTEBOOK_FILE),
      ...names.filter((n) => n.endsWith('.json')).map((n) => path.join(folder, n)),
    ];
  }

  private scheduleCheckpoint(): void {
    clearTimeout(this.idleTimer);
    const due =
      this.sinceCheckpoint >= CHECKPOINT_EVERY_ENTRIES || this.parts.journal.bytes >= CHECKPOINT_EVERY_BYTES;
    this.idleTimer = setTimeout(
      () => void this.checkpoint().catch(() => undefined),
      due ? 0 : CHECKPOINT_IDLE_MS,
    );
    this.idleTimer.unref?.();
  }

  /** Article texts that neither an article nor a trashed article refers to (undo history ends with the session). */
  private async collectGarbage(keep: ReadonlySet<string>): Promise<void> {
    const referenced = new Set<string>(keep);
    const add = (a: ArticleRecord) => referenced.add(a.bodyKey ?? a.id);
    for (const a of this.records.list('article')) add(a);
    for (const t of this.records.list('trash')) if (t.article) add(t.article);
    await collectBodies(this.dir, referenced);
  }

  private assertWritable(): void {
    if (this.readOnlyReason !== null) throw new QuireError('READ_ONLY', this.readOnlyReason);
    if (this.closed) {
      throw new QuireError('NOTEBOOK_ERROR', 'This notebook has been closed; open it again to make changes.');
    }
  }
}

function toPut(c: Change): JournalPut {
  return (
    c.after === null
      ? { kind: c.kind, id: c.id, after: null, before: c.before }
      : { kind: c.kind, id: c.id, after: c.after }
  ) as JournalPut;
}

function splitShardKey(key: string): [RecordKind, number] {
  const at = key.lastIndexOf('-');
  const kind = key.slice(0, at) as RecordKind;
  if (!recordKinds.includes(kind)) throw new Error(`Unknown record file ${key}`);
  return [kind, Number(key.slice(at + 1))];
}

export const allShardKeys = (): string[] =>
  recordKinds.flatMap((kind) => Array.from({ length: shardCounts[kind] }, (_, n) => shardKey(kind, n)));
