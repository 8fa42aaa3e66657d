import type { ArticleBody, ArticleRecord, Note } from '../types';
import type { NotebookStore } from '../store/types';
import type { QuireEventListener } from '../api-contract';
import { SearchIndex, type ArticleDocMeta } from '../search/index';

const INDEX_CACHE = 'search-index.bin';
const BODY_CACHE_SIZE = 200;
const INDEX_SAVE_DELAY_MS = 1500;
/** Articles indexed between two yields to the event loop while rebuilding, so requests keep flowing. */
const REBUILD_SLICE = 100;

/**
 * One open notebook: its store plus the search index, a rebuildable cache kept in the notebook so that
 * start-up does not re-index the corpus. Bodies read for snippets and the reader are cached (LRU).
 */
export class NotebookSession {
  private readonly bodies = new Map<string, ArticleBody>();
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly store: NotebookStore,
    public index: SearchIndex,
    private readonly emit: QuireEventListener,
  ) {}

  static async open(store: NotebookStore, emit: QuireEventListener): Promise<NotebookSession> {
    const session = new NotebookSession(store, await loadIndex(store), emit);
    if (!session.indexMatchesStore()) await session.rebuildIndex();
    return session;
  }

  private indexMatchesStore(): boolean {
    const { index, store } = this;
    const articles = store.articles();
    const notes = store.notes();
    return (
      index.size === articles.length + notes.length &&
      articles.every((a) => index.has(a.id)) &&
      notes.every((n) => index.has(n.id))
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
    this.index.addArticle(this.docMeta(record), body);
    this.indexChanged();
  }

  unindexArticle(id: string): void {
    this.index.removeArticle(id);
    this.forgetBody(id);
    this.indexChanged();
  }

  /** After tags or metadata changed: refresh what filters see, without re-reading any text. */
  refreshArticleMeta(ids: Iterable<string>): void {
    const tagNames = this.tagNamesByArticle();
    for (const id of new Set(ids)) {
      const record = this.store.article(id);
      if (record && this.index.has(id)) this.index.updateArticleMeta(this.docMeta(record, tagNames));
    }
    this.indexChanged();
  }

  indexNotes(notes: Iterable<Note>): void {
    for (const n of notes) this.index.addNote({ id: n.id, title: n.title, body: n.body });
    this.indexChanged();
  }

  unindexNote(id: string): void {
    this.index.removeNote(id);
    this.indexChanged();
  }

  /** Rebuilds the index from the stored bodies (missing, corrupt or out-of-date cache), with progress. */
  async rebuildIndex(): Promise<void> {
    const fresh = new SearchIndex();
    const articles = this.store.articles();
    const tagNames = this.tagNamesByArticle();
    const total = articles.length;
    for (const [i, record] of articles.entries()) {
      fresh.addArticle(this.docMeta(record, tagNames), await this.store.readBody(record.id));
      if (i % REBUILD_SLICE === REBUILD_SLICE - 1) {
        this.emit('indexProgress', { done: i + 1, total });
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const n of this.store.notes()) fresh.addNote({ id: n.id, title: n.title, body: n.body });
    this.index = fresh;
    this.emit('indexProgress', { done: total, total });
    this.indexChanged();
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
    this.saving = this.saving
      .then(() => this.store.writeCache(INDEX_CACHE, this.index.serialize()))
      .catch(() => {
        // The index is a cache: failing to save it costs a rebuild next time, never data.
      });
    await this.saving;
  }

  async close(): Promise<void> {
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
