// The researcher's whole loop in browser mode: import, search, read, tag, write linked notes, cite, export.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, seedsDir, test } from './fixtures';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

test('import, search, tag, link, cite and export', async ({ quire, page, served }) => {
  await quire.importFiles(seeds);
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(2);
  await quire.closeImportReport();
  await expect(quire.articleRow(ties)).toBeVisible();
  await expect(quire.articleRow(visit)).toBeVisible();

  // A typo still finds Fomin, and the reader opens at the passage with the term marked.
  await quire.search('Fomen');
  const hit = quire.searchHits.filter({ has: page.locator('mark', { hasText: /^fomin$/i }) }).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(quire.reader.body.locator('mark', { hasText: /^fomin$/i }).first()).toBeInViewport();

  // The last query survives a reload (and the token survives it too).
  await page.reload();
  await expect(quire.searchField).toHaveValue('Fomen');

  // Tag a sentence.
  await quire.openArticle(ties);
  await quire.reader.tagSelection(jets, ['arms-trade']);
  await expect(quire.reader.highlight(jets)).toHaveText(jets);
  await expect(quire.sidebarTag('arms-trade')).toContainText('1');
  await quire.sidebarTag('arms-trade').click();
  await expect(quire.taggedPassages).toHaveCount(1);
  await expect(quire.taggedPassages.first()).toContainText(ties);
  await expect(quire.taggedPassages.first()).toContainText(jets);

  // A note that links a note that does not exist yet; create it from the unresolved link.
  await quire.showNotes();
  await quire.notes.create('Russia ties');
  await quire.notes.write('Moscow sells, Naypyidaw buys. See [[Arms deals]].\n');
  await expect(quire.notes.unresolved).toContainText('Arms deals');
  await quire.notes.unresolved.getByRole('button', { name: 'Create note Arms deals' }).click();
  await expect(quire.notes.title).toHaveText('Arms deals');
  await expect(quire.notes.backlinks.filter({ hasText: 'Russia ties' })).toContainText('link');

  // Cite the highlight into "Russia ties" from the reader.
  await quire.openArticle(ties);
  await quire.reader.highlight(jets).click();
  await quire.reader.popover.getByRole('button', { name: 'Cite in note' }).click();
  const cite = page.getByRole('dialog', { name: 'Cite in note' });
  await cite.getByRole('button', { name: 'Russia ties' }).click();
  await expect(cite).toBeHidden();
  await expect(quire.reader.backlinks.filter({ hasText: 'Russia ties' })).toContainText('citation');

  // The note shows the citation; the preview renders the wikilink as an internal link.
  await quire.showNotes();
  await quire.notes.open('Russia ties');
  await expect(quire.notes.editor.locator('[data-href^="quire://article/"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('.preview').getByRole('link', { name: 'Arms deals' }).click();
  await expect(quire.notes.title).toHaveText('Arms deals');

  // Export: the zip download holds Markdown with front matter, the wikilink and the citation.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Markdown' }).click();
  const download = await downloading;
  const zipPath = join(served.workDir, 'export.zip');
  await download.saveAs(zipPath);
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));
  const name = Object.keys(files).find((f) => f.endsWith('Russia ties.md'));
  expect(name, `files in zip: ${Object.keys(files).join(', ')}`).toBeDefined();
  const md = strFromU8(files[name ?? ''] ?? new Uint8Array());
  expect(md).toMatch(/^---\n[\s\S]*title: "?Russia ties"?\n[\s\S]*---\n/);
  expect(md).toContain('[[Arms deals]]');
  expect(md).toMatch(/^> .*Myanmar ordered six Sukhoi/m);
  expect(md).toContain(ties);
});

test('quick switcher opens an article by a mistyped title', async ({ quire, page }) => {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  const dialog = await quire.quickOpen('tyes of myanmar');
  await expect(dialog.getByRole('option').filter({ hasText: ties }).first()).toBeVisible();
  await expect(dialog.getByRole('option').first()).toContainText(ties);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(quire.reader.title).toHaveText(ties);
});

test('a file that cannot be imported is reported with a reason while the rest import', async ({
  quire,
  served,
}) => {
  const empty = join(served.workDir, 'empty-notes.txt');
  await writeFile(empty, '');
  await quire.importFiles([seeds[0] ?? '', empty]);
  const failed = quire.importReport.getByTestId('import-failed');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('empty-notes.txt');
  await expect(failed.locator('.reason')).toHaveText(/\w+/);
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(1);
  await quire.closeImportReport();
  await expect(quire.articleRow(ties)).toBeVisible();
});

test('the browser tab shows Quire’s icon', async ({ quire }) => {
  const page = quire.page;
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('./favicon.svg');
  const icon = await page.request.get(new URL(href ?? '', page.url()).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
});
