// A shared (team) notebook in the UI: where sync stands in words for the top bar, the Share / Join dialog, and the
// Conflicts view. Sync's state arrives as the `sync` event; records that came from the team arrive, like local
// edits, as committed change sets (state/sync.svelte.ts).
import type { CommitEvent } from '../../../main/core/api-contract';
import type { Conflict, MergeDraft, SyncView } from '../../../main/core/sync/views';
import { api, onEvent } from '../lib/api-client';
import { history } from './history.svelte';
import { notebook } from './notebook.svelte';
import { ui } from './ui.svelte';

class TeamState {
  view = $state.raw<SyncView | null>(null);
  conflicts = $state.raw<Conflict[]>([]);
  /** The Share / Join dialog: which one is open. */
  dialog = $state<'share' | 'join' | null>(null);
  loading = $state(false);

  listen(): () => void {
    return onEvent('sync', (view) => {
      this.view = view;
      if (ui.center === 'conflicts') void this.loadConflicts();
    });
  }

  /** Asks where sync stands (this also starts live sync for a shared notebook). */
  async load(): Promise<void> {
    try {
      this.view = await api.syncStatus({});
    } catch {
      this.view = null;
    }
  }

  apply(e: CommitEvent): void {
    if (e.origin !== 'remote') return;
    if (ui.center === 'conflicts') void this.loadConflicts();
    // Sync may have explained a collision in a notice (a tag renamed here and merged away there): show it now.
    if (e.records.some((r) => r.kind === 'tag' || r.kind === 'highlight')) void notebook.load();
  }

  /** Shares the open notebook, or joins the notebook in that database (an empty notebook takes what it holds). */
  async share(request: {
    remote: string;
    db?: string;
    username?: string;
    password?: string;
    author: string;
  }) {
    this.view = await api.syncShare(request);
    return this.view;
  }

  async syncNow(): Promise<void> {
    try {
      this.view = await api.syncNow({});
    } catch (e) {
      ui.error(e);
    }
  }

  async openConflicts(): Promise<void> {
    ui.center = 'conflicts';
    await this.loadConflicts();
  }

  async loadConflicts(): Promise<void> {
    this.loading = true;
    try {
      this.conflicts = await api.syncConflicts({});
    } catch (e) {
      ui.error(e);
    } finally {
      this.loading = false;
    }
  }

  /** Settles with the version shown now, its text (`field`) replaced by what the researcher merged. */
  async settleMerged(conflict: Conflict, field: MergeDraft['field'], text: string): Promise<void> {
    const current =
      conflict.versions.find((v) => v.current && v.record !== null) ??
      conflict.versions.find((v) => v.record !== null);
    const record = current?.record;
    if (record === null || typeof record !== 'object') return;
    await this.settle(conflict, { ...record, [field]: text }, 'saved the merged text');
  }

  /** Keeps `record` (one of the versions, or the merged one) as the only version, on every machine. */
  async settle(conflict: Conflict, record: unknown, what: string): Promise<void> {
    try {
      this.view = await api.syncSettle({ docId: conflict.docId, record });
      // Settling is one undoable step: undo puts back the text the notebook showed before.
      ui.toast(`Settled “${conflict.title}”: ${what}.`, {
        action: { label: 'Undo', run: () => history.undo() },
      });
      await this.loadConflicts();
    } catch (e) {
      ui.error(e);
    }
  }
}

export const team = new TeamState();
