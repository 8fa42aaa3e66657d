// The article list: loading, sort order (remembered) and deletion.
import type { ArticleSummary, CommitEvent } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { recall, remember } from '../lib/persist';
import { history } from './history.svelte';
import { ui } from './ui.svelte';

export type SortKey = 'title' | 'author' | 'source' | 'published' | 'words' | 'tagCount';

/** What the list is narrowed to; empty fields do not narrow. */
export interface LibraryFilter {
  /** Articles with a passage coded with this tag (or a tag under it). */
  tagId: string;
  source: string;
  author: string;
  /** Published on or after / on or before, as typed: YYYY, YYYY-MM or YYYY-MM-DD. */
  from: string;
  to: string;
  coded: 'all' | 'coded' | 'uncoded';
}
const noFilter = (): LibraryFilter => ({ tagId: '', source: '', author: '', from: '', to: '', coded: 'all' });
const folded = (s: string | null): string =>
  (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
/** A typed date bound as a comparable string: a "from" pads low, a "to" pads high. */
const bound = (typed: string, high: boolean): string | null => {
  const t = typed.trim();
  if (!/^\d{4}(-\d{2}){0,2}$/u.test(t)) return null;
  return high ? `${t}\uffff` : t;
};
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const sortKeys: readonly SortKey[] = ['title', 'author', 'source', 'published', 'words', 'tagCount'];
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

  filter = $state<LibraryFilter>(noFilter());
  /** Articles carrying the filter's tag (fetched when the tag filter changes). */
  private tagArticles = $state.raw<Set<string> | null>(null);
  /** Articles chosen for a bulk action. */
  chosen = $state<string[]>([]);

  filtering = $derived(
    this.filter.tagId !== '' ||
      this.filter.source.trim() !== '' ||
      this.filter.author.trim() !== '' ||
      this.filter.from.trim() !== '' ||
      this.filter.to.trim() !== '' ||
      this.filter.coded !== 'all',
  );

  /** The sorted list narrowed by the filter. */
  shown = $derived.by(() => {
    if (!this.filtering) return this.sorted;
    const f = this.filter;
    const source = folded(f.source);
    const author = folded(f.author);
    const from = bound(f.from, false);
    const to = bound(f.to, true);
    const tagged = f.tagId ? this.tagArticles : null;
    return this.sorted.filter(
      (a) =>
        (!f.tagId || (tagged?.has(a.id) ?? false)) &&
        (!source || folded(a.source).includes(source)) &&
        (!author || folded(a.author).includes(author)) &&
        (!from || (a.published !== null && a.published >= from)) &&
        (!to || (a.published !== null && a.published <= to)) &&
        (f.coded === 'all' || (f.coded === 'coded') === a.highlightCount > 0),
    );
  });

  async setTagFilter(tagId: string): Promise<void> {
    this.filter.tagId = tagId;
    this.tagArticles = null;
    if (!tagId) return;
    try {
      const passages = await api.tagPassages({ id: tagId, includeChildren: true });
      if (this.filter.tagId === tagId) this.tagArticles = new Set(passages.map((p) => p.highlight.articleId));
    } catch (e) {
      ui.error(e);
    }
  }

  clearFilter(): void {
    this.filter = noFilter();
    this.tagArticles = null;
  }

  toggleChosen(id: string): void {
    this.chosen = this.chosen.includes(id) ? this.chosen.filter((x) => x !== id) : [...this.chosen, id];
  }

  /** Codes every chosen article as a whole with one tag: one commit, one undo step. */
  async tagChosen(): Promise<void> {
    const ids = this.chosen.filter((id) => this.byId.has(id));
    if (ids.length === 0) return;
    await ui.ask({
      title: 'Tag articles',
      label: `Tag for the ${ids.length} chosen ${ids.length === 1 ? 'article' : 'articles'} (name; new names are created)`,
      value: '',
      submitLabel: 'Tag',
      submit: async (name) => {
        const r = await api.articleBulkTag({ ids, tagNames: [name] });
        ui.toast(`Tagged ${r.articles} ${r.articles === 1 ? 'article' : 'articles'} “${name.trim()}”.`, {
          action: { label: 'Undo', run: () => history.undo() },
        });
      },
    });
  }

  /** The chosen articles into the Trash: one commit, one undo step. */
  async deleteChosen(): Promise<void> {
    const ids = this.chosen.filter((id) => this.byId.has(id));
    if (ids.length === 0) return;
    try {
      const r = await api.articleBulkDelete({ ids });
      this.chosen = [];
      ui.toast(
        `Moved ${r.deleted} ${r.deleted === 1 ? 'article' : 'articles'} and ${r.highlights} ${r.highlights === 1 ? 'highlight' : 'highlights'} to the Trash.`,
        { action: { label: 'Undo', run: () => history.undo() } },
      );
    } catch (e) {
      ui.error(e);
    }
  }

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
    if (removed.size) this.chosen = this.chosen.filter((id) => !removed.has(id));
    if (this.filter.tagId && e.records.some((r) => r.kind === 'highlight' || r.kind === 'tag'))
      void this.setTagFilter(this.filter.tagId);
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
