// The Trash view: what was deleted, restorable with everything it had; emptied only when the researcher says so
// (or after 30 days).
import type { CommitEvent, TrashItem } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { ui } from './ui.svelte';

class TrashState {
  items = $state.raw<TrashItem[]>([]);
  count = $state(0);
  loading = $state(false);

  async loadCount(): Promise<void> {
    try {
      this.count = (await api.trashList({})).length;
    } catch (e) {
      ui.error(e);
    }
  }

  async open(): Promise<void> {
    ui.center = 'trash';
    await this.load();
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.items = await api.trashList({});
      this.count = this.items.length;
    } catch (e) {
      ui.error(e);
    } finally {
      this.loading = false;
    }
  }

  apply(e: CommitEvent): void {
    this.count = e.trashCount;
    if (ui.center === 'trash' && e.records.some((r) => r.kind === 'trash')) void this.load();
  }

  async restore(item: TrashItem): Promise<void> {
    try {
      const { notes } = await api.trashRestore({ id: item.id });
      ui.toast([`Restored “${item.title}”.`, ...notes].join(' '));
    } catch (e) {
      ui.error(e);
    }
  }

  async empty(): Promise<void> {
    const n = this.items.length;
    if (n === 0) return;
    const ok = await ui.confirm(
      'Empty the Trash',
      `Delete ${n} ${n === 1 ? 'item' : 'items'} in the Trash for good? Until Quire closes, Undo can still bring them back.`,
      'Empty Trash',
    );
    if (!ok) return;
    try {
      const { removed } = await api.trashEmpty({});
      ui.toast(`Emptied the Trash (${removed} ${removed === 1 ? 'item' : 'items'}).`);
    } catch (e) {
      ui.error(e);
    }
  }
}

export const trash = new TrashState();
