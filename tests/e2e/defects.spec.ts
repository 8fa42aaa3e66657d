// Defects a researcher met in an afternoon of work (issue 9), each as what they would see or do.
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { expect, generateCorpus, seedsDir, test } from './fixtures';
import type { QuirePage } from './pages/quire-page';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

async function importSeeds(quire: QuirePage): Promise<void> {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
}

/** Whether two boxes on screen share any area. */
function overlap(
  a: { x: number; y: number; width: number; height: number } | null,
  b: { x: number; y: number; width: number; height: number } | null,
): boolean {
  if (!a || !b) throw new Error('an element to compare is not on screen');
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('every search snippet shows its marked word inside the three-line clamp, at 1024 wide', async ({
  quire,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await importSeeds(quire);
  await quire.searchPanel.search('deputy');
  const hits = quire.searchPanel.hits;
  await expect(hits.first()).toBeVisible();
  // Per visible hit: is its first marked word wholly inside what the clamp lets the researcher see? (Further
  // matches of a long passage may fall below the third line; the first one never does.)
  const hidden = await hits.evaluateAll((rows) =>
    rows.flatMap((row) => {
      const snippet = row.querySelector('.snippet');
      if (!snippet) return ['a hit without a snippet'];
      const box = snippet.getBoundingClientRect();
      const mark = snippet.querySelector('mark');
      if (!mark) return [`no marked word in “${snippet.textContent}”`];
      const cut = [...mark.getClientRects()].some(
        (r) => r.bottom > box.bottom + 1 || r.right > box.right + 1,
      );
      return cut ? [`“${mark.textContent}” cut off in “${snippet.textContent}”`] : [];
    }),
  );
  expect(await hits.count()).toBeGreaterThan(2);
  expect(hidden).toEqual([]);
});

test('tagging a selection that starts inside a highlight: the picker gets the keyboard', async ({
  quire,
  page,
}) => {
  await importSeeds(quire);
  await quire.openArticle(ties);
  await quire.reader.tagSelection(jets, ['arms-trade']);
  const old = quire.reader.highlight(jets);
  await expect(old).toHaveText(jets);

  // As a drag that starts on the highlight leaves it: the highlight focused, the selection running past it.
  await old.focus();
  await quire.reader.select('six Sukhoi Su-30SM fighter jets in a contract worth');
  await expect(old).toBeFocused();
  await page.keyboard.press('t');
  const picker = page.getByRole('dialog', { name: 'Tag the selected text' });
  const field = picker.getByRole('combobox', { name: 'Tag name' });
  await expect(field).toBeFocused();
  await page.keyboard.type('suppliers');
  await expect(field).toHaveValue('suppliers');
  await page.keyboard.press('Enter');
  await expect(quire.reader.popover).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(quire.reader.popover).toBeHidden();
  await expect(quire.sidebarTag('suppliers')).toContainText('1');
});

test('a new note is for writing: focus goes to the editor, whichever way it was created', async ({
  quire,
  page,
}) => {
  await quire.showNotes();
  await quire.notes.create('Russia ties');
  await expect(quire.notes.editor).toBeFocused();
  await page.keyboard.type('Moscow sells. See [[Arms deals]].');
  await expect(quire.notes.editor).toContainText('Moscow sells.');
  await expect(quire.notes.unresolved).toContainText('Arms deals');
  await quire.notes.unresolved.getByRole('button', { name: 'Create note Arms deals' }).click();
  await expect(quire.notes.title).toHaveText('Arms deals');
  await expect(quire.notes.editor).toBeFocused();
});

test('wikilink suggestions do not cover the Backlinks heading', async ({ quire, page }) => {
  await quire.showNotes();
  await quire.notes.create('Arms deals');
  await quire.notes.create('Arms trade');
  await quire.notes.create('Russia ties');
  await quire.notes.editor.click();
  const options = await quire.notes.typeForSuggestions('See [[Arm', 'Arm');
  await expect(options).toHaveCount(2);
  const heading = page.getByRole('region', { name: 'Backlinks' }).getByRole('heading', { name: 'Backlinks' });
  await expect(heading).toBeVisible();
  expect(overlap(await page.getByRole('listbox').boundingBox(), await heading.boundingBox())).toBe(false);
  await options.filter({ hasText: 'Arms deals' }).click();
  await expect(quire.notes.editor).toContainText('See [[Arms deals]]');
});

test('the Cite dialog’s “(open now)” is readable on its button, in light and dark', async ({
  quire,
  page,
}) => {
  await importSeeds(quire);
  await quire.showNotes();
  await quire.notes.create('Russia ties');
  await quire.openArticle(ties);
  await quire.reader.tagSelection(jets, ['arms-trade']);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await quire.reader.highlight(jets).click();
    await quire.reader.popover.getByRole('button', { name: 'Cite in note' }).click();
    const cite = page.getByRole('dialog', { name: 'Cite in note' });
    await expect(cite.getByRole('button', { name: 'Russia ties (open now)' })).toBeVisible();
    const { violations } = await new AxeBuilder({ page })
      .include('dialog[open]')
      .withRules(['color-contrast'])
      .analyze();
    expect(
      violations.flatMap((v) => v.nodes.map((n) => `${scheme}: ${n.target.join(' ')} ${n.failureSummary}`)),
    ).toEqual([]);
    await cite.getByRole('button', { name: 'Cancel' }).click();
    await expect(cite).toBeHidden();
  }
});

test('a tagged passage names its article and outlet with a space between them', async ({ quire }) => {
  await importSeeds(quire);
  await quire.openArticle(visit);
  await quire.reader.tagSelection('Rear Admiral Myint Nwe', ['navy']);
  await quire.sidebarTag('navy').click();
  await expect(quire.taggedPassages.first()).toContainText(`${visit} · The Irrawaddy`);
});

test('the library’s tag-count column is labelled and shows every count', async ({ quire, page }) => {
  await importSeeds(quire);
  const header = page.getByRole('columnheader', { name: 'Sort by Tags' });
  await expect(header).toHaveText('Tags');
  const clipped = await header
    .getByRole('button')
    .evaluate((b) => b.scrollWidth > b.clientWidth || b.getBoundingClientRect().width < 24);
  expect(clipped).toBe(false);
  await quire.openArticle(ties);
  await quire.reader.tagSelection(jets, ['arms-trade']);
  await expect(quire.articleRow(ties).getByRole('gridcell').last()).toHaveText('1');
  await expect(quire.articleRow(visit).getByRole('gridcell').last()).toHaveText('0');
});

test('the import progress never covers the article being read', async ({ quire, page, served }) => {
  await importSeeds(quire);
  await quire.openArticle(ties);
  const dir = generateCorpus(join(served.workDir, 'corpus'), 60);
  // A slow uplink keeps the import running long enough to look at it on any machine.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 64 * 1024,
  });
  await page.locator('#import-folder-input').setInputFiles(dir);
  const progress = page.getByRole('status', { name: 'Import progress' });
  await expect(progress).toBeVisible();
  const reader = page.locator('main.main');
  expect(overlap(await progress.boundingBox(), await reader.boundingBox())).toBe(false);
  expect(overlap(await progress.boundingBox(), await quire.reader.title.boundingBox())).toBe(false);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect(quire.importReport).toBeVisible({ timeout: 60_000 });
});
