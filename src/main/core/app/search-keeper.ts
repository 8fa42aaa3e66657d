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
import {
  buildIndex,
  rebuildInWorker,
  serializedInWorker,
  type ArticleToIndex,
  type NoteText,
  type RebuildRequest,
} from '../search/rebuild';
import type { Derived } from './derived';

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
    const ids = entries ? touchedBy(entries, host.derived) : null;
    if (ids && ids.size <= CATCH_UP_LIMIT) {
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
    const { id, title, source, author, published, bodyKey } = record;
    return { id, title, source, author, published, tags: this.host.derived.tagNamesOf(id), bodyKey };
  }

  /** Follows a committed change set. Texts just written are passed in, so importing reads nothing back. */
  async apply(cs: Committed, fresh: ReadonlyMap<string, ArticleBody>): Promise<void> {
    const { index } = this;
    const metaOnly = this.host.derived.articlesTouched(cs);
    for (const c of cs.changes) {
      this.touched?.add(c.id);
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
      const record = this.host.store.get('article', id);
      if (record && index.has(id)) index.updateArticleMeta(this.toIndex(record));
    }
    index.seq = cs.seq;
    if (!this.stale && cs.seq - (this.requestedSeq ?? 0) >= SAVE_AFTER_CHANGES) void this.refreshCache();
  }

  /** A fresh cache as of now: built in the worker when there is one, else serialized here. */
  private refreshCache(): Promise<void> {
    const worker = this.host.rebuildWorker;
    if (!worker || this.host.store.readOnly) return this.save();
    const request = this.snapshot();
    this.requestedSeq = request.seq;
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
    this.saving = this.saving
      .then(async () => {
        if (this.savedSeq === seq) return;
        await this.host.store.writeCache(INDEX_CACHE, index.serialize());
        this.savedSeq = seq;
        this.host.store.retainJournalFrom(seq);
      })
      .catch(() => {
        // The index is a cache: failing to save it costs a catch-up or rebuild next time, never data.
      });
    await this.saving;
  }

  async close(): Promise<void> {
    this.stopRebuild?.abort(
      new QuireError('INTERNAL', 'Quire stopped rebuilding the search index because it is closing.'),
    );
    await this.rebuilding;
    await this.save();
  }

  private async runRebuild(): Promise<void> {
    const stop = new AbortController();
    this.stopRebuild = stop;
    this.stale = true;
    // Taken in the same tick as the snapshot below: every later change is caught up after the swap.
    this.touched = new Set();
    const { seq, articles, notes } = this.snapshot();
    const total = articles.length;
    const progress = (done: number, of: number) => {
      this.building = done < of ? { done, total: of } : null;
      this.host.emit('indexProgress', { done, total: of });
    };
    if (total > 0) progress(0, total);
    try {
      const fresh = await this.buildFresh(articles, notes, progress, stop.signal);
      fresh.seq = seq;
      const behind = this.index.seq;
      this.index = fresh;
      const changed = this.touched;
      this.touched = null;
      await this.catchUp(changed, stop.signal);
      this.index.seq = Math.max(this.index.seq, behind, seq);
      this.stale = false;
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
    progress: (done: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<SearchIndex> {
    const { store, rebuildWorker } = this.host;
    if (rebuildWorker) {
      try {
        return await rebuildInWorker(
          rebuildWorker,
          { dir: store.dir, articles, notes, seq: store.seq },
          progress,
          signal,
        );
      } catch (e) {
        if (signal.aborted) throw e;
        // A worker that cannot start or crashes must not leave search without an index: build here instead.
      }
    }
    return buildIndex(
      { articles, notes, readBody: (a) => store.readBody(a).catch(() => null) },
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

  /** Re-indexes, from the notebook as it is now, the given articles and notes (and any the index lacks). */
  private async catchUp(changed: Set<string>, signal: AbortSignal): Promise<void> {
    const { store } = this.host;
    for (const a of store.list('article')) if (!this.index.has(a.id)) changed.add(a.id);
    for (const n of store.list('note')) if (!this.index.hasNote(n.id)) changed.add(n.id);
    for (const id of changed) {
      signal.throwIfAborted();
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

/** Articles and notes the journal's change sets touched (by id), to re-index from the notebook as it is. */
function touchedBy(entries: JournalEntry[], derived: Derived): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    for (const put of entry.puts) {
      switch (put.kind) {
        case 'article':
        case 'note':
          ids.add(put.id);
          break;
        case 'highlight': {
          const h = put.after ?? put.before;
          if (h) ids.add(h.articleId);
          break;
        }
        case 'tag':
          for (const a of derived.articlesWithTag(put.id)) ids.add(a);
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
