// Tags with counts (sidebar), the chosen tag's passages, and tag editing.
import type { CommitEvent, TaggedPassage, TagSummary } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { history } from './history.svelte';
import { ui } from './ui.svelte';

class TagsState {
  list = $state.raw<TagSummary[]>([]);
  selectedId = $state<string | null>(null);
  passages = $state.raw<TaggedPassage[]>([]);
  passagesLoading = $state(false);

  byId = $derived(new Map(this.list.map((t) => [t.id, t])));
  selected = $derived(this.selectedId ? (this.byId.get(this.selectedId) ?? null) : null);

  async load(): Promise<void> {
    try {
      this.list = await api.tagList({});
      if (this.selectedId && !this.byId.has(this.selectedId)) this.selectedId = null;
      if (this.selectedId) await this.loadPassages();
    } catch (e) {
      ui.error(e);
    }
  }

  /** Applies a committed change set: tags added, renamed, recoloured or gone, and the counts that moved. */
  apply(e: CommitEvent): void {
    const counts: Record<string, number> = Object.fromEntries(this.list.map((t) => [t.id, t.count]));
    Object.assign(counts, e.tagCounts);
    let list = this.list;
    let changed = Object.keys(e.tagCounts).length > 0;
    for (const r of e.records) {
      if (r.kind !== 'tag') continue;
      changed = true;
      list = list.filter((t) => t.id !== r.id);
      if (r.after) list = [...list, { ...r.after, count: counts[r.id] ?? 0 }];
    }
    if (!changed) return;
    this.list = list
      .map((t) => ({ ...t, count: counts[t.id] ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (this.selectedId && !this.byId.has(this.selectedId)) {
      this.selectedId = null;
      if (ui.center === 'tag') ui.center = 'library';
    } else if (
      this.selectedId &&
      ui.center === 'tag' &&
      e.records.some((r) => r.kind === 'highlight' || r.kind === 'article')
    ) {
      void this.loadPassages();
    }
  }

  async choose(id: string): Promise<void> {
    this.selectedId = id;
    ui.center = 'tag';
    await this.loadPassages();
  }

  async loadPassages(): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    this.passagesLoading = true;
    try {
      const passages = await api.tagPassages({ id });
      if (this.selectedId === id) this.passages = passages;
    } catch (e) {
      ui.error(e);
    } finally {
      this.passagesLoading = false;
    }
  }

  async rename(id: string, current: string): Promise<void> {
    await ui.ask({
      title: 'Rename tag',
      label: 'Tag name',
      value: current,
      submitLabel: 'Rename',
      submit: async (name) => {
        await api.tagUpdate({ id, name });
      },
    });
  }

  async recolor(id: string, color: string): Promise<void> {
    try {
      await api.tagUpdate({ id, color });
    } catch (e) {
      ui.error(e);
    }
  }

  /** Into the Trash: with its passages or without (they keep their other tags and memos). */
  async remove(tag: TagSummary): Promise<void> {
    const n = tag.count;
    const picked = await ui.choose(
      'Delete tag',
      `Delete the tag “${tag.name}”? It is on ${n} ${n === 1 ? 'highlight' : 'highlights'}. Undo and the Trash can bring it back.`,
      [
        { id: 'keep', label: 'Delete tag, keep passages' },
        { id: 'with', label: 'Delete tag and its passages', danger: true },
      ],
    );
    if (picked !== 'keep' && picked !== 'with') return;
    try {
      const r = await api.tagDelete({ id: tag.id, withHighlights: picked === 'with' });
      const parts = [`Moved the tag “${tag.name}” to the Trash`];
      if (r.highlightsDeleted)
        parts.push(`with ${r.highlightsDeleted} ${r.highlightsDeleted === 1 ? 'passage' : 'passages'}`);
      ui.toast(`${parts.join(' ')}.`, { action: { label: 'Undo', run: () => history.undo() } });
    } catch (e) {
      ui.error(e);
    }
  }
}

export const tags = new TagsState();
