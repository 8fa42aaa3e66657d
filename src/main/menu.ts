import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentNotebook, UndoState } from './core/api-contract';

export interface MenuActions {
  /** Forwards a command id to the renderer's command registry (same ids as its command palette). */
  command(id: string): void;
  openRecent(path: string): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** What Undo and Redo would do now: their items say it ("Undo: Tag a passage “x”"). */
  undo: UndoState;
  /** Developer tools in the View menu: only when the window shows the dev server's page. */
  devTools: boolean;
}

/** The app menu. Accelerators here are the same shortcuts the renderer shows in its palette. */
export function buildMenu(
  recent: RecentNotebook[],
  actions: MenuActions,
  { isMac, devTools, undo }: MenuOptions,
): Menu {
  const cmd = (label: string, id: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => actions.command(id),
    ...(accelerator ? { accelerator } : {}),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        cmd('New Note', 'new-note', 'CmdOrCtrl+N'),
        cmd('New Note from Template…', 'note-from-template'),
        cmd('Today’s Daily Note', 'daily-note', 'CmdOrCtrl+Shift+D'),
        { type: 'separator' },
        cmd('Import Files…', 'import-files', 'CmdOrCtrl+O'),
        cmd('Import Folder…', 'import-folder', 'CmdOrCtrl+Shift+O'),
        {
          label: 'Import From',
          submenu: [
            cmd('Obsidian Vault or Markdown Notes…', 'import-notes'),
            cmd('REFI-QDA Project (.qdpx)…', 'import-qdpx'),
            cmd('REFI-QDA Codebook (.qdc)…', 'import-qdc'),
            cmd('References (BibTeX, CSL-JSON, RIS)…', 'import-refs'),
          ],
        },
        cmd('Export Notes as Markdown…', 'export-markdown', 'CmdOrCtrl+Shift+E'),
        cmd('Export…', 'export'),
        { type: 'separator' },
        cmd('New Notebook…', 'new-notebook'),
        cmd('Open Notebook…', 'open-notebook'),
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((r) => ({
                // `&` marks a mnemonic in menu labels; `&&` is a literal one (a notebook called "R&D").
                label: `${r.name} — ${r.path}`.replaceAll('&', '&&'),
                click: () => actions.openRecent(r.path),
              }))
            : [{ label: 'No recent notebooks', enabled: false }],
        },
        { type: 'separator' },
        cmd('Share Notebook…', 'share-notebook'),
        cmd('Join Shared Notebook…', 'join-notebook'),
        cmd('Sync Now', 'sync-now'),
        cmd('Sync Conflicts', 'show-conflicts'),
        cmd('Compare Coders…', 'compare-coders'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The renderer decides: in a text field these undo typing; elsewhere they undo notebook changes.
        { ...cmd(undo.undo ?? 'Undo', 'undo', 'CmdOrCtrl+Z') },
        { ...cmd(undo.redo ?? 'Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Shift+Z') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        cmd('Show the Trash', 'show-trash'),
      ],
    },
    {
      label: '&View',
      submenu: [
        cmd('Quick Open…', 'quick-open', 'CmdOrCtrl+K'),
        cmd('Search', 'focus-search', 'CmdOrCtrl+F'),
        cmd('Toggle Note Preview', 'toggle-preview', 'CmdOrCtrl+E'),
        cmd('Graph View', 'graph-view', 'CmdOrCtrl+G'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
