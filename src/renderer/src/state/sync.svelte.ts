// The one place the UI learns that the notebook changed. Every committed change set arrives as one event; each
// state module applies its part of it (no module reloads everything after a write). A gap in the sequence (a
// dropped connection) or another notebook being opened reloads from the API.
import type { CommitEvent } from '../../../main/core/api-contract';
import type { NotebookInfo } from '../../../main/core/types';
import { onEvent } from '../lib/api-client';
import { articleControl } from './article-control.svelte';
import { history } from './history.svelte';
import { library } from './library.svelte';
import { notebook } from './notebook.svelte';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { search } from './search.svelte';
import { tags } from './tags.svelte';
import { team } from './team.svelte';
import { trash } from './trash.svelte';
import { ui } from './ui.svelte';

class SyncState {
  /** The last change set applied. */
  private seq = 0;
  private path: string | null = null;

  listen(): () => void {
    const offs = [
      onEvent('committed', (e) => this.apply(e)),
      onEvent('notebook', (info) => void this.notebookChanged(info)),
    ];
    return () => offs.forEach((off) => off());
  }

  /** Loads the open notebook's lists (at start, after a gap, after opening another notebook). */
  async load(): Promise<void> {
    await notebook.load();
    this.path = notebook.info?.path ?? null;
    this.seq = notebook.info?.seq ?? 0;
    await Promise.all([library.load(), tags.load(), notes.loadList(), history.load(), trash.loadCount()]);
  }

  apply(e: CommitEvent): void {
    if (e.seq <= this.seq) return;
    const gap = this.seq > 0 && e.seq > this.seq + 1;
    this.seq = e.seq;
    history.apply(e);
    trash.apply(e);
    if (gap) {
      void this.resync();
      return;
    }
    library.apply(e);
    tags.apply(e);
    notes.apply(e);
    reader.apply(e);
    articleControl.apply(e);
    search.apply(e);
    team.apply(e);
  }

  private async resync(): Promise<void> {
    await this.load();
    await Promise.all([reader.reload(), notes.refresh()]);
  }

  /** The open notebook changed: another one (start clean) or this one's notices (just show them). */
  private async notebookChanged(info: NotebookInfo): Promise<void> {
    const switched = this.path !== null && info.path !== this.path;
    notebook.info = info;
    if (!switched) return;
    ui.show(null);
    reader.view = null;
    notes.view = null;
    tags.selectedId = null;
    search.setQuery('');
    ui.setSection('library');
    await Promise.all([this.load(), team.load()]);
  }
}

export const sync = new SyncState();
