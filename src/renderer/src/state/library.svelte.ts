// The article list: loading, sort order (remembered) and deletion.
import type { ArticleSummary, CommitEvent } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { recall, remember } from '../lib/persist';
import { history } from './history.svelte';
import { ui } from './ui.svelte';

export type SortKey = 'title' | 'source' | 'published' | 'words' | 'tagCount';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const sortKeys: readonly SortKey[] = ['title', 'source', 'published', 'words', 'tagCount'];
const isSort = (v: unknown): v is Sort =>
  typeof v === 'object' &&
  v !== null &&
  'key' in v &&
  'dir' in v &&
  (sortKeys as readonly unknown[]).includes(v.key) &&
  (v.dir === 'asc' || v.dir === 'desc');

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: ArticleSummary, b: ArticleSummary, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  // Unknown values (null) sort last whatever the direction feels like.
  if (x === null || x === '') return y === null || y === '' ? 0 : 1;
  if (y === null || y === '') return -1;
  return collator.compare(String(x), String(y));
}

class LibraryState {
  articles = $state.raw<ArticleSummary[]>([]);
  loaded = $state(false);
  sort = $state<Sort>({ key: 'title', dir: 'asc' });

  sorted = $derived.by(() => {
    const { key, dir } = this.sort;
    const sign = dir === 'asc' ? 1 : -1;
    return [...this.articles].sort((a, b) => {
      const c = compare(a, b, key);
      // Nulls stay last in both directions.
      if ((a[key] === null) !== (b[key] === null)) return c;
      return sign * c || collator.compare(a.title, b.title);
    });
  });

  byId = $derived(new Map(this.articles.map((a) => [a.id, a])));

  /** The sort order the open notebook was last shown in. */
  restore(): void {
    this.sort = recall('sort', { key: 'title', dir: 'asc' }, isSort);
  }

  async load(): Promise<void> {
    try {
      this.articles = await api.articleList({});
      this.loaded = true;
    } catch (e) {
      ui.error(e);
    }
  }

  sortBy(key: SortKey): void {
    const dir = this.sort.key === key && this.sort.dir === 'asc' ? 'desc' : 'asc';
    this.sort = { key, dir };
    remember('sort', this.sort);
  }

  /** Applies a committed change set: summaries of touched articles, removed ones gone. */
  apply(e: CommitEvent): void {
    const removed = new Set(
      e.records.filter((r) => r.kind === 'article' && r.after === null).map((r) => r.id),
    );
    if (removed.size === 0 && e.articles.length === 0) return;
    const updated = new Map(e.articles.map((a) => [a.id, a]));
    const next = this.articles.filter((a) => !removed.has(a.id)).map((a) => updated.get(a.id) ?? a);
    const known = new Set(next.map((a) => a.id));
    for (const a of e.articles) if (!known.has(a.id)) next.push(a);
    this.articles = next;
    if (ui.main?.kind === 'article' && removed.has(ui.main.id)) ui.show(null);
  }

  /** Into the Trash, with its highlights: nothing is asked, undo and the Trash bring it back. */
  async remove(article: ArticleSummary): Promise<boolean> {
    try {
      await api.articleDelete({ id: article.id });
      const n = article.highlightCount;
      ui.toast(
        `Moved “${article.title}”${n ? ` and its ${n} ${n === 1 ? 'highlight' : 'highlights'}` : ''} to the Trash.`,
        { action: { label: 'Undo', run: () => history.undo() } },
      );
      return true;
    } catch (e) {
      ui.error(e);
      return false;
    }
  }
}

export const library = new LibraryState();
