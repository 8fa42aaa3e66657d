// A shared (team) notebook in the UI: where sync stands in words for the top bar, the Share / Join dialog, and the
// Conflicts view. Sync's state arrives as the `sync` event; records that came from the team arrive, like local
// edits, as committed change sets (state/sync.svelte.ts).
import type { CommitEvent } from '../../../main/core/api-contract';
import type { Conflict, SyncView } from '../../../main/core/sync/views';
import { api, onEvent } from '../lib/api-client';
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
    if (e.origin === 'remote' && ui.center === 'conflicts') void this.loadConflicts();
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

  /** Keeps `record` (one of the versions, or the merged one) as the only version, on every machine. */
  async settle(conflict: Conflict, record: unknown, what: string): Promise<void> {
    try {
      this.view = await api.syncSettle({ docId: conflict.docId, record });
      ui.toast(`Settled “${conflict.title}”: ${what}.`);
      await this.loadConflicts();
    } catch (e) {
      ui.error(e);
    }
  }
}

export const team = new TeamState();
