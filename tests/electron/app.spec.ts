// Desktop e2e: runs wherever an Electron binary exists (e.g. the GitHub workflow); elsewhere every test
// here is skipped with the reason printed.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../..');
const pathFile = join(repo, 'node_modules', 'electron', 'path.txt');
const binary = existsSync(pathFile)
  ? join(repo, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim())
  : null;
const skipReason = 'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); desktop e2e skipped.';
if (!binary || !existsSync(binary)) console.log(`electron e2e: ${skipReason}`);

test.describe('desktop app', () => {
  test.skip(!binary || !existsSync(binary), skipReason);

  let app: ElectronApplication;
  let home: string;

  test.beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'quire-electron-'));
    app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [join(repo, 'out', 'main', 'index.js')],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), QUIRE_NOTEBOOK: join(home, 'nb') },
    });
  });
  test.afterEach(async () => {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('opens one window with the secure webPreferences', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Quire/);
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0];
      const p = w?.webContents.getLastWebPreferences();
      return p && { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  });

  test('refuses to open new windows or navigate away', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => window.open('https://example.org'));
    expect(app.windows()).toHaveLength(1);
  });

  test('imports a seed file through the preload API', async () => {
    const page = await app.firstWindow();
    const seed = resolve(repo, '../shared/corpus/seeds/000_07f86e086a543867.txt');
    const report = await page.evaluate(
      (path) => (window as unknown as { quire: { api: { importPaths(i: { paths: string[] }): Promise<unknown> } } }).quire.api.importPaths({ paths: [path] }),
      seed,
    );
    expect(report).toMatchObject({ ok: true, value: { imported: [{ title: 'The Ties of Myanmar with Russia' }] } });
  });
});
