import type { ArticleBody } from '../types';
import type { NotebookStore } from '../store/types';
import { SearchIndex } from '../search/index';

const INDEX_CACHE = 'search-index.json';
const BODY_CACHE_SIZE = 200;
const INDEX_SAVE_DELAY_MS = 1500;

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
  ) {}

  static async open(store: NotebookStore): Promise<NotebookSession> {
    const index = await loadIndex(store);
    const session = new NotebookSession(store, index);
    if (index.size !== store.articles().length || store.articles().some((a) => !index.has(a.id))) {
      await session.rebuildIndex();
    }
    return session;
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

  /** Rebuilds the index from the stored bodies (missing, corrupt or out-of-date cache). */
  async rebuildIndex(): Promise<void> {
    const fresh = new SearchIndex();
    for (const record of this.store.articles()) {
      fresh.addArticle({ id: record.id, title: record.title }, await this.store.readBody(record.id));
    }
    this.index = fresh;
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
      .then(() => this.store.writeCache(INDEX_CACHE, this.index.toJSON()))
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
  const json = await store.readCache(INDEX_CACHE).catch(() => null);
  if (json) {
    try {
      return SearchIndex.fromJSON(json);
    } catch {
      // Corrupt or from an older format: rebuilt by the caller.
    }
  }
  return new SearchIndex();
}
