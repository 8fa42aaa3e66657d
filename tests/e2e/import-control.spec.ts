// The researcher stays in control of what the importer kept: a hostile folder reports every refusal with a
// reason, metadata edits survive re-extraction, and a dropped block can be restored and dropped again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, generateCorpus, seedsDir, test } from './fixtures';

const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
// A related-post teaser in seed 003: chrome the extractor drops, and a unique line of the page.
const teaser = 'Regime-linked businessmen are set to cash in on deals';

interface HostileEntry {
  file: string;
  what: string;
  expect: string;
}

test('a folder with hostile files: every refusal has a reason and the rest import', async ({
  quire,
  page,
  served,
}) => {
  const dir = join(served.workDir, 'corpus');
  generateCorpus(dir, 3, { hostile: true });
  const hostile = JSON.parse(await readFile(join(dir, 'hostile/manifest.json'), 'utf8')) as HostileEntry[];
  const articles = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { file: string }[];
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await page.locator('#import-folder-input').setInputFiles(dir);
  await expect(quire.importReport).toBeVisible({ timeout: 60_000 });
  const failed = quire.importReport.getByTestId('import-failed');
  const landed = quire.importReport.locator('[data-testid=import-imported], [data-testid=import-duplicate]');

  for (const h of hostile.filter((e) => e.expect.startsWith('refuse'))) {
    const row = failed.filter({ hasText: h.file });
    await expect(row, `${h.file} (${h.what}) is refused`).toHaveCount(1);
    await expect(row.locator('.reason'), `${h.file} has a reason`).toHaveText(/\w{3,}/);
  }
  for (const h of hostile.filter((e) => e.expect.startsWith('import'))) {
    await expect(landed.filter({ hasText: h.file }), `${h.file} (${h.what}) is imported`).not.toHaveCount(0);
  }
  for (const a of articles) {
    await expect(quire.importReport.getByTestId('import-imported').filter({ hasText: a.file })).toHaveCount(
      1,
    );
  }
  await quire.closeImportReport();
  expect(dialogs, 'no script from an imported file ran').toEqual([]);
});

test('edited metadata is validated inline and survives re-extraction', async ({ quire, page }) => {
  await quire.importFiles([join(seedsDir, '000_07f86e086a543867.txt')]);
  await quire.closeImportReport();
  await quire.openArticle(ties);
  const { reader } = quire;

  // Escape cancels without saving.
  await reader.title.click();
  await page.keyboard.press('e');
  await expect(reader.metaForm).toBeVisible();
  await reader.metaForm.getByRole('textbox', { name: 'Title' }).fill('Something else');
  await page.keyboard.press('Escape');
  await expect(reader.metaForm).toBeHidden();
  await expect(reader.title).toHaveText(ties);

  // A malformed date is refused inline; the form stays open with what was typed.
  await reader.openMetaForm();
  await reader.metaForm.getByRole('textbox', { name: 'Author' }).fill('Aung Naing Oo');
  const date = reader.metaForm.getByRole('textbox', { name: 'Date' });
  await date.fill('24/06/2017');
  await reader.metaForm.getByRole('button', { name: 'Save' }).click();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(reader.metaForm).toContainText('YYYY-MM-DD');
  await expect(reader.metaForm.getByRole('textbox', { name: 'Author' })).toHaveValue('Aung Naing Oo');
  await date.fill('2017-06-24');
  await reader.metaForm.getByRole('button', { name: 'Save' }).click();
  await expect(reader.metaForm).toBeHidden();
  await expect(reader.detail('Author')).toContainText('Aung Naing Oo');
  await expect(reader.detail('Author')).toContainText('edited');
  await expect(reader.detail('Date')).toContainText('2017-06-24');

  // Re-extraction keeps the researcher's values.
  await reader.reextract();
  await expect(page.getByRole('status').getByText(/^Article updated/)).toBeVisible();
  await expect(reader.title).toHaveText(ties);
  await expect(reader.detail('Author')).toContainText('Aung Naing Oo');
  await expect(reader.detail('Date')).toContainText('2017-06-24');

  // Reset hands the field back to the extractor (which found no author on this page).
  await reader.detail('Author').getByRole('button', { name: 'Reset author to extracted' }).click();
  await expect(page.locator('article.reader dl.meta')).not.toContainText('Aung Naing Oo');
  await expect(reader.detail('Date')).toContainText('edited');
});

test('a dropped block can be restored into the text and dropped again; its highlight is kept', async ({
  quire,
  page,
}) => {
  await quire.importFiles([join(seedsDir, '003_0bc413b256a4f06c.txt')]);
  await quire.closeImportReport();
  await quire.openArticle(visit);
  const { reader } = quire;
  await expect(reader.passage('Alexander Fomin').first()).toBeVisible();
  await expect(reader.body).not.toContainText(teaser);

  await reader.showBlocks();
  const block = reader.block(teaser);
  await expect(block).toHaveCount(1);
  await expect(block).toContainText('dropped');
  await block.getByRole('button', { name: 'Restore block' }).click();
  await expect(page.getByRole('status').getByText(/^Article updated/)).toBeVisible();
  await expect(block.getByRole('button', { name: 'Drop block' })).toBeVisible();
  await expect(block).toContainText('your choice');

  await reader.hideOriginal();
  await expect(reader.passage(teaser)).toBeVisible();
  await reader.tagSelection(teaser, ['cronies']);
  await expect(reader.highlight(teaser)).toHaveText(teaser);

  // Dropping it again takes it out of the text; the highlight on it is shown, not lost.
  await reader.showBlocks();
  await block.getByRole('button', { name: 'Drop block' }).click();
  await expect(
    page.getByRole('status').getByText('Article updated; 1 highlight could not be placed.'),
  ).toBeVisible();
  await expect(block.getByRole('button', { name: 'Restore block' })).toBeVisible();
  await reader.hideOriginal();
  await expect(reader.body).not.toContainText(teaser);
  const orphans = page.getByRole('region', { name: 'Highlights that could not be placed' });
  await expect(orphans).toContainText('1 highlight could not be placed in the new text');
  await expect(orphans.getByTestId('orphaned-highlight')).toContainText(teaser);
  await expect(orphans.getByTestId('orphaned-highlight')).toContainText('cronies');

  await quire.sidebarTag('cronies').click();
  await expect(quire.taggedPassages).toHaveCount(1);
  await expect(quire.taggedPassages.first()).toContainText('orphaned');

  await orphans.getByRole('button', { name: /^Delete highlight/ }).click();
  await expect(orphans).toBeHidden();
  await expect(quire.taggedPassages).toHaveCount(0);
});
