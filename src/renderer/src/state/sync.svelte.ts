// The one place the UI learns that the notebook changed. Every committed change set arrives as one event; each
// state module applies its part of it (no module reloads everything after a write). A gap in the sequence (a
// dropped connection) or a server that comes back reloads from the API; another notebook being opened shows that
// notebook as it was last left (or clean, if it never was open here).
import type { CommitEvent } from '../../../main/core/api-contract';
import type { NotebookInfo } from '../../../main/core/types';
import { onEvent, onReconnect } from '../lib/api-client';
import { enterNotebook } from '../lib/persist';
import { articleControl } from './article-control.svelte';
import { embeds } from '../lib/editor/embed-cache';
import { coders } from './coders.svelte';
import { compareCoders } from './compare-coders.svelte';
import { graph } from './graph.svelte';
import { history } from './history.svelte';
import { layout } from './layout.svelte';
import { library } from './library.svelte';
import { links } from './links.svelte';
import { notebook } from './notebook.svelte';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { reading } from './reading.svelte';
import { search } from './search.svelte';
import { pictures } from './pictures.svelte';
import { segments } from './segments.svelte';
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
      onReconnect(() => void this.rejoin()),
    ];
    return () => offs.forEach((off) => off());
  }

  /** At start: the open notebook, as the researcher left it. */
  async start(): Promise<void> {
    await notebook.load();
    await this.enter();
  }

  /** Loads the open notebook's lists (after a gap, after the server came back). */
  async load(): Promise<void> {
    await notebook.load();
    this.path = notebook.info?.path ?? null;
    this.seq = notebook.info?.seq ?? 0;
    await Promise.all([
      library.load(),
      tags.load(),
      notes.loadList(),
      history.load(),
      trash.loadCount(),
      coders.load(),
    ]);
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
    coders.apply(e);
    compareCoders.apply(e);
    segments.apply(e);
    pictures.apply(e);
    embeds.apply(e);
    notes.apply(e);
    links.apply(e);
    graph.apply(e);
    reader.apply(e);
    articleControl.apply(e);
    search.apply(e);
    team.apply(e);
  }

  /** Shows `notebook.info`'s notebook as it was last left: views, query, sort and pane widths. */
  private async enter(): Promise<void> {
    const path = notebook.info?.path ?? null;
    if (path !== null) enterNotebook(path);
    reader.view = null;
    notes.discard();
    links.view = null;
    embeds.clear();
    ui.restore();
    search.restore();
    library.restore();
    layout.restore();
    reading.restore();
    coders.restore();
    await Promise.all([this.load(), team.load()]);
    await this.reopen();
  }

  /** Opens what was open: the article (where it was read) or note, the chosen tag, the last query's results. */
  private async reopen(): Promise<void> {
    const main = ui.main;
    const opening: Promise<void>[] = [];
    if (main?.kind === 'article' && library.byId.has(main.id)) opening.push(reader.open(main.id));
    else if (main?.kind === 'note' && notes.list.some((n) => n.id === main.id))
      opening.push(notes.open(main.id));
    else if (main) ui.show(null);
    if (ui.section === 'tags' && ui.tagId && tags.byId.has(ui.tagId)) {
      opening.push(tags.choose(ui.tagId));
    } else {
      tags.selectedId = null;
    }
    if (search.query.trim()) {
      ui.center = 'search';
      opening.push(search.run());
    }
    await Promise.all(opening);
  }

  private async resync(): Promise<void> {
    embeds.clear();
    await this.load();
    await Promise.all([reader.reload(), notes.refresh()]);
  }

  /** The server is back after a restart or a lost connection: catch up with what happened meanwhile. */
  private async rejoin(): Promise<void> {
    const before = this.path;
    await notebook.load();
    if (notebook.info && notebook.info.path !== before) {
      await this.enter();
      return;
    }
    await this.resync();
    search.refreshSoon();
  }

  /** The open notebook changed: another one (show it as it was left) or this one's notices (just show them). */
  private async notebookChanged(info: NotebookInfo): Promise<void> {
    const switched = this.path !== null && info.path !== this.path;
    notebook.info = info;
    if (switched) await this.enter();
  }
}

export const sync = new SyncState();
