// The open notebook: its name, read-only flag and the notices about its files the researcher has not acknowledged.
import type { RecentNotebook } from '../../../main/core/api-contract';
import type { NotebookInfo } from '../../../main/core/types';
import { api } from '../lib/api-client';
import { notes } from './notes.svelte';
import { ui } from './ui.svelte';

class NotebookState {
  info = $state<NotebookInfo | null>(null);
  recent = $state<RecentNotebook[]>([]);
  loadError = $state<string | null>(null);

  readOnly = $derived(this.info?.readOnly ?? false);
  name = $derived(this.info?.name ?? 'Quire');

  async load(): Promise<void> {
    try {
      this.info = await api.notebookInfo({});
      this.loadError = null;
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent = await api.notebookRecent({});
    } catch (e) {
      ui.error(e);
    }
  }

  /** Throws on failure so the dialog that asked can show the error inline and stay open. */
  async open(path: string, create: boolean): Promise<void> {
    // The draft being typed belongs to the notebook open now: saved into it before it closes.
    await notes.flush();
    this.info = await api.notebookOpen({ path, create });
  }

  /** The researcher has read the notices: they stop being shown here, in the CLI and everywhere else. */
  async acknowledge(): Promise<void> {
    const ids = this.info?.notices.map((n) => n.id) ?? [];
    if (ids.length === 0) return;
    try {
      this.info = await api.notebookAcknowledge({ ids });
    } catch (e) {
      ui.error(e);
    }
  }
}

export const notebook = new NotebookState();
