// Everything leaves and comes back in, from the UI in browser mode: the Obsidian vault as a zip, a REFI-QDA
// project exported and imported into a new notebook, and a BibTeX file that corrects two articles.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, seedsDir, test } from './fixtures';
import type { QuirePage } from './pages/quire-page';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

async function coded(quire: QuirePage): Promise<void> {
  await quire.importFiles(seeds);
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(2);
  await quire.closeImportReport();
  await quire.openArticle(ties);
  await quire.reader.tagSelection(jets, ['arms-trade']);
  await expect(quire.reader.highlight(jets)).toHaveText(jets);
}

/** Export → format → Export, and the browser's download saved under `name`. */
async function exportAs(page: Page, format: string, file: string): Promise<string> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: format }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  await download.saveAs(file);
  await expect(dialog).toBeHidden();
  return download.suggestedFilename();
}

async function importFrom(page: Page, entry: string | RegExp, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: entry }).click();
  await (await choosing).setFiles(file);
}

test('exports the Obsidian vault as a zip with article pages, blocks, tags and notes', async ({
  quire,
  page,
  served,
}) => {
  await coded(quire);
  const zipPath = join(served.workDir, 'vault.zip');
  expect(await exportAs(page, 'Obsidian vault', zipPath)).toMatch(/vault .*\.zip$/);
  const zip = unzipSync(new Uint8Array(await readFile(zipPath)));
  const page1 = strFromU8(zip[`Articles/${ties}.md`] ?? new Uint8Array());
  expect(page1).toMatch(/^---\ntitle: "The Ties of Myanmar with Russia"/);
  expect(page1).toContain('## Highlights');
  expect(page1).toContain(`> ${jets}`);
  expect(page1).toContain('#arms-trade');
  const block = /\[\[The Ties of Myanmar with Russia#\^([\w-]+)\|/.exec(page1)?.[1] ?? 'none';
  expect(page1).toContain(` ^${block}`);
  expect(strFromU8(zip['Tags/arms-trade.md'] ?? new Uint8Array())).toContain(jets);
  // Only the coded article has a page by default.
  expect(Object.keys(zip).filter((k) => k.startsWith('Articles/'))).toHaveLength(1);
});

test('exports a REFI-QDA project and imports it into a new notebook', async ({ quire, page, served }) => {
  await coded(quire);
  const qdpx = join(served.workDir, 'project.qdpx');
  expect(await exportAs(page, 'REFI-QDA project (.qdpx)', qdpx)).toMatch(/\.qdpx$/);

  await importFrom(page, /REFI-QDA project/, qdpx);
  const where = page.getByRole('dialog', { name: 'Import a REFI-QDA project' });
  await where.getByRole('button', { name: 'A new notebook…' }).click();
  const folder = page.getByRole('dialog', { name: 'New notebook for the project' });
  await folder.getByRole('textbox').fill(join(served.workDir, 'from-project'));
  await folder.getByRole('button', { name: 'Import' }).click();
  const report = page.getByRole('dialog', { name: 'Project imported' });
  await expect(report.getByTestId('exchange-summary')).toContainText('Imported 2 articles');
  await report.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('button', { name: /^Notebook: from-project/ })).toBeVisible();
  await expect(quire.articleRow(ties)).toBeVisible();
  await expect(quire.articleRow(visit)).toBeVisible();
  await quire.openArticle(ties);
  await expect(quire.reader.highlight(jets)).toHaveText(jets);
  await expect(quire.sidebarTag('arms-trade')).toContainText('1');
});

test('a BibTeX file corrects two articles, reported per item', async ({ quire, page, served }) => {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  const bib = join(served.workDir, 'zotero.bib');
  await writeFile(
    bib,
    `@article{fomin2019, title={${ties}}, author={Fomin, Vladimir}, journaltitle={The Irrawaddy}, date={2019-03-04}}
@article{visit2021, title={${visit}}, author={Roe, Jane}, date={2021-06-20}}
@article{other, title={A paper Quire does not hold}}
`,
  );
  await importFrom(page, /References/, bib);
  const report = page.getByRole('dialog', { name: 'References imported' });
  await expect(report.getByTestId('exchange-summary')).toHaveText(
    '3 references in “zotero.bib”: 2 articles updated, 1 matched no article.',
  );
  await expect(report.getByTestId('exchange-line')).toHaveCount(3);
  await report.getByRole('button', { name: 'Close' }).click();
  await quire.openArticle(ties);
  await expect(quire.reader.detail('Author')).toContainText('Vladimir Fomin');
  await quire.openArticle(visit);
  await expect(quire.reader.detail('Author')).toContainText('Jane Roe');
});
