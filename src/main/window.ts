import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeExternalUrl } from './core/app/external-links';
import { secureWebPreferences } from './web-preferences';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

export function isOwnRendererUrl(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  try {
    return new URL(url).protocol === 'file:' && fileURLToPath(url) === rendererIndex;
  } catch {
    return false;
  }
}

export function isTrustedSender(sender: WebContents, frameUrl: string): boolean {
  return BrowserWindow.fromWebContents(sender) !== null && isOwnRendererUrl(frameUrl);
}

/** Deny every permission request (camera, notifications, …): a notebook needs none. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(title: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 720,
    minHeight: 480,
    title,
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());

  // Links inside notes open in the system browser only through the confirmed openExternal path;
  // the window itself never navigates and never opens new windows.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnRendererUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

export async function openExternalSafely(
  url: string,
  confirm: (url: string) => Promise<boolean>,
): Promise<boolean> {
  const safe = safeExternalUrl(url);
  if (!safe || !(await confirm(safe))) return false;
  await shell.openExternal(safe);
  return true;
}
