// The article being read: its view, where to scroll, which terms to mark, and highlight editing.
import type { ArticleView } from '../../../main/core/api-contract';
import type { Highlight } from '../../../main/core/types';
import { api } from '../lib/api-client';
import type { TextSelection } from '../lib/selection';
import { library } from './library.svelte';
import { tags } from './tags.svelte';
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
    await Promise.all([this.reload(), tags.load(), library.load()]);
  }

  async setTags(id: string, tagIds: string[], tagNames: string[] = []): Promise<void> {
    try {
      let ids = tagIds;
      if (tagNames.length > 0) {
        const created = await Promise.all(tagNames.map((name) => api.tagCreate({ name })));
        ids = [...ids, ...created.map((t) => t.id)];
      }
      await api.highlightUpdate({ id, tagIds: ids });
      await Promise.all([this.reload(), tags.load(), library.load()]);
    } catch (e) {
      ui.error(e);
    }
  }

  async setMemo(id: string, memo: string): Promise<void> {
    try {
      await api.highlightUpdate({ id, memo });
      await this.reload();
    } catch (e) {
      ui.error(e);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      const removed = await api.highlightDelete({ id });
      this.popover = null;
      await Promise.all([this.reload(), tags.load(), library.load()]);
      ui.toast('Highlight deleted.', {
        action: {
          label: 'Undo',
          run: async () => {
            try {
              await api.highlightRestore({ highlight: removed });
              await Promise.all([this.reload(), tags.load(), library.load()]);
            } catch (e) {
              ui.error(e);
            }
          },
        },
      });
    } catch (e) {
      ui.error(e);
    }
  }
}

export const reader = new ReaderState();
