// Desktop e2e across a restart: the window comes back where it was, with the notebook that was open.
// Runs wherever an Electron runtime is installed; elsewhere it is skipped with the reason printed.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, mainEntry, skipReason } from './electron-binary';

test.describe('desktop app across a restart', () => {
  test.skip(!electronBinary, skipReason);

  let home = '';
  test.afterEach(() => rmSync(home, { recursive: true, force: true }));

  // No QUIRE_NOTEBOOK: the app chooses the notebook itself, as it does for a person.
  const { QUIRE_NOTEBOOK: _unset, ...env } = process.env;
  const launch = (): Promise<ElectronApplication> =>
    electron.launch({
      executablePath: electronBinary ?? undefined,
      args: [mainEntry],
      env: {
        ...env,
        HOME: home,
        USERPROFILE: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        APPDATA: join(home, 'AppData', 'Roaming'),
      },
    });
  /** Quire's user data folder under the test's home (as src/main/core/app/paths.ts computes it). */
  const userData = () =>
    process.platform === 'win32'
      ? join(home, 'AppData', 'Roaming', 'Quire')
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'Quire')
        : join(home, 'config', 'Quire');
  const mainWindow = (app: ElectronApplication) =>
    app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      return win
        ? { bounds: win.getNormalBounds(), maximized: win.isMaximized(), title: win.getTitle() }
        : null;
    });

  test('reopens the window at its size and place, and the notebook that was open', async () => {
    home = mkdtempSync(join(tmpdir(), 'quire-restart-'));
    const other = join(home, 'Field notes');

    let app = await launch();
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 30, width: 900, height: 640 }),
    );
    const opened = await page.evaluate(
      (path) =>
        (
          window as unknown as {
            quire: { api: { notebookOpen(i: { path: string; create: boolean }): Promise<{ ok: boolean }> } };
          }
        ).quire.api.notebookOpen({ path, create: true }),
      other,
    );
    expect(opened.ok).toBe(true);
    await app.close();
    const stateFile = join(userData(), 'window-state.json');
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({
      width: 900,
      height: 640,
      maximized: false,
    });

    app = await launch();
    await app.firstWindow();
    await expect.poll(() => mainWindow(app).then((w) => w?.title)).toContain('Field notes');
    const reopened = await mainWindow(app);
    expect(reopened?.bounds).toMatchObject({ width: 900, height: 640 });
    // A window manager may nudge the position by its decorations; the window still comes back where it was.
    expect(Math.abs((reopened?.bounds.x ?? 0) - 40)).toBeLessThanOrEqual(40);
    expect(Math.abs((reopened?.bounds.y ?? 0) - 30)).toBeLessThanOrEqual(40);
    await app.close();
  });
});
