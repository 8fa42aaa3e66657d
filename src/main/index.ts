// Electron main process: lifecycle only. Everything the app does lives in ./core, shared with the CLI
// and browser mode; this file wires windows, menus and IPC to it.
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { homedir } from 'node:os';
import { createServices } from './core/app/create';
import { syncWhenOpened, useCredentialStore } from './core/sync/host';
import { SafeStorageCredentialStore } from './sync-credentials';
import { resolveNotebookDir, userDataDir } from './core/app/paths';
import { APP_VERSION } from './core/app/version';
import { toApiError } from './core/errors';
import type { UndoState } from './core/api-contract';
import { extractorBeside } from './core/import/extract-pool';
import { rebuildWorkerBeside } from './core/search/rebuild';
import { EVENT_CHANNEL } from './channels';
import { registerDesktopIpc } from './desktop-ipc';
import { registerIpc } from './ipc';
import {
  notebookArgument,
  secondLaunchNotebook,
  startupNotebooks,
  type SecondLaunch,
} from './launch-notebook';
import { buildMenu } from './menu';
import { createMainWindow, devServerUrl, isTrustedSender, lockDownSession } from './window';
import { readWindowState, windowStateFile, writeWindowState } from './window-state-file';

const platform = { platform: process.platform, env: process.env, home: homedir() };
/** A notebook folder given on the command line: `Quire ~/Research/Myanmar`. */
const requested = notebookArgument(process.argv, process.defaultApp === true, process.cwd());

// One writer per notebook: a second launch hands its notebook (if it names one) to the running app and quits.
if (!app.requestSingleInstanceLock({ notebook: requested } satisfies SecondLaunch)) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  await app.whenReady();
  lockDownSession();
  const dataDir = userDataDir(platform);
  const services = createServices({
    appVersion: APP_VERSION,
    userDataDir: dataDir,
    // Imports extract in worker threads (out/main/extract-worker.js) so the window stays responsive.
    extractor: extractorBeside(import.meta.url),
    // A missing or damaged search index is rebuilt in out/main/rebuild-worker.js while the window answers.
    rebuildWorker: rebuildWorkerBeside(import.meta.url),
  });
  const { core, events } = services;
  useCredentialStore(core, new SafeStorageCredentialStore(dataDir));
  syncWhenOpened(services);

  registerIpc(services.api, isTrustedSender);
  registerDesktopIpc(isTrustedSender);
  events.subscribe((name, payload) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });

  await openInitialNotebook();
  const stateFile = windowStateFile(dataDir);
  const win = createMainWindow(windowTitle(), readWindowState(stateFile), (state) => {
    try {
      writeWindowState(stateFile, state);
    } catch {
      // Where the window was is a convenience: a read-only profile folder must not stop the app.
    }
  });

  const openNotebook = (path: string) =>
    void core.open(path, { create: false }).catch((e) => showError(`Could not open the notebook ${path}`, e));

  // The title and the File > Open Recent list follow the open notebook, however it was opened.
  let undo: UndoState = { undo: null, redo: null };
  const refreshChrome = async () => {
    win.setTitle(windowTitle());
    const recent = await core.recent.list();
    Menu.setApplicationMenu(
      buildMenu(
        recent,
        { command: (id) => events.emit('command', { id }), openRecent: openNotebook },
        { isMac: process.platform === 'darwin', devTools: devServerUrl !== null, undo },
      ),
    );
  };
  events.subscribe((name, payload) => {
    if (name === 'notebook') {
      undo = core.session().undoState();
      void refreshChrome();
    } else if (name === 'committed' && 'undo' in payload) {
      // The Edit menu names what Undo and Redo would do; rebuilt only when that changes.
      if (payload.undo.undo === undo.undo && payload.undo.redo === undo.redo) return;
      undo = payload.undo;
      void refreshChrome();
    }
  });
  await refreshChrome();

  app.on('second-instance', (_event, _argv, _cwd, data) => {
    if (win.isMinimized()) win.restore();
    win.focus();
    const notebook = secondLaunchNotebook(data);
    if (notebook) openNotebook(notebook);
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

  /** The notebook named on the command line, else QUIRE_NOTEBOOK, else the last one, else the default. */
  async function openInitialNotebook(): Promise<void> {
    const choices = startupNotebooks({
      argument: requested,
      environment: platform.env.QUIRE_NOTEBOOK,
      last: (await core.recent.list())[0]?.path,
      standard: resolveNotebookDir(platform, undefined),
    });
    for (const [i, choice] of choices.entries()) {
      try {
        await core.open(choice.path, { create: choice.create });
        return;
      } catch (e) {
        const next = choices[i + 1];
        showError(`Could not open ${choice.path}${next ? `; opening ${next.path} instead` : ''}`, e);
      }
    }
  }
}

function showError(title: string, e: unknown): void {
  dialog.showErrorBox(title, toApiError(e).message);
}
