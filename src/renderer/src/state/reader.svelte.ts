// The article being read: its view, where to scroll, which terms to mark, and highlight editing.
import type { ArticleView, CommitEvent } from '../../../main/core/api-contract';
import type { Highlight } from '../../../main/core/types';
import { api } from '../lib/api-client';
import type { TextSelection } from '../lib/selection';
import { history } from './history.svelte';
import { ui } from './ui.svelte';

export interface OpenOptions {
  passageId?: string | null;
  terms?: string[];
  highlightId?: string | null;
}

class ReaderState {
  view = $state.raw<ArticleView | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  targetPassageId = $state<string | null>(null);
  /** Bumped on every open so the reader scrolls again even to the same passage. */
  scrollTick = $state(0);
  terms = $state.raw<string[]>([]);
  /** The text the researcher selected, waiting to be tagged. */
  selection = $state.raw<TextSelection | null>(null);
  pickerOpen = $state(false);
  /** Highlights under the clicked spot, and where to show their popover. */
  popover = $state.raw<{ ids: string[]; x: number; y: number } | null>(null);

  private seq = 0;

  async open(id: string, options: OpenOptions = {}): Promise<void> {
    ui.show({ kind: 'article', id });
    this.targetPassageId = options.passageId ?? null;
    this.terms = options.terms ?? [];
    this.selection = null;
    this.pickerOpen = false;
    this.popover = null;
    await this.load(id);
    if (options.highlightId && !options.passageId) {
      const h = this.view?.highlights.find((x) => x.id === options.highlightId);
      if (h) this.targetPassageId = h.passageId;
    }
    this.scrollTick++;
  }

  async load(id: string): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    try {
      const view = await api.articleGet({ id });
      if (seq !== this.seq) return;
      this.view = view;
      this.error = null;
    } catch (e) {
      if (seq !== this.seq) return;
      this.view = null;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  /** Re-fetches after a change elsewhere (annotations, notes) without moving the scroll target. */
  async reload(): Promise<void> {
    if (ui.main?.kind === 'article') await this.load(ui.main.id);
  }

  /**
   * Applies a committed change set to the open article: its highlights and counts in place; a new text (re-extract,
   * undo of one) or notes citing it changed are read again.
   */
  apply(e: CommitEvent): void {
    const view = this.view;
    if (!view) return;
    const id = view.article.id;
    let next: ArticleView = view;
    let reread = false;
    for (const r of e.records) {
      if (r.kind === 'article' && r.id === id) {
        if (!r.after) {
          this.view = null;
          return;
        }
        if ((r.after.bodyKey ?? r.after.id) !== (next.article.bodyKey ?? next.article.id)) reread = true;
      } else if (r.kind === 'highlight') {
        const was = next.highlights.some((h) => h.id === r.id);
        if (r.after && r.after.articleId === id) {
          next = {
            ...next,
            highlights: was
              ? next.highlights.map((h) => (h.id === r.id ? r.after : h))
              : [...next.highlights, r.after],
          } as ArticleView;
        } else if (was) {
          next = { ...next, highlights: next.highlights.filter((h) => h.id !== r.id) };
        }
      } else if (r.kind === 'note') {
        const cites = r.after?.body.includes(`quire://article/${encodeURIComponent(id)}`) ?? false;
        if (cites || next.backlinks.some((b) => b.noteId === r.id)) reread = true;
      }
    }
    const summary = e.articles.find((a) => a.id === id);
    if (summary) next = { ...next, article: summary };
    if (reread) void this.reload();
    else if (next !== view) this.view = next;
  }

  highlight(id: string): Highlight | undefined {
    return this.view?.highlights.find((h) => h.id === id);
  }

  /** Creates a highlight on the pending selection with existing tag ids and/or new tag names. */
  async tagSelection(tagIds: string[], tagNames: string[]): Promise<void> {
    const sel = this.selection;
    const view = this.view;
    if (!sel || !view) return;
    await api.highlightCreate({
      articleId: view.article.id,
      start: sel.start,
      end: sel.end,
      tagIds,
      tagNames,
    });
    this.selection = null;
    this.pickerOpen = false;
    window.getSelection()?.removeAllRanges();
  }

  async setTags(id: string, tagIds: string[], tagNames: string[] = []): Promise<void> {
    try {
      await api.highlightUpdate({ id, tagIds, tagNames });
    } catch (e) {
      ui.error(e);
    }
  }

  async setMemo(id: string, memo: string): Promise<void> {
    try {
      await api.highlightUpdate({ id, memo });
    } catch (e) {
      ui.error(e);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await api.highlightDelete({ id });
      this.popover = null;
      ui.toast('Highlight deleted.', { action: { label: 'Undo', run: () => history.undo() } });
    } catch (e) {
      ui.error(e);
    }
  }
}

export const reader = new ReaderState();
