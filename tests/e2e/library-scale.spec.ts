// A few hundred articles imported as a folder (many upload chunks): the list stays virtualized, sortable
// and keyboard-navigable.
import { join } from 'node:path';
import { expect, generateCorpus, test } from './fixtures';

const N = 300;

test('a folder of 300 articles imports in chunks and the list renders only what is visible', async ({
  quire,
  page,
  served,
}) => {
  const dir = join(served.workDir, 'corpus');
  generateCorpus(dir, N);
  await page.locator('#import-folder-input').setInputFiles(dir);
  await expect(quire.importReport).toBeVisible({ timeout: 60_000 });
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(N);
  await quire.closeImportReport();

  const grid = page.getByRole('grid', { name: 'Articles' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  const rendered = await grid.locator('[role=row][aria-rowindex]:not(.head)').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);

  // Sorting by words, twice, flips aria-sort.
  const words = grid.getByRole('columnheader', { name: 'Sort by Words' });
  await words.getByRole('button').click();
  await expect(words).toHaveAttribute('aria-sort', 'ascending');
  await words.getByRole('button').click();
  await expect(words).toHaveAttribute('aria-sort', 'descending');

  // Keyboard: End reaches the last article (rendered on demand), Enter opens it.
  await grid.focus();
  await page.keyboard.press('End');
  const last = grid.locator(`[role=row][aria-rowindex="${N + 1}"]`);
  await expect(last).toBeInViewport();
  const title = (await last.locator('.cell.title').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(quire.reader.title).toHaveText(title.trim());
});
