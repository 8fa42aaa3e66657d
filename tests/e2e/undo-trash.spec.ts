// Every edit is one commit that can be undone: tag → Ctrl+Z → gone → Ctrl+Shift+Z → back; a deleted note waits in
// the Trash and comes back with its backlinks.
import { join } from 'node:path';
import { expect, seedsDir, test } from './fixtures';

const ties = 'The Ties of Myanmar with Russia';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

test('tagging is undone with Ctrl+Z and redone with Ctrl+Shift+Z; one call, one event', async ({
  quire,
  page,
}) => {
  await quire.importFiles([join(seedsDir, '000_07f86e086a543867.txt')]);
  await quire.closeImportReport();
  await quire.openArticle(ties);

  const calls: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/(\w+)$/.exec(r.url());
    if (m?.[1]) calls.push(m[1]);
  });
  await quire.reader.tagSelection(jets, ['arms-trade']);
  await expect(quire.reader.highlight(jets)).toHaveText(jets);
  await expect(quire.sidebarTag('arms-trade')).toContainText('1');
  await expect(quire.articleRow(ties)).toBeVisible();
  // The tag action is one request; the highlight, the count and the list follow its change event.
  expect(calls.filter((c) => c !== 'switcher')).toEqual(['highlightCreate']);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(quire.reader.highlight(jets)).toHaveCount(0);
  await expect(quire.sidebarTag('arms-trade')).toHaveCount(0);
  await expect(page.getByRole('status').getByText(/Undone: Tag a passage “arms-trade”/)).toBeVisible();

  await page.keyboard.press('Control+Shift+z');
  await expect(quire.reader.highlight(jets)).toHaveText(jets);
  await expect(quire.sidebarTag('arms-trade')).toContainText('1');

  // The palette says what undo would do, in words.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Quick open' });
  await palette.getByRole('combobox').fill('undo');
  await expect(palette.getByText('Undo: Tag a passage “arms-trade”')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('a deleted note goes to the Trash without a question and comes back with its backlinks', async ({
  quire,
  page,
}) => {
  await quire.showNotes();
  await quire.notes.create('Arms deals');
  await quire.notes.create('Russia ties');
  await quire.notes.write('See [[Arms deals]] for the contracts.\n');
  await quire.notes.open('Arms deals');
  await expect(quire.notes.backlinks.filter({ hasText: 'Russia ties' })).toContainText('link');

  page.on('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('status').getByText('Moved the note “Arms deals” to the Trash.')).toBeVisible();
  await expect(quire.notes.listItem('Arms deals')).toHaveCount(0);

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button', { name: /^Trash/ })).toContainText('1');
  await nav.getByRole('button', { name: /^Trash/ }).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await trash.getByRole('button', { name: 'Restore note Arms deals' }).click();
  await expect(trash.getByText('The Trash is empty.', { exact: false })).toBeVisible();

  await quire.showNotes();
  await quire.notes.open('Arms deals');
  await expect(quire.notes.backlinks.filter({ hasText: 'Russia ties' })).toContainText('link');
});
