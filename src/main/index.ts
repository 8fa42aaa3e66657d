// Electron main process: lifecycle only. Everything the app does lives in ./core, shared with the CLI
// and browser mode; this file wires windows, menus and IPC to it.
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { homedir } from 'node:os';
import { createServices } from './core/app/create';
import { resolveNotebookDir, userDataDir } from './core/app/paths';
import { APP_VERSION } from './core/app/version';
import { toApiError } from './core/errors';
import { extractorBeside } from './core/import/extract-pool';
import { rebuildWorkerBeside } from './core/search/rebuild';
import { EVENT_CHANNEL } from './channels';
import { registerDesktopIpc } from './desktop-ipc';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { createMainWindow, isTrustedSender, lockDownSession } from './window';

const platform = { platform: process.platform, env: process.env, home: homedir() };

if (!app.requestSingleInstanceLock()) {
  // One writer per notebook: a second launch focuses the first window instead.
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  await app.whenReady();
  lockDownSession();
  const services = createServices({
    appVersion: APP_VERSION,
    userDataDir: userDataDir(platform),
    // Imports extract in worker threads (out/main/extract-worker.js) so the window stays responsive.
    extractor: extractorBeside(import.meta.url),
    // A missing or damaged search index is rebuilt in out/main/rebuild-worker.js while the window answers.
    rebuildWorker: rebuildWorkerBeside(import.meta.url),
  });
  const { core, events } = services;

  registerIpc(services.api, isTrustedSender);
  registerDesktopIpc(isTrustedSender);
  events.subscribe((name, payload) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });

  await openInitialNotebook();
  const win = createMainWindow(windowTitle());

  const refreshChrome = async () => {
    win.setTitle(windowTitle());
    const recent = await core.recent.list();
    Menu.setApplicationMenu(
      buildMenu(
        recent,
        {
          command: (id) => events.emit('command', { id }),
          openRecent: (path) =>
            void core.open(path, { create: false }).catch((e) => showError('Could not open the notebook', e)),
        },
        process.platform === 'darwin',
      ),
    );
  };
  events.subscribe((name) => {
    if (name === 'notebook') void refreshChrome();
  });
  await refreshChrome();

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    // Release the notebook lock and flush the search cache before leaving.
    void core.close().finally(() => app.quit());
  });

  function windowTitle(): string {
    try {
      return `${core.info().name} — Quire`;
    } catch {
      return 'Quire';
    }
  }

  /** Reopen the last notebook; if that fails, say why and fall back to the default one. */
  async function openInitialNotebook(): Promise<void> {
    const last = (await core.recent.list())[0]?.path;
    const fallback = resolveNotebookDir(platform, undefined);
    if (last && last !== fallback) {
      try {
        await core.open(last, { create: false });
        return;
      } catch (e) {
        showError(`Could not reopen ${last}; opening the default notebook instead`, e);
      }
    }
    try {
      await core.open(fallback, { create: true });
    } catch (e) {
      showError('Could not open the default notebook', e);
    }
  }
}

function showError(title: string, e: unknown): void {
  dialog.showErrorBox(title, toApiError(e).message);
}
