// axe-core on the screens a researcher spends the day in, in light and in dark: no serious or critical
// violation. Each state is reached the way a person reaches it; the report names every offending node.
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, seedsDir, test } from './fixtures';
import type { QuirePage } from './pages/quire-page';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';
const overlapping = 'six Sukhoi Su-30SM fighter jets in a contract';

/** The serious and critical violations on the page as it is now, one line per node. */
async function seriousViolations(page: Page, { exclude }: { exclude?: string } = {}): Promise<string[]> {
  // label-content-name-mismatch is one of axe's experimental rules (off by default); issue 9 counts it.
  const axe = new AxeBuilder({ page }).options({
    rules: { 'label-content-name-mismatch': { enabled: true } },
  });
  if (exclude) axe.exclude(exclude);
  const { violations } = await axe.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    );
}

async function withSeeds(quire: QuirePage): Promise<void> {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('library', async ({ quire }) => {
      await withSeeds(quire);
      await expect(quire.articleRow(ties)).toBeVisible();
      expect(await seriousViolations(quire.page)).toEqual([]);
    });

    test('search results', async ({ quire }) => {
      await withSeeds(quire);
      await quire.searchPanel.search('deputy');
      await expect(quire.searchPanel.hits.first()).toBeVisible();
      expect(await seriousViolations(quire.page)).toEqual([]);
    });

    test('palette', async ({ quire }) => {
      await withSeeds(quire);
      const dialog = await quire.quickOpen('russia');
      await expect(dialog.getByRole('option').first()).toBeVisible();
      expect(await seriousViolations(quire.page)).toEqual([]);
    });

    test('note editor', async ({ quire, page }) => {
      await quire.showNotes();
      await quire.notes.create('Arms deals');
      await quire.notes.create('Russia ties');
      await quire.notes.write('Moscow sells, Naypyidaw buys. See [[Arms deals]] and [[Shan State]].\n');
      await quire.notes.open('Arms deals');
      await expect(quire.notes.backlinks).toHaveCount(1);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('reader with overlapping highlights, around the highlights', async ({ quire, page }) => {
      await withSeeds(quire);
      await quire.openArticle(ties);
      await quire.reader.tagSelection(jets, ['arms-trade']);
      await quire.reader.tagSelection(overlapping, ['contracts']);
      await expect(quire.reader.body.locator('.hl')).not.toHaveCount(0);
      expect(await seriousViolations(page, { exclude: 'article.reader .hl' })).toEqual([]);
    });

    test('reader: the highlight spans themselves', async ({ quire, page }) => {
      await withSeeds(quire);
      await quire.openArticle(ties);
      await quire.reader.tagSelection(jets, ['arms-trade']);
      await quire.reader.tagSelection(overlapping, ['contracts']);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
