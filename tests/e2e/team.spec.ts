// Sharing a notebook from the UI: File > Share notebook… against a CouchDB-protocol server on 127.0.0.1, the top
// bar saying where sync stands in words, plain http to another machine refused in the dialog, and the Conflicts view.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { expect, repoRoot, seedsDir, test } from './fixtures';

let couch: ChildProcess | null = null;
let couchUrl = '';

test.beforeAll(async () => {
  couch = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/test-couch.ts')], {
    cwd: repoRoot,
  });
  couchUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: couch!.stdout! }).once('line', (l) => resolve(l.trim()));
    couch!.once('exit', (code) => reject(new Error(`the test CouchDB server exited (${code})`)));
  });
});
test.afterAll(() => {
  couch?.kill('SIGTERM');
});

async function command(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Quick open' });
  await palette.getByRole('combobox').fill(name);
  await palette.getByText(name, { exact: true }).click();
}

test('share a notebook: refused over plain http to another machine, then "Synced" in the top bar', async ({
  quire,
  page,
}) => {
  await quire.importFiles([join(seedsDir, '000_07f86e086a543867.txt')]);
  await quire.closeImportReport();

  await command(page, 'Share notebook…');
  const dialog = page.getByRole('dialog', { name: 'Share this notebook' });
  await dialog.getByLabel('Server', { exact: true }).fill('http://couch.example.org');
  await dialog.getByLabel('Database').fill('team');
  await dialog.getByLabel('Your name in this notebook').fill('Ana');
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog.getByRole('alert')).toContainText('over plain http');

  await dialog.getByLabel('Server', { exact: true }).fill(couchUrl);
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Sync' })).toContainText('Synced');

  await command(page, 'Show sync conflicts');
  await expect(page.getByText('No conflicts: every machine agrees.')).toBeVisible();
});
