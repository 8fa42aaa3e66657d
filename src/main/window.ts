import { app, BrowserWindow, nativeTheme, screen, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeExternalUrl } from './core/app/external-links';
import { devRendererUrl } from './renderer-source';
import { windowBackground } from './theme';
import { MIN_SIZE, placeWindow, windowState, type WindowState } from './window-state';
import { secureWebPreferences } from './web-preferences';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
/** The dev server, in `electron-vite dev` only; null means the built page on disk. */
export const devServerUrl = devRendererUrl({
  packaged: app.isPackaged,
  devBuild: import.meta.env.DEV,
  url: process.env.ELECTRON_RENDERER_URL,
});

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

/**
 * The main window, where it was when it last closed (`saved`; moved onto a display that is still there), painted
 * in the OS theme's background until the page shows. `remember` gets its state whenever it moves, resizes or closes.
 */
export function createMainWindow(
  title: string,
  saved: WindowState | null,
  remember: (state: WindowState) => void,
): BrowserWindow {
  const placement = placeWindow(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const win = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title,
    show: false,
    backgroundColor: windowBackground(nativeTheme.shouldUseDarkColors),
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  rememberPlacement(win, remember);
  // The page follows the OS theme through prefers-color-scheme; the window's own background follows it too.
  const onThemeChange = () => win.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors));
  nativeTheme.on('updated', onThemeChange);
  win.once('closed', () => nativeTheme.off('updated', onThemeChange));

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

/** Reports the window's state half a second after it settles, and at once when it closes. */
function rememberPlacement(win: BrowserWindow, remember: (state: WindowState) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const current = () => windowState(win.getNormalBounds(), win.isMaximized());
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => remember(current()), 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    clearTimeout(timer);
    remember(current());
  });
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
