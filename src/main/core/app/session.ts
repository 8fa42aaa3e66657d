import type { ArticleBody, ArticleRecord, Note } from '../types';
import type { NotebookStore } from '../store/types';
import type { QuireEventListener } from '../api-contract';
import { QuireError } from '../errors';
import { SearchIndex, type ArticleDocMeta } from '../search/index';
import { buildIndex, rebuildInWorker, type NoteText } from '../search/rebuild';

const INDEX_CACHE = 'search-index.bin';
const BODY_CACHE_SIZE = 200;
const INDEX_SAVE_DELAY_MS = 1500;
/** Articles indexed between two yields to the event loop while rebuilding in-thread, so requests keep flowing. */
const REBUILD_SLICE = 100;

export interface SessionOptions {
  /**
   * The rebuild worker script (`rebuild-worker.js` built, `.ts` from source). With one, the notebook opens at
   * once and searches answer from what is indexed so far while the worker rebuilds; without one the index is
   * rebuilt on the calling thread before `open` returns.
   */
  rebuildWorker?: URL | null;
}

/**
 * One open notebook: its store plus the search index, a rebuildable cache kept in the notebook so that
 * start-up does not re-index the corpus. Bodies read for snippets and the reader are cached (LRU).
 */
export class NotebookSession {
  private readonly bodies = new Map<string, ArticleBody>();
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private rebuilding: Promise<void> | null = null;
  private stopRebuild: AbortController | null = null;
  /** Ids of articles and notes changed while a rebuild runs: its snapshot predates them. */
  private touched: Set<string> | null = null;
  /** The index is known to be incomplete (a rebuild has not finished): it is not worth saving. */
  private stale = false;

  private constructor(
    readonly store: NotebookStore,
    public index: SearchIndex,
    private readonly emit: QuireEventListener,
    private readonly rebuildWorker: URL | null,
  ) {}

  static async open(
    store: NotebookStore,
    emit: QuireEventListener,
    options: SessionOptions = {},
  ): Promise<NotebookSession> {
    const session = new NotebookSession(store, await loadIndex(store), emit, options.rebuildWorker ?? null);
    if (!session.indexMatchesStore()) {
      const rebuilt = session.rebuildIndex();
      if (!session.rebuildWorker) await rebuilt;
    }
    return session;
  }

  private indexMatchesStore(): boolean {
    const { index, store } = this;
    const articles = store.articles();
    const notes = store.notes();
    return (
      index.size === articles.length + notes.length &&
      articles.every((a) => index.has(a.id)) &&
      notes.every((n) => index.hasNote(n.id))
    );
  }

  async body(id: string): Promise<ArticleBody> {
    const hit = this.bodies.get(id);
    if (hit) {
      this.bodies.delete(id);
      this.bodies.set(id, hit);
      return hit;
    }
    const body = await this.store.readBody(id);
    this.bodies.set(id, body);
    if (this.bodies.size > BODY_CACHE_SIZE) {
      const oldest = this.bodies.keys().next().value;
      if (oldest !== undefined) this.bodies.delete(oldest);
    }
    return body;
  }

  forgetBody(id: string): void {
    this.bodies.delete(id);
  }

  /** What the index knows about an article besides its text: the fields search operators filter on. */
  docMeta(record: ArticleRecord, tagNames = this.tagNamesByArticle()): ArticleDocMeta {
    const { id, title, source, author, published } = record;
    return { id, title, source, author, published, tags: tagNames.get(id) ?? [] };
  }

  private tagNamesByArticle(): Map<string, string[]> {
    const names = new Map(this.store.tags().map((t) => [t.id, t.name]));
    const byArticle = new Map<string, Set<string>>();
    for (const h of this.store.highlights()) {
      const set = byArticle.get(h.articleId) ?? new Set<string>();
      for (const t of h.tagIds) {
        const name = names.get(t);
        if (name) set.add(name);
      }
      byArticle.set(h.articleId, set);
    }
    return new Map([...byArticle].map(([id, set]) => [id, [...set]]));
  }

  indexArticle(record: ArticleRecord, body: ArticleBody): void {
    this.touched?.add(record.id);
    this.index.addArticle(this.docMeta(record), body);
    this.indexChanged();
  }

  unindexArticle(id: string): void {
    this.touched?.add(id);
    this.index.removeArticle(id);
    this.forgetBody(id);
    this.indexChanged();
  }

  /** After tags or metadata changed: refresh what filters see, without re-reading any text. */
  refreshArticleMeta(ids: Iterable<string>): void {
    const tagNames = this.tagNamesByArticle();
    for (const id of new Set(ids)) {
      this.touched?.add(id);
      const record = this.store.article(id);
      if (record && this.index.has(id)) this.index.updateArticleMeta(this.docMeta(record, tagNames));
    }
    this.indexChanged();
  }

  indexNotes(notes: Iterable<Note>): void {
    for (const n of notes) {
      this.touched?.add(n.id);
      this.index.addNote({ id: n.id, title: n.title, body: n.body });
    }
    this.indexChanged();
  }

  unindexNote(id: string): void {
    this.touched?.add(id);
    this.index.removeNote(id);
    this.indexChanged();
  }

  /**
   * Rebuilds the index from the stored bodies (missing, corrupt or out-of-date cache), with progress events.
   * Until it is done, searches answer from the index as it was (plus what was imported meanwhile). Never
   * rejects; a second call while one runs joins it.
   */
  rebuildIndex(): Promise<void> {
    this.rebuilding ??= this.runRebuild().finally(() => {
      this.rebuilding = null;
      this.stopRebuild = null;
    });
    return this.rebuilding;
  }

  /** Resolves once no rebuild is running. */
  async indexReady(): Promise<void> {
    await this.rebuilding;
  }

  private async runRebuild(): Promise<void> {
    const stop = new AbortController();
    this.stopRebuild = stop;
    this.stale = true;
    // Taken in the same tick as the snapshot below: every later change is caught up after the swap.
    this.touched = new Set();
    const tagNames = this.tagNamesByArticle();
    const articles = this.store.articles().map((r) => this.docMeta(r, tagNames));
    const notes = this.store.notes().map(({ id, title, body }) => ({ id, title, body }));
    const total = articles.length;
    const progress = (done: number, of: number) => this.emit('indexProgress', { done, total: of });
    if (total > 0) progress(0, total);
    try {
      const fresh = await this.buildFresh(articles, notes, progress, stop.signal);
      this.index = fresh;
      const changed = this.touched;
      this.touched = null;
      await this.catchUp(changed, stop.signal);
      this.stale = false;
      this.indexChanged();
    } catch {
      // Closing stopped the rebuild, or the build itself failed: the old index keeps answering and, being
      // stale, is not saved, so the next open rebuilds again.
      this.touched = null;
    } finally {
      if (!stop.signal.aborted) progress(total, total);
    }
  }

  /** In the worker when there is one; on this thread when there is none or it fails to deliver. */
  private async buildFresh(
    articles: ArticleDocMeta[],
    notes: NoteText[],
    progress: (done: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<SearchIndex> {
    if (this.rebuildWorker) {
      try {
        const request = { dir: this.store.dir, articles, notes };
        return await rebuildInWorker(this.rebuildWorker, request, progress, signal);
      } catch (e) {
        if (signal.aborted) throw e;
        // A worker that cannot start or crashes must not leave search without an index: build here instead.
      }
    }
    return buildIndex(
      { articles, notes, readBody: (id) => this.store.readBody(id).catch(() => null) },
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

  /**
   * The rebuilt index reflects the store as it was when the rebuild started. Re-indexes, from the store as it
   * is now, everything changed since, and any stored article or note the rebuilt index lacks.
   */
  private async catchUp(changed: Set<string>, signal: AbortSignal): Promise<void> {
    for (const a of this.store.articles()) if (!this.index.has(a.id)) changed.add(a.id);
    for (const n of this.store.notes()) if (!this.index.hasNote(n.id)) changed.add(n.id);
    if (changed.size === 0) return;
    const notes = new Map(this.store.notes().map((n) => [n.id, n]));
    for (const id of changed) {
      const note = notes.get(id);
      if (note) this.index.addNote({ id, title: note.title, body: note.body });
      else this.index.removeNote(id);
    }
    const tagNames = this.tagNamesByArticle();
    for (const id of changed) {
      signal.throwIfAborted();
      if (!notes.has(id)) await this.reindexFromStore(id, tagNames);
    }
    // Tags may have changed during the reads above.
    this.refreshArticleMeta(changed);
  }

  private async reindexFromStore(id: string, tagNames: Map<string, string[]>): Promise<void> {
    for (;;) {
      const record = this.store.article(id);
      if (!record) return this.index.removeArticle(id);
      const body = await this.store.readBody(id).catch(() => null);
      // Re-extracted while its text was being read: read the new text.
      if (this.store.article(id) !== record) continue;
      this.index.addArticle(this.docMeta(record, tagNames), body ?? { id, text: '', passages: [] });
      return;
    }
  }

  /** Debounced: a burst of imports or edits writes the cache once. */
  indexChanged(): void {
    if (this.store.readOnly) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveIndex(), INDEX_SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  async saveIndex(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.stale) return;
    this.saving = this.saving
      .then(() => this.store.writeCache(INDEX_CACHE, this.index.serialize()))
      .catch(() => {
        // The index is a cache: failing to save it costs a rebuild next time, never data.
      });
    await this.saving;
  }

  async close(): Promise<void> {
    this.stopRebuild?.abort(
      new QuireError('INTERNAL', 'Quire stopped rebuilding the search index because it is closing.'),
    );
    await this.rebuilding;
    if (this.saveTimer) await this.saveIndex();
    await this.saving;
    await this.store.close();
  }
}

async function loadIndex(store: NotebookStore): Promise<SearchIndex> {
  const bytes = await store.readCache(INDEX_CACHE).catch(() => null);
  if (bytes) {
    try {
      return SearchIndex.deserialize(bytes);
    } catch {
      // Corrupt or from an older format: rebuilt by the caller.
    }
  }
  return new SearchIndex();
}
