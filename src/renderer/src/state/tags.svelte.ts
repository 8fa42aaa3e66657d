// Tags with counts (sidebar), the chosen tag's passages, and tag editing.
import type { TaggedPassage, TagSummary } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
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
        await this.load();
      },
    });
  }

  async recolor(id: string, color: string): Promise<void> {
    try {
      await api.tagUpdate({ id, color });
      await this.load();
    } catch (e) {
      ui.error(e);
    }
  }

  async remove(tag: TagSummary): Promise<void> {
    const ok = await ui.confirm(
      'Delete tag',
      `Delete the tag “${tag.name}”? It is removed from ${tag.count} ${tag.count === 1 ? 'highlight' : 'highlights'}; the passages stay.`,
      'Delete tag',
    );
    if (!ok) return;
    try {
      await api.tagDelete({ id: tag.id });
      if (this.selectedId === tag.id) {
        this.selectedId = null;
        ui.center = 'library';
      }
      await this.load();
      ui.toast(`Deleted the tag “${tag.name}”.`);
    } catch (e) {
      ui.error(e);
    }
  }
}

export const tags = new TagsState();
