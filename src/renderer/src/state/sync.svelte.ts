// The one place the UI learns that the notebook changed. Every committed change set arrives as one event; each
// state module applies its part of it (no module reloads everything after a write). A gap in the sequence (a
// dropped connection) or another notebook being opened reloads from the API.
import type { CommitEvent } from '../../../main/core/api-contract';
import type { NotebookInfo } from '../../../main/core/types';
import { onEvent } from '../lib/api-client';
import { articleControl } from './article-control.svelte';
import { embeds } from '../lib/editor/embed-cache';
import { graph } from './graph.svelte';
import { history } from './history.svelte';
import { library } from './library.svelte';
import { links } from './links.svelte';
import { notebook } from './notebook.svelte';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { search } from './search.svelte';
import { tags } from './tags.svelte';
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
    embeds.apply(e);
    notes.apply(e);
    links.apply(e);
    graph.apply(e);
    reader.apply(e);
    articleControl.apply(e);
    search.apply(e);
  }

  private async resync(): Promise<void> {
    embeds.clear();
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
    links.view = null;
    embeds.clear();
    tags.selectedId = null;
    search.setQuery('');
    ui.setSection('library');
    await this.load();
  }
}

export const sync = new SyncState();
