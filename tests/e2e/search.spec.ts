// Search as a researcher uses it: typos, operators, Burmese, notes, the keyboard, the help popover, and a
// search that answers while a long import is still running.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, generateCorpus, seedsDir, test } from './fixtures';
import type { QuirePage } from './pages/quire-page';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const burmese = 'ရုရှား';

async function importSeedsAndBurmese(quire: QuirePage, workDir: string): Promise<void> {
  const md = join(workDir, 'myanmar.md');
  await writeFile(md, '# မြန်မာ\n\nရုရှားနိုင်ငံနှင့်မြန်မာနိုင်ငံတို့သည် စစ်ရေးပူးပေါင်းဆောင်ရွက်မှုကို တိုးမြှင့်ခဲ့သည်။\n');
  await quire.importFiles([...seeds, md]);
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(3);
  await quire.closeImportReport();
}

test('typos, operators and Burmese find the right passages, marked', async ({ quire, page, served }) => {
  await importSeedsAndBurmese(quire, served.workDir);
  const s = quire.searchPanel;

  // A misspelled name: the correction is shown, the passage marks the real word, the reader marks it too.
  await s.search('Fomen');
  await expect(s.corrections).toContainText('Showing results for fomin');
  await expect(s.totals).toContainText(/\d+ articles?, \d+ passages?/);
  const fomin = s.hitMarking('fomin').first();
  await expect(fomin).toBeVisible();
  await fomin.click();
  await expect(quire.reader.title).toHaveText(visit);
  await expect(quire.reader.body.locator('mark', { hasText: /^fomin$/i }).first()).toBeInViewport();

  // source: keeps only The Irrawaddy's article.
  await s.search('Russia source:irrawaddy');
  await expect(s.groups).toHaveCount(1);
  await expect(s.group(visit)).toBeVisible();
  await expect(s.interpretation).toContainText('Read as:');
  await expect(s.interpretation).toContainText(/irrawaddy/i);

  // A phrase finds the column; excluding a word that column contains leaves nothing, and says why.
  await s.search('"military cooperation"');
  await expect(s.group(visit)).toBeVisible();
  await expect(s.group(ties)).toHaveCount(0);
  await s.search('"military cooperation" -Belarus');
  await expect(s.totals).toContainText('No results');
  await expect(s.interpretation).toContainText(/belarus/i);

  // OR: the Sukhoi passage of one seed and the MiG29B passage of the other.
  await s.search('Sukhoi OR MiG29B');
  await expect(s.group(ties)).toBeVisible();
  await expect(s.group(visit)).toBeVisible();
  await expect(s.hitsOf(ties).and(s.hitMarking('Sukhoi'))).not.toHaveCount(0);
  await expect(s.hitsOf(visit).and(s.hitMarking('MiG29B'))).not.toHaveCount(0);

  // after: leaves out the undated article.
  await s.search('after:2017 Russia');
  await expect(s.group(visit)).toBeVisible();
  await expect(s.group(ties)).toHaveCount(0);

  // A Burmese word inside an unspaced run of Burmese text.
  await s.search(burmese);
  await expect(s.group('မြန်မာ')).toBeVisible();
  const hit = s.hitMarking(burmese).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(quire.reader.title).toHaveText('မြန်မာ');
  await expect(quire.reader.body.locator('mark', { hasText: burmese }).first()).toBeVisible();

  // The last query survives a reload, with its results.
  await page.reload();
  await expect(s.field).toHaveValue(burmese);
  await expect(s.group('မြန်မာ')).toBeVisible();
});

test('every passage the totals count can be reached: a group shows how many match and brings the rest', async ({
  quire,
}) => {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  const s = quire.searchPanel;
  await s.search('Fomen');
  const totals = (await s.totals.textContent()) ?? '';
  const passages = Number(/(\d+) passages?/.exec(totals)?.[1]);
  expect(passages).toBeGreaterThan(3);
  while ((await s.more.count()) > 0) {
    const before = await s.hits.count();
    await s.more.first().click();
    await expect(s.hits).not.toHaveCount(before);
  }
  await expect(s.hits).toHaveCount(passages);
});

test('a note hit opens the note with its paragraph selected', async ({ quire, served }) => {
  await importSeedsAndBurmese(quire, served.workDir);
  await quire.showNotes();
  await quire.notes.create('Leads');
  await quire.notes.write('Nothing here yet.\n\nThe Kestrelgate memo names two brokers.\n');

  // Read something else first, so opening the note from the result is what brings it back.
  await quire.openArticle(ties);
  const s = quire.searchPanel;
  await s.search('Kestrelgate in:notes');
  await expect(s.groups).toHaveCount(1);
  await expect(s.group('Leads')).toHaveAttribute('data-kind', 'note');
  await expect(s.group('Leads')).toContainText('Note');
  await expect(s.hitsOf('Leads')).toHaveCount(1);
  await s.hitMarking('Kestrelgate').click();
  await expect(quire.notes.title).toHaveText('Leads');
  await expect(quire.notes.editor).toBeFocused();
  const selected = await quire.notes.selectedText();
  expect(selected).toContain('Kestrelgate memo');
  expect(selected).not.toContain('Nothing here');
});

test('results are keyboard-navigable from the field and the list', async ({ quire, page, served }) => {
  await importSeedsAndBurmese(quire, served.workDir);
  const s = quire.searchPanel;
  await s.search('Russia');
  await expect(s.hits.nth(3)).toBeVisible();

  // From the field: ↓ selects the next passage, Enter opens its article.
  await expect(s.hits.first()).toHaveAttribute('aria-selected', 'true');
  await s.field.press('ArrowDown');
  await expect(s.hits.nth(1)).toHaveAttribute('aria-selected', 'true');
  await s.field.press('ArrowUp');
  await expect(s.hits.first()).toHaveAttribute('aria-selected', 'true');
  const firstText = (await s.hits.first().textContent()) ?? '';
  const firstTitle = firstText.includes(ties) ? ties : visit;
  await s.field.press('Enter');
  await expect(quire.reader.title).toHaveText(firstTitle);

  // In the list: End, Home, ↓, Enter; Escape goes back to the field.
  await s.list.focus();
  await page.keyboard.press('End');
  const options = s.list.getByRole('option');
  await expect(options.nth((await options.count()) - 1)).toHaveAttribute('aria-selected', 'true');
  await expect(s.selected).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(s.hits.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(s.hits.nth(2)).toHaveAttribute('aria-selected', 'true');
  const third = (await s.hits.nth(2).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(quire.reader.title).toHaveText(third.includes(ties) ? ties : visit);
  await expect(quire.reader.body.locator('mark', { hasText: /^russia$/i }).first()).toBeInViewport();
  await s.list.focus();
  await page.keyboard.press('Escape');
  await expect(s.field).toBeFocused();
});

test('the help popover lists the operators and puts an example in the field', async ({
  quire,
  page,
  served,
}) => {
  await importSeedsAndBurmese(quire, served.workDir);
  const s = quire.searchPanel;

  // "?" typed into an empty field is a character, not a shortcut.
  await s.field.click();
  await page.keyboard.type('?');
  await expect(s.help).toBeHidden();
  await expect(s.field).toHaveValue('?');
  await s.field.fill('');

  // F1 opens it; Escape closes it and returns to the field.
  await page.keyboard.press('F1');
  await expect(s.help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(s.help).toBeHidden();
  await expect(s.field).toBeFocused();

  await s.helpButton.click();
  await expect(s.help).toBeVisible();
  for (const op of [
    '"phrase"',
    'a OR b',
    'tag:NAME',
    'source:NAME',
    'author:NAME',
    'in:notes / in:articles',
  ]) {
    await expect(s.help.getByRole('rowheader', { name: op, exact: true })).toBeVisible();
  }
  await s.help.getByRole('button', { name: 'Sukhoi OR MiG29B' }).click();
  await expect(s.help).toBeHidden();
  await expect(s.field).toHaveValue('Sukhoi OR MiG29B');
  await expect(s.group(ties)).toBeVisible();
  await expect(s.group(visit)).toBeVisible();
});

test('a search answers while a 1,500-article import is still running', async ({ quire, page, served }) => {
  test.setTimeout(240_000);
  const dir = join(served.workDir, 'corpus');
  generateCorpus(dir, 1500);
  // The needle of the first article: a word no other article contains.
  const manifest: unknown = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const token = firstNeedle(manifest);

  // Browser mode uploads the files in chunks; a slow uplink keeps the import running long enough to search
  // during it on any machine, however fast the import itself is.
  const cdp = await page.context().newCDPSession(page);
  const uplink = (bytesPerSecond: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    });
  await uplink(256 * 1024);

  const progress = page.getByRole('status', { name: 'Import progress' });
  await page.locator('#import-folder-input').setInputFiles(dir);
  await expect(progress).toBeVisible();

  // Once the first chunks have landed (the folder's file order is the browser's, so no particular article
  // is known to be in yet), a search answers from what is indexed so far while the import goes on.
  await expect(page.getByRole('button', { name: /^Library [1-9]\d+$/ })).toBeVisible({ timeout: 60_000 });
  const s = quire.searchPanel;
  await s.field.fill('Myanmar');
  await expect(s.hitMarking('Myanmar').first()).toBeVisible({ timeout: 60_000 });
  await expect(progress).toBeVisible();
  await uplink(-1);

  await expect(quire.importReport).toBeVisible({ timeout: 200_000 });
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(1500);
  await quire.closeImportReport();
  await s.search(token);
  await expect(s.hitMarking(token).first()).toBeVisible();
  await expect(s.groups).toHaveCount(1);

  // A word in nearly every article: only the rows in view are in the DOM, and End keeps loading further pages.
  await s.search('Myanmar');
  await expect(s.totals).toContainText(/^1,\d{3} articles/);
  expect(await s.hits.count()).toBeLessThan(60);
  await s.list.focus();
  await page.keyboard.press('End');
  const rowOf = async (): Promise<number> => Number((await s.selected.getAttribute('id'))?.split('-').pop());
  const firstEnd = await rowOf();
  await expect
    .poll(async () => {
      await page.keyboard.press('End');
      return rowOf();
    })
    .toBeGreaterThan(firstEnd);
  await expect(s.selected).toBeInViewport();
});

function firstNeedle(manifest: unknown): string {
  if (!Array.isArray(manifest)) throw new Error('manifest.json is not an array');
  const entry: unknown = manifest[0];
  if (typeof entry !== 'object' || entry === null || !('needles' in entry) || !Array.isArray(entry.needles))
    throw new Error('manifest entry has no needles');
  const needle: unknown = entry.needles[0];
  if (
    typeof needle !== 'object' ||
    needle === null ||
    !('token' in needle) ||
    typeof needle.token !== 'string'
  )
    throw new Error('needle has no token');
  return needle.token;
}
