// Keeps the search index in step with the notebook. The index follows every committed change set; its cache on
// disk records the journal position it reflects, so at start-up it is either current, caught up from the journal
// (the change sets since it was saved), or rebuilt — never silently behind the store.
import type { QuireEventListener } from '../api-contract';
import { QuireError } from '../errors';
import type { Committed } from '../store/records';
import type { NotebookStore } from '../store/types';
import type { JournalEntry } from '../store/journal';
import type { ArticleBody, ArticleRecord } from '../types';
import { SearchIndex } from '../search/index';
import type { MemoDoc } from '../search/index';
import {
  buildIndex,
  rebuildInWorker,
  serializedInWorker,
  type ArticleToIndex,
  type NoteText,
  type RebuildRequest,
} from '../search/rebuild';
import type { Derived } from './derived';
import { allMemoDocs, articleToIndex, memoDocOf, memoKeysOfTag } from './index-docs';

/** Ids of memos among the ids a catch-up re-indexes (article and note ids never start so). */
const MEMO = 'memo:';

const INDEX_CACHE = 'search-index.bin';
/** Articles indexed between two yields to the event loop while rebuilding in-thread, so requests keep flowing. */
const REBUILD_SLICE = 100;
/** Catching up more articles than this at start-up is slower than a rebuild in the background. */
const CATCH_UP_LIMIT = 2000;
/**
 * The cache is rewritten when this far behind (and when the notebook closes): the journal covers the rest. With a
 * worker, the new cache is built there from the stored texts, so the main thread never stalls for it.
 */
const SAVE_AFTER_CHANGES = 5000;

export interface KeeperHost {
  store: NotebookStore;
  derived: Derived;
  emit: QuireEventListener;
  /** The rebuild worker script, or null to rebuild on the calling thread. */
  rebuildWorker: URL | null;
  /** An article's text (cached by the session). */
  body(record: ArticleRecord): Promise<ArticleBody>;
}

export class SearchKeeper {
  private rebuilding: Promise<void> | null = null;
  private stopRebuild: AbortController | null = null;
  /** Ids of articles and notes changed while a rebuild runs: its snapshot predates them. */
  private touched: Set<string> | null = null;
  /** The index is known to be incomplete (a rebuild has not finished): it is not worth saving. */
  private stale = false;
  /** The journal position of the cache on disk, or null when there is none. */
  private savedSeq: number | null;
  /**
   * The position of the newest save asked for, written or still on its way. Changes are counted from it: every
   * save serializes the whole index, so edits made while one is on its way must not each ask for another.
   */
  private requestedSeq: number | null;
  private saving: Promise<void> = Promise.resolve();
  /**
   * Articles and notes changed since the newest save was asked for, or null when that is unknown or too many to
   * catch up cheaply. Closing skips the save when these few can be caught up from the journal at the next open:
   * serializing the whole index would hold up quitting for seconds at 50,000 articles.
   */
  private changedSinceSave: Set<string> | null = new Set();
  /** How far a running rebuild has got: searches say their answer is partial meanwhile. */
  building: { done: number; total: number } | null = null;

  private constructor(
    private readonly host: KeeperHost,
    public index: SearchIndex,
    fromCache: boolean,
  ) {
    this.savedSeq = fromCache ? index.seq : null;
    this.requestedSeq = this.savedSeq;
    host.store.retainJournalFrom(this.savedSeq);
  }

  static async open(host: KeeperHost): Promise<SearchKeeper> {
    const cached = await loadCache(host.store);
    const keeper = new SearchKeeper(host, cached ?? new SearchIndex(), cached !== null);
    const entries = cached ? host.store.changesSinceOpenedAt(cached.seq) : null;
    const ids = entries ? touchedBy(entries, host.store, host.derived) : null;
    if (ids && ids.size <= CATCH_UP_LIMIT) {
      keeper.changedSinceSave = new Set(ids);
      await keeper.catchUp(ids, new AbortController().signal);
      keeper.index.seq = host.store.seq;
      return keeper;
    }
    const rebuilt = keeper.rebuild();
    if (!host.rebuildWorker) await rebuilt;
    return keeper;
  }

  /** What the index knows about an article besides its text: the fields search operators filter on. */
  toIndex(record: ArticleRecord): ArticleToIndex {
    return articleToIndex(this.host.store, record);
  }

  /** Follows a committed change set. Texts just written are passed in, so importing reads nothing back. */
  async apply(cs: Committed, fresh: ReadonlyMap<string, ArticleBody>): Promise<void> {
    const { index } = this;
    const metaOnly = this.host.derived.articlesTouched(cs);
    const memos = new Set<string>();
    for (const c of cs.changes) {
      this.touched?.add(c.id);
      this.noteChanged(c.id);
      for (const key of this.memoKeysOf(c.kind, c.id)) memos.add(key);
      if (c.kind === 'note') {
        if (c.after) index.addNote(c.after);
        else index.removeNote(c.id);
      } else if (c.kind === 'article') {
        if (!c.after) {
          index.removeArticle(c.id);
          metaOnly.delete(c.id);
        } else if (!c.before || textChanged(c.before, c.after) || !index.has(c.id)) {
          await this.addArticle(c.after, fresh);
          metaOnly.delete(c.id);
        }
      }
    }
    for (const id of metaOnly) {
      this.touched?.add(id);
      this.noteChanged(id);
      const record = this.host.store.get('article', id);
      if (record && index.has(id)) index.updateArticleMeta(this.toIndex(record));
    }
    for (const key of memos) {
      this.touched?.add(MEMO + key);
      this.refreshMemo(key);
    }
    index.seq = cs.seq;
    if (!this.stale && cs.seq - (this.requestedSeq ?? 0) >= SAVE_AFTER_CHANGES) void this.refreshCache();
  }

  private noteChanged(id: string): void {
    this.changedSinceSave?.add(id);
    if ((this.changedSinceSave?.size ?? 0) > CATCH_UP_LIMIT / 2) this.changedSinceSave = null;
  }

  /** The memos a changed record may alter: its own, and for a tag those of its sub-tags and their highlights. */
  private memoKeysOf(kind: string, id: string): string[] {
    switch (kind) {
      case 'highlight':
        return [`h:${id}`];
      case 'article':
        // Memos on its passages are filtered by its source, author and date too.
        return [`a:${id}`, ...this.host.store.highlightsOf(id).map((h) => `h:${h.id}`)];
      case 'tag':
        return memoKeysOfTag(this.host.store, id, (t) => this.host.derived.articlesWithTag(t));
      default:
        return [];
    }
  }

  /** Indexes a memo as it is now (or forgets it when it is gone or empty). */
  private refreshMemo(key: string): void {
    const memo = memoDocOf(this.host.store, key);
    if (memo) this.index.addMemo(memo);
    else this.index.removeMemo(key);
  }

  /** A fresh cache as of now: built in the worker when there is one, else serialized here. */
  private refreshCache(): Promise<void> {
    const worker = this.host.rebuildWorker;
    if (!worker || this.host.store.readOnly) return this.save();
    const request = this.snapshot();
    this.requestedSeq = request.seq;
    this.changedSinceSave = new Set();
    this.saving = this.saving
      .then(async () => {
        const bytes = await serializedInWorker(worker, request, () => undefined);
        await this.host.store.writeCache(INDEX_CACHE, bytes);
        if (request.seq > (this.savedSeq ?? -1)) {
          this.savedSeq = request.seq;
          this.host.store.retainJournalFrom(request.seq);
        }
      })
      .catch(() => {
        // The index is a cache: failing to save it costs a catch-up or rebuild next time, never data.
        this.changedSinceSave = null;
      });
    return this.saving;
  }

  /** What a worker needs to index the notebook as it is at this moment. */
  private snapshot(): RebuildRequest {
    const { store } = this.host;
    return {
      dir: store.dir,
      articles: store.list('article').map((r) => this.toIndex(r)),
      notes: store.list('note').map(({ id, title, body }) => ({ id, title, body })),
      memos: allMemoDocs(store),
      seq: store.seq,
    };
  }

  /**
   * Rebuilds the index from the stored texts (no cache, a damaged one, or one too far behind), with progress
   * events. Until it is done, searches answer from the index as it was (plus what changed meanwhile). Never
   * rejects; a second call while one runs joins it.
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.runRebuild().finally(() => {
      this.rebuilding = null;
      this.stopRebuild = null;
    });
    return this.rebuilding;
  }

  /** Resolves once no rebuild is running. */
  async ready(): Promise<void> {
    await this.rebuilding;
  }

  /** Writes the cache (with the journal position it reflects) unless the index is incomplete. */
  async save(): Promise<void> {
    if (this.stale || this.host.store.readOnly) return;
    const index = this.index;
    const seq = index.seq;
    this.requestedSeq = seq;
    this.changedSinceSave = new Set();
    this.saving = this.saving
      .then(async () => {
        if (this.savedSeq === seq) return;
        await this.host.store.writeCache(INDEX_CACHE, index.serialize());
        this.savedSeq = seq;
        this.host.store.retainJournalFrom(seq);
      })
      .catch(() => {
        // The index is a cache: failing to save it costs a catch-up or rebuild next time, never data.
        this.changedSinceSave = null;
      });
    await this.saving;
  }

  async close(): Promise<void> {
    this.stopRebuild?.abort(
      new QuireError('INTERNAL', 'Quire stopped rebuilding the search index because it is closing.'),
    );
    await this.rebuilding;
    await this.saving;
    // The journal kept since the cache's position lets the next open catch these few up in milliseconds.
    if (!this.stale && this.savedSeq !== null && this.changedSinceSave !== null) return;
    await this.save();
  }

  private async runRebuild(): Promise<void> {
    const stop = new AbortController();
    this.stopRebuild = stop;
    this.stale = true;
    // Taken in the same tick as the snapshot below: every later change is caught up after the swap.
    this.touched = new Set();
    const { seq, articles, notes, memos } = this.snapshot();
    const total = articles.length;
    const progress = (done: number, of: number) => {
      this.building = done < of ? { done, total: of } : null;
      this.host.emit('indexProgress', { done, total: of });
    };
    if (total > 0) progress(0, total);
    try {
      const fresh = await this.buildFresh(articles, notes, memos, progress, stop.signal);
      fresh.seq = seq;
      const behind = this.index.seq;
      this.index = fresh;
      const changed = this.touched;
      this.touched = null;
      await this.catchUp(changed, stop.signal);
      this.index.seq = Math.max(this.index.seq, behind, seq);
      this.stale = false;
      // The rebuilt index is not what the cache on disk holds: it must be saved.
      this.changedSinceSave = null;
    } catch {
      // Closing stopped the rebuild, or the build itself failed: the old index keeps answering and, being
      // stale, is not saved, so the next open rebuilds again.
      this.touched = null;
    } finally {
      if (!stop.signal.aborted) progress(total, total);
      this.building = null;
    }
  }

  /** In the worker when there is one; on this thread when there is none or it fails to deliver. */
  private async buildFresh(
    articles: ArticleToIndex[],
    notes: NoteText[],
    memos: MemoDoc[],
    progress: (done: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<SearchIndex> {
    const { store, rebuildWorker } = this.host;
    if (rebuildWorker) {
      try {
        return await rebuildInWorker(
          rebuildWorker,
          { dir: store.dir, articles, notes, memos, seq: store.seq },
          progress,
          signal,
        );
      } catch (e) {
        if (signal.aborted) throw e;
        // A worker that cannot start or crashes must not leave search without an index: build here instead.
      }
    }
    return buildIndex(
      { articles, notes, memos, readBody: (a) => store.readBody(a).catch(() => null) },
      {
        progressEvery: REBUILD_SLICE,
        signal,
        onProgress: async (done, total) => {
          progress(done, total);
          await new Promise((r) => setImmediate(r));
        },
      },
    );
  }

  /** Re-indexes, from the notebook as it is now, the given articles, notes and memos (and any the index lacks). */
  private async catchUp(changed: Set<string>, signal: AbortSignal): Promise<void> {
    const { store } = this.host;
    for (const a of store.list('article')) if (!this.index.has(a.id)) changed.add(a.id);
    for (const n of store.list('note')) if (!this.index.hasNote(n.id)) changed.add(n.id);
    for (const m of allMemoDocs(store)) if (!this.index.hasMemo(m.key)) changed.add(MEMO + m.key);
    for (const id of changed) {
      signal.throwIfAborted();
      if (id.startsWith(MEMO)) {
        this.refreshMemo(id.slice(MEMO.length));
        continue;
      }
      const note = store.get('note', id);
      if (note) this.index.addNote(note);
      else this.index.removeNote(id);
      const record = store.get('article', id);
      if (!record) this.index.removeArticle(id);
      else await this.addArticle(record, new Map());
    }
  }

  private async addArticle(record: ArticleRecord, fresh: ReadonlyMap<string, ArticleBody>): Promise<void> {
    let body = fresh.get(record.id) ?? null;
    if (!body) body = await this.host.body(record).catch(() => null);
    // A text that cannot be read still leaves the article findable by title and filters.
    this.index.addArticle(this.toIndex(record), body ?? { id: record.id, text: '', passages: [] });
  }
}

function textChanged(before: ArticleRecord, after: ArticleRecord): boolean {
  return before.title !== after.title || (before.bodyKey ?? before.id) !== (after.bodyKey ?? after.id);
}

/**
 * Articles, notes and memos the journal's change sets touched (by id; memos as `memo:<key>`), to re-index from the
 * notebook as it is.
 */
function touchedBy(entries: JournalEntry[], store: NotebookStore, derived: Derived): Set<string> {
  const ids = new Set<string>();
  const articlesWithTag = (t: string) => derived.articlesWithTag(t);
  for (const entry of entries) {
    for (const put of entry.puts) {
      switch (put.kind) {
        case 'article':
          ids.add(put.id);
          ids.add(`${MEMO}a:${put.id}`);
          for (const h of store.highlightsOf(put.id)) ids.add(`${MEMO}h:${h.id}`);
          break;
        case 'note':
          ids.add(put.id);
          break;
        case 'highlight': {
          const h = put.after ?? put.before;
          if (h) ids.add(h.articleId);
          ids.add(`${MEMO}h:${put.id}`);
          break;
        }
        case 'tag':
          for (const key of memoKeysOfTag(store, put.id, articlesWithTag)) {
            ids.add(MEMO + key);
            if (key.startsWith('t:')) for (const a of derived.articlesWithTag(key.slice(2))) ids.add(a);
          }
          break;
        default:
          break;
      }
    }
  }
  return ids;
}

async function loadCache(store: NotebookStore): Promise<SearchIndex | null> {
  const bytes = await store.readCache(INDEX_CACHE).catch(() => null);
  if (!bytes) return null;
  try {
    const index = SearchIndex.deserialize(bytes);
    // A cache ahead of the store (a store restored from a backup) describes changes the store does not have.
    return index.seq <= store.seq ? index : null;
  } catch {
    // Corrupt or from an older format: rebuilt.
    return null;
  }
}
