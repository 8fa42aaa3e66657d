// Desktop e2e: runs wherever an Electron binary exists (e.g. the GitHub workflow); elsewhere every test
// here is skipped with the reason printed.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary, mainEntry, repo, skipReason } from './electron-binary';

test.describe('desktop app', () => {
  test.skip(!electronBinary, skipReason);

  let app: ElectronApplication;
  let home: string;

  test.beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'quire-electron-'));
    app = await electron.launch({
      executablePath: electronBinary ?? undefined,
      args: [mainEntry],
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        QUIRE_NOTEBOOK: join(home, 'nb'),
      },
    });
  });
  test.afterEach(async () => {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('opens one window; the page has no Node, only the typed bridge', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Quire/);
    // No Node in the page (nodeIntegration off, context isolated); only the typed bridge is there.
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { quire?: object }).quire ?? {}).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['api', 'desktop', 'on'] });
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
      (path) =>
        (
          window as unknown as { quire: { api: { importPaths(i: { paths: string[] }): Promise<unknown> } } }
        ).quire.api.importPaths({ paths: [path] }),
      seed,
    );
    expect(report).toMatchObject({
      ok: true,
      value: { imported: [{ title: 'The Ties of Myanmar with Russia' }] },
    });
  });
});
