import { BrowserWindow, dialog, ipcMain, type WebContents } from 'electron';
import { DESKTOP_CHANNELS } from './channels';
import { openExternalSafely } from './window';

/** Native dialogs and external links: the only desktop-only calls, each behind the same sender check. */
export function registerDesktopIpc(
  isTrustedSender: (sender: WebContents, frameUrl: string) => boolean,
): void {
  const guard =
    <A extends unknown[], R>(fallback: R, fn: (win: BrowserWindow, ...args: A) => Promise<R>) =>
    async (event: Electron.IpcMainInvokeEvent, ...args: A): Promise<R> => {
      const win = BrowserWindow.fromWebContents(event.sender);
      if (!win || !isTrustedSender(event.sender, event.senderFrame?.url ?? '')) return fallback;
      return fn(win, ...args);
    };

  ipcMain.handle(
    DESKTOP_CHANNELS.pickImportPaths,
    guard([] as string[], async (win, kind: unknown) => {
      const folder = kind === 'folder';
      const result = await dialog.showOpenDialog(win, {
        title: folder ? 'Import a folder of articles' : 'Import articles',
        buttonLabel: 'Import',
        properties: folder ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        filters: folder
          ? []
          : [{ name: 'Articles', extensions: ['txt', 'text', 'md', 'markdown', 'html', 'htm', 'xhtml'] }],
      });
      return result.canceled ? [] : result.filePaths;
    }),
  );

  ipcMain.handle(
    DESKTOP_CHANNELS.pickFolder,
    guard(null as string | null, async (win, purpose: unknown) => {
      const titles: Record<string, [string, string]> = {
        export: ['Export to a folder', 'Export here'],
        'import-notes': ['Import an Obsidian vault or a folder of Markdown notes', 'Import'],
        'open-notebook': ['Open a notebook folder', 'Open'],
        'new-notebook': ['Choose an empty folder for the new notebook', 'Create notebook'],
      };
      const [title, buttonLabel] = titles[String(purpose)] ?? ['Choose a folder', 'Choose'];
      const result = await dialog.showOpenDialog(win, {
        title,
        buttonLabel,
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }),
  );

  // Extensions arrive from the renderer: only plain short words reach the dialog's filter.
  const extensionsOf = (value: unknown): string[] =>
    (Array.isArray(value) ? value : [value]).map(String).filter((e) => /^[a-z0-9]{1,10}$/i.test(e));

  ipcMain.handle(
    DESKTOP_CHANNELS.pickSaveFile,
    guard(null as string | null, async (win, defaultName: unknown, extension: unknown) => {
      const result = await dialog.showSaveDialog(win, {
        title: 'Export',
        buttonLabel: 'Export',
        defaultPath: String(defaultName).replace(/[/\\]/g, '-').slice(0, 200),
        filters: [{ name: String(extension).toUpperCase(), extensions: extensionsOf(extension) }],
      });
      return result.canceled ? null : (result.filePath ?? null);
    }),
  );

  ipcMain.handle(
    DESKTOP_CHANNELS.pickOpenFile,
    guard(null as string | null, async (win, title: unknown, extensions: unknown) => {
      const result = await dialog.showOpenDialog(win, {
        title: String(title).slice(0, 200),
        buttonLabel: 'Import',
        properties: ['openFile'],
        filters: [{ name: 'Files', extensions: extensionsOf(extensions) }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }),
  );

  ipcMain.handle(
    DESKTOP_CHANNELS.openExternal,
    guard(false, async (win, url: unknown) =>
      openExternalSafely(String(url), async (safe) => {
        const { response } = await dialog.showMessageBox(win, {
          type: 'question',
          buttons: ['Open in browser', 'Cancel'],
          defaultId: 0,
          cancelId: 1,
          message: 'Open this link in your web browser?',
          detail: safe,
        });
        return response === 0;
      }),
    ),
  );
}
