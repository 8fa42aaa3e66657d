// The command registry: palette entries, keyboard shortcuts and desktop menu ids share one table.
import type { SwitcherItem } from '../../../main/core/api-contract';
import { api, desktop, onEvent } from '../lib/api-client';
import { base64ToBytes } from '../lib/base64';
import { runInFocusedEditor } from '../lib/editor/menu-commands';
import { isTyping } from '../lib/platform';
import { compareCoders } from './compare-coders.svelte';
import { exchange } from './exchange.svelte';
import { history } from './history.svelte';
import { importer } from './import.svelte';
import { notebook } from './notebook.svelte';
import { newNoteFromTemplate, openDailyNote, openGraph } from './note-commands.svelte';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { tags } from './tags.svelte';
import { trash } from './trash.svelte';
import { team } from './team.svelte';
import { ui } from './ui.svelte';

export interface Command {
  id: string;
  title: string;
  /** What the entry says right now, when that depends on state ("Undo: tag a passage “x”"). */
  label?: () => string | null;
  /** "Mod+K" style; shown with the platform's modifier. */
  shortcut?: string;
  run: () => void | Promise<void>;
}

async function exportMarkdown(): Promise<void> {
  await notes.flush();
  try {
    if (!desktop) {
      const zip = await api.exportMarkdownZip({});
      const url = URL.createObjectURL(new Blob([base64ToBytes(zip.data)], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = zip.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      ui.toast(`Exported ${zip.count} ${zip.count === 1 ? 'note' : 'notes'} to ${zip.fileName}.`);
      return;
    }
    const dir = await desktop.pickFolder('export');
    if (!dir) return;
    let report = await api.exportMarkdown({ dir, onConflict: 'ask' });
    if (report.conflicts.length > 0) {
      const n = report.conflicts.length;
      const choice = await ui.choose(
        'Files already exist',
        `${n} ${n === 1 ? 'file exists' : 'files exist'} in ${dir}: ${report.conflicts.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}`,
        [
          { id: 'overwrite', label: 'Overwrite', danger: true },
          { id: 'keep-both', label: 'Keep both' },
        ],
      );
      if (choice !== 'overwrite' && choice !== 'keep-both') return;
      report = await api.exportMarkdown({ dir, onConflict: choice });
    }
    const count = report.written.length;
    ui.toast(`Exported ${count} ${count === 1 ? 'note' : 'notes'} to ${report.dir}.`);
  } catch (e) {
    ui.error(e);
  }
}

async function openNotebook(create: boolean): Promise<void> {
  if (desktop) {
    try {
      const path = await desktop.pickFolder(create ? 'new-notebook' : 'open-notebook');
      if (path) await notebook.open(path, create);
    } catch (e) {
      ui.error(e);
    }
    return;
  }
  ui.notebookDialogOpen = true;
}

export const commands: Command[] = [
  { id: 'quick-open', title: 'Quick open…', shortcut: 'Mod+K', run: () => void (ui.paletteOpen = true) },
  { id: 'focus-search', title: 'Search articles', shortcut: '/', run: () => void ui.focusSearchTick++ },
  { id: 'import-files', title: 'Import files…', run: () => importer.pickAndImport('files') },
  { id: 'import-folder', title: 'Import folder…', run: () => importer.pickAndImport('folder') },
  { id: 'new-note', title: 'New note…', shortcut: 'Mod+N', run: () => notes.newNote() },
  {
    id: 'toggle-preview',
    title: 'Toggle note preview',
    shortcut: 'Mod+E',
    run: () => notes.togglePreview(),
  },
  { id: 'daily-note', title: 'Open today’s daily note', shortcut: 'Mod+Shift+D', run: openDailyNote },
  { id: 'note-from-template', title: 'New note from template…', run: newNoteFromTemplate },
  { id: 'graph-view', title: 'Open graph view', shortcut: 'Mod+G', run: openGraph },
  {
    id: 'undo',
    title: 'Undo',
    shortcut: 'Mod+Z',
    label: () => history.state.undo,
    run: () => history.undo(),
  },
  {
    id: 'redo',
    title: 'Redo',
    shortcut: 'Mod+Shift+Z',
    label: () => history.state.redo,
    run: () => history.redo(),
  },
  { id: 'show-trash', title: 'Show the Trash', run: () => trash.open() },
  { id: 'show-coded-segments', title: 'Coded segments', run: () => void (ui.center = 'segments') },
  { id: 'show-pictures', title: 'Pictures of the coding', run: () => void (ui.center = 'pictures') },
  { id: 'new-tag', title: 'New tag…', run: () => tags.create(null) },
  {
    id: 'move-tag',
    title: 'Move the chosen tag…',
    run: () =>
      tags.selectedId ? tags.askMove(tags.selectedId) : ui.toast('Choose a tag in the sidebar first.'),
  },
  {
    id: 'merge-tag',
    title: 'Merge the chosen tag into…',
    run: () =>
      tags.selectedId ? tags.mergeInto(tags.selectedId) : ui.toast('Choose a tag in the sidebar first.'),
  },
  { id: 'share-notebook', title: 'Share notebook…', run: () => void (team.dialog = 'share') },
  { id: 'join-notebook', title: 'Join shared notebook…', run: () => void (team.dialog = 'join') },
  { id: 'sync-now', title: 'Sync now', run: () => team.syncNow() },
  { id: 'show-conflicts', title: 'Show sync conflicts', run: () => team.openConflicts() },
  { id: 'compare-coders', title: 'Compare coders…', run: () => compareCoders.open() },
  { id: 'export-markdown', title: 'Export notes as Markdown', run: exportMarkdown },
  {
    id: 'export',
    title: 'Export… (Obsidian, CSV, Excel, REFI-QDA, BibTeX)',
    run: () => void (exchange.exportOpen = true),
  },
  {
    id: 'import-qdpx',
    title: 'Import a REFI-QDA project (.qdpx)…',
    run: () => exchange.pickAndImport('qdpx'),
  },
  { id: 'import-qdc', title: 'Import a REFI-QDA codebook (.qdc)…', run: () => exchange.pickAndImport('qdc') },
  {
    id: 'import-notes',
    title: 'Import an Obsidian vault or Markdown notes…',
    run: () => exchange.pickAndImport('notes'),
  },
  {
    id: 'import-refs',
    title: 'Import references (BibTeX, CSL-JSON, RIS)…',
    run: () => exchange.pickAndImport('refs'),
  },
  { id: 'open-notebook', title: 'Open notebook…', run: () => openNotebook(false) },
  { id: 'new-notebook', title: 'New notebook…', run: () => openNotebook(true) },
  {
    id: 'toggle-theme',
    title: 'Toggle dark / light theme',
    run: () => {
      const dark =
        ui.theme === 'dark' ||
        (ui.theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
      ui.setTheme(dark ? 'light' : 'dark');
    },
  },
];

/** The title an entry shows now: its live label when it has one ("Undo: …"), else its fixed title. */
export function titleOf(command: Command): string {
  return command.label?.() ?? command.title;
}

export function runCommand(id: string): void {
  const command = commands.find((c) => c.id === id);
  if (!command) return;
  ui.paletteOpen = false;
  Promise.resolve(command.run()).catch((e: unknown) => ui.error(e));
}

export type PaletteItem = { kind: 'command'; command: Command } | { kind: 'item'; item: SwitcherItem };

class PaletteState {
  query = $state('');
  items = $state.raw<SwitcherItem[]>([]);
  active = $state(0);
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  entries = $derived.by((): PaletteItem[] => {
    const q = this.query.trim().toLowerCase();
    const matching = commands.filter(
      (c) => q === '' || titleOf(c).toLowerCase().includes(q) || c.id.includes(q),
    );
    return [
      ...this.items.map((item): PaletteItem => ({ kind: 'item', item })),
      ...matching.map((command): PaletteItem => ({ kind: 'command', command })),
    ];
  });

  reset(): void {
    this.query = '';
    this.items = [];
    this.active = 0;
    void this.fetch('');
  }

  setQuery(q: string): void {
    this.query = q;
    this.active = 0;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(q), 60);
  }

  private async fetch(query: string): Promise<void> {
    const seq = ++this.seq;
    try {
      const items = await api.switcher({ query, limit: 20 });
      if (seq === this.seq) this.items = items;
    } catch (e) {
      if (seq === this.seq) ui.error(e);
    }
  }

  async choose(entry: PaletteItem | undefined): Promise<void> {
    if (!entry) return;
    ui.paletteOpen = false;
    if (entry.kind === 'command') return runCommand(entry.command.id);
    const { item } = entry;
    if (item.kind === 'article') await reader.open(item.id);
    else if (item.kind === 'note') await notes.open(item.id);
    else {
      ui.setSection('tags', item.id);
      await tags.choose(item.id);
    }
  }
}

export const palette = new PaletteState();

/**
 * Desktop menu items arrive as `command` events with the same ids. The Edit menu's Undo and Redo carry the
 * shortcuts, so in a text field they must do what the keys do there: undo typing.
 */
export function listenForMenuCommands(): () => void {
  return onEvent('command', ({ id }) => {
    if (runInFocusedEditor(id)) return;
    if ((id === 'undo' || id === 'redo') && isTyping(document.activeElement)) document.execCommand(id);
    else runCommand(id);
  });
}
