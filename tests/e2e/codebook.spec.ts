// Issue 11 in browser mode: a 3-level codebook, merge by rename and its undo, keyboard-only coding with 1–9, memos
// on a tag, an article and a highlight, a coded-segments query with an overlap, and the pictures from a known
// fixture. The fixture: two seed articles; "visit" is from The Irrawaddy, June 2017; "ties" has no source or date.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, seedsDir, test } from './fixtures';
import { Codebook } from './pages/codebook';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';

test('codebook: hierarchy, keyboard coding, memos, merge by rename, segments and pictures', async ({
  quire,
  page,
  served,
}) => {
  test.setTimeout(120_000);
  const cb = new Codebook(page);
  await quire.importFiles(seeds);
  await quire.closeImportReport();

  // A 3-level codebook: Actors / Russia / Ministry (Ministry made at the top, then moved by keyboard command).
  await cb.create('Actors');
  await cb.create('Russia', 'Actors');
  await cb.create('Ministry');
  await cb.tag('Ministry').click();
  await page.getByRole('button', { name: 'Move…' }).click();
  await cb.answer('Move tag', 'actors/russia', 'Move');
  await expect(cb.row('Ministry')).toHaveAttribute('data-depth', '2');
  await expect(cb.tag('Ministry')).toHaveAccessibleName(/^Tag Actors \/ Russia \/ Ministry, 0 passages/);
  // A loop is refused with a sentence that says why.
  await cb.tag('Actors').click();
  await page.getByRole('button', { name: 'Move…' }).click();
  const move = page.getByRole('dialog', { name: 'Move tag' });
  await move.locator('input').fill('Ministry');
  await move.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(move.getByRole('alert')).toContainText('cannot go under');
  await move.getByRole('button', { name: 'Cancel' }).click();
  await cb.create('Cooperation');
  await cb.create('Coop');

  // Memo and description on a tag.
  await cb.tag('Actors').click();
  await cb.view.getByRole('button', { name: 'Edit memo' }).click();
  await cb.answer('Code memo', 'Who acts, and for whom.', 'Save');
  await expect(cb.view.getByTestId('tag-memo')).toContainText('Who acts, and for whom.');

  // Keyboard-only coding of three passages in "visit": cursor, sentence/paragraph, Shift+arrow, then a 1–9 key.
  await quire.openArticle(visit);
  await quire.reader.title.click(); // the keyboard now belongs to the reader
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await page.keyboard.press(await cb.keyFor('Russia'));
  const first = 'At the VI Moscow Conference on International Security organized in April 2017';
  await expect(quire.reader.highlight(first)).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('p');
  await page.keyboard.press(await cb.keyFor('Cooperation'));
  await expect(quire.reader.highlight('we see good prospects of cooperation')).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press(await cb.keyFor('Coop'));
  await expect(quire.reader.highlight('He has taken a lead role')).toBeVisible();
  await expect(cb.tag('Russia')).toHaveAccessibleName(/, 1 passage$/);
  await expect(cb.tag('Coop')).toHaveAccessibleName(/, 1 passage$/);
  // One tab stop per highlight, and the words stay the accessible text of each.
  await expect(quire.reader.body.locator('[tabindex="0"]')).toHaveCount(3);
  await expect(
    quire.reader.body.getByRole('button', { name: /^At the VI Moscow Conference/ }),
  ).toHaveAttribute('aria-describedby', /hl-about-/);

  // M writes a memo on the highlight under the cursor; the article gets its memo too.
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await page.keyboard.press('m');
  await cb.answer('Memo on the highlight', 'Fomin meets Myint Nwe', 'Save memo');
  await page.getByRole('button', { name: 'Write a memo on this article' }).click();
  await cb.answer('Document memo', 'The visit that sealed the Su-30 deal.', 'Save memo');
  await expect(page.getByTestId('article-memo')).toHaveText('The visit that sealed the Su-30 deal.');

  // In "ties": a paragraph coded Cooperation and its first sentence Russia (a segment inside another).
  await quire.openArticle(ties);
  await quire.reader.title.click();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('p');
  await page.keyboard.press(await cb.keyFor('Cooperation'));
  await expect(cb.tag('Cooperation')).toHaveAccessibleName(/, 2 passages$/);
  await page.keyboard.press('s');
  await page.keyboard.press(await cb.keyFor('Russia'));
  await expect(cb.tag('Russia')).toHaveAccessibleName(/, 2 passages$/);

  // Merge by rename, then undo it.
  await cb.tag('Coop').click();
  await cb.view.getByRole('button', { name: 'Rename' }).click();
  await cb.answer('Rename tag', 'cooperation', 'Rename');
  const ask = page.getByRole('dialog', { name: 'Merge tags?' });
  await expect(ask).toContainText('1 highlight');
  await ask.getByRole('button', { name: 'Merge into “Cooperation”' }).click();
  await expect(cb.tag('Coop')).toHaveCount(0);
  await expect(cb.tag('Cooperation')).toHaveAccessibleName(/, 3 passages$/);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(cb.tag('Coop')).toHaveAccessibleName(/, 1 passage$/);
  await expect(cb.tag('Cooperation')).toHaveAccessibleName(/, 2 passages$/);

  // Coded segments: Russia segments that overlap (or fall inside) Cooperation segments: the one in "ties".
  await page.getByRole('button', { name: 'Coded segments' }).click();
  const a = cb.segments.getByLabel('Overlap: segments of');
  const b = cb.segments.getByLabel('…that overlap or fall inside');
  await a.selectOption(await cb.optionValue(a, 'Russia'));
  await b.selectOption(await cb.optionValue(b, 'Cooperation'));
  await cb.segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(cb.segments.getByTestId('segment-counts')).toContainText('1 segment in 1 article');
  await expect(cb.segments.getByTestId('coded-segment')).toHaveCount(1);
  await expect(cb.segments.getByTestId('coded-segment')).toContainText(ties);
  // With a date filter, the undated article drops out.
  await cb.segments.getByLabel('From').fill('2017');
  await cb.segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(cb.segments.getByTestId('segment-counts')).toContainText('0 segments in 0 articles');

  // Pictures, checked against the fixture. Code × source (sub-tags count toward their parents).
  await page.getByRole('button', { name: 'Pictures' }).click();
  await cb.pictures.getByRole('button', { name: 'Draw' }).click();
  await expect(cb.pictures.getByTestId('picture').locator('svg')).toHaveCount(1);
  const expected: [string, number, number][] = [
    ['Actors', 1, 1],
    ['Actors / Russia', 1, 1],
    ['Actors / Russia / Ministry', 0, 0],
    ['Cooperation', 1, 1],
    ['Coop', 1, 0],
  ];
  for (const [row, irrawaddy, none] of expected) {
    await expect(cb.cell(row, 'The Irrawaddy')).toHaveText(String(irrawaddy));
    await expect(cb.cell(row, '(no source)')).toHaveText(String(none));
  }
  const downloading = page.waitForEvent('download');
  await cb.pictures.getByRole('button', { name: 'Save table (CSV)' }).click();
  const csvPath = join(served.workDir, 'matrix.csv');
  await (await downloading).saveAs(csvPath);
  expect(await readFile(csvPath, 'utf8')).toMatch(/^Coop,(1,0|0,1),1\r$/m);

  // Co-occurrence: Russia × Cooperation is the segment inside the paragraph; a click lists it.
  await cb.pictures.getByLabel('Co-occurrence').check();
  await cb.pictures.getByRole('button', { name: 'Draw' }).click();
  await expect(cb.cell('Actors / Russia', 'Cooperation')).toHaveText('1');
  await expect(cb.cell('Actors / Russia', 'Actors / Russia')).toHaveText('2');
  await expect(cb.cell('Coop', 'Cooperation')).toHaveText('0');
  await cb.cell('Actors / Russia', 'Cooperation').click();
  await expect(cb.segments.getByTestId('coded-segment')).toHaveCount(1);

  // Codes over time (top-level tags, sub-tags counted): only "visit" is dated (June 2017).
  await page.getByRole('button', { name: 'Pictures' }).click();
  await cb.pictures.getByLabel('Codes over time').check();
  await cb.pictures.getByRole('button', { name: 'Draw' }).click();
  const table = cb.pictures.getByTestId('picture-table');
  await expect(table.getByRole('columnheader')).toHaveText(['Tag', '2017-06', 'undated']);
  const cells = (name: string) =>
    table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
      .locator('td');
  await expect(cells('Actors')).toHaveText(['1', '1']);
  await expect(cells('Cooperation')).toHaveText(['1', '1']);
  await expect(cells('Coop')).toHaveText(['1', '0']);
  await expect(cb.pictures.getByTestId('picture').locator('svg').last()).toBeVisible();
});

test('library: filters, an author column, and bulk tag and delete as one undo step each', async ({
  quire,
  page,
}) => {
  const cb = new Codebook(page);
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  const grid = page.getByRole('grid', { name: 'Articles' });
  const filters = page.getByRole('form', { name: 'Filter articles' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(grid.getByRole('columnheader', { name: 'Sort by Author' })).toBeVisible();
  await expect(quire.articleRow(visit).getByRole('gridcell').nth(1)).toHaveText('Ko Ye');

  await filters.getByLabel('Source').fill('irrawaddy');
  await expect(rows).toHaveCount(1);
  await filters.getByLabel('Source').fill('');
  await filters.getByLabel('From').fill('2017-06');
  await expect(rows).toHaveText([new RegExp(visit.slice(0, 20))]);
  await filters.getByRole('button', { name: 'Clear' }).click();
  await expect(rows).toHaveCount(2);

  // Choose both (Ctrl-click), tag them as wholes in one step, then filter by that tag and by "has highlights".
  await quire.articleRow(ties).click({ modifiers: ['Control'] });
  await quire.articleRow(visit).click({ modifiers: ['Control'] });
  const bulk = page.getByRole('toolbar', { name: 'Chosen articles' });
  await expect(bulk).toContainText('2 chosen');
  await bulk.getByRole('button', { name: 'Tag…' }).click();
  await cb.answer('Tag articles', 'Corpus', 'Tag');
  await expect(cb.tag('Corpus')).toHaveAccessibleName(/, 2 passages$/);
  await filters.getByLabel('Highlights').selectOption('uncoded');
  await expect(rows).toHaveCount(0);
  await filters.getByLabel('Highlights').selectOption('coded');
  await filters.getByLabel('Tag').selectOption(await cb.optionValue(filters.getByLabel('Tag'), 'Corpus'));
  await expect(rows).toHaveCount(2);
  await filters.getByRole('button', { name: 'Clear' }).click();

  await bulk.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(rows).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(2);
});
