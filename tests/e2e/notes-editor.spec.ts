// Writing notes in the CodeMirror editor: live preview, formatting keys, list continuation, `[[` completion of an
// article passage, embeds in the live view and the preview, unlinked mentions, the graph and templates.
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, seedsDir, test } from './fixtures';
import type { QuirePage } from './pages/quire-page';

const ties = 'The Ties of Myanmar with Russia';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

async function importTies(quire: QuirePage): Promise<void> {
  await quire.importFiles([join(seedsDir, '000_07f86e086a543867.txt')]);
  await expect(quire.importReport.getByTestId('import-imported')).toHaveCount(1);
  await quire.closeImportReport();
}

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(include).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('writing a note: live preview, formatting keys, lists that continue, outline and word count', async ({
  quire,
  page,
}) => {
  const notes = quire.notes;
  await quire.showNotes();
  await notes.create('Draft');
  await notes.typeAtEnd('# Findings\nThe deal was ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('secret');
  await page.keyboard.press('End');
  await page.keyboard.type(' and *late*.\n- first lead\nsecond lead\n');
  // Enter after a list item started the next one; Enter on an empty item ends the list (its marker goes).
  await page.keyboard.press('Enter');
  await expect(notes.editor.locator('.cm-line').last()).toHaveText('');
  await page.keyboard.press('Enter');
  await page.keyboard.type('After the list.');
  await expect(notes.status).toHaveText('Saved');

  // Away from the caret's line the Markdown reads as it will print: no `#`, `**` or `*` on screen.
  const heading = notes.editor.locator('.cm-heading-1');
  await expect(heading).toHaveText('Findings');
  await expect(notes.editor.locator('.cm-strong')).toHaveText('secret');
  await expect(notes.editor.locator('.cm-em')).toHaveText('late');
  await expect(notes.editor.locator('.cm-line').filter({ hasText: 'The deal was' })).toHaveText(
    'The deal was secret and late.',
  );
  await expect(notes.editor.locator('.cm-bullet')).toHaveCount(2);
  // On the line being edited, the source comes back.
  await heading.click();
  await expect(heading).toHaveText('# Findings');

  await expect(page.getByTestId('word-count')).toHaveText('14 words');
  await page.getByText('Outline (1)').click();
  await expect(page.getByRole('navigation', { name: 'Outline' }).getByRole('button')).toHaveText('Findings');

  // The preview renders what was typed: a heading, strong text and a two-item list.
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('.preview');
  await expect(preview.getByRole('heading', { name: 'Findings' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('secret');
  await expect(preview.getByRole('listitem')).toHaveText(['first lead', 'second lead']);
  await page.getByRole('button', { name: 'Edit' }).click();

  // Ctrl+Z inside the editor undoes typing; the saved note follows.
  await notes.editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Gone.');
  await expect(notes.editor).toContainText('Gone.');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(notes.editor).not.toContainText('Gone.');
  await expect(notes.status).toHaveText('Saved');

  expect(await seriousViolations(page, '.editor')).toEqual([]);
});

test('[[ completes an article passage; ![[ embeds it, drawn in the live view and the preview, and opens it', async ({
  quire,
  page,
}) => {
  await importTies(quire);
  await quire.openArticle(ties);
  await quire.reader.tagSelection(jets, ['arms-trade']);
  await quire.showNotes();
  const notes = quire.notes;
  await notes.create('Sources');

  // `[[` + part of a title lists the article; Enter takes it and closes the link.
  await notes.typeAtEnd('See ');
  const options = await notes.typeForSuggestions('[[Ties of Myan', 'Ties of Myan');
  await expect(options.first()).toContainText(ties);
  await page.keyboard.press('Enter');
  // After `Title#`, the article's highlight comes first, then its passages, matched on their words.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await notes.typeForSuggestions('#Sukhoi', `${ties}#Sukhoi`);
  await expect(options.first()).toContainText('Highlight');
  const passage = options.filter({ hasText: /Passage \d+ of/ }).first();
  await expect(passage).toContainText('Sukhoi');
  await page.keyboard.press('ArrowDown');
  await expect(passage).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type('.\n\n');
  await expect((await notes.typeForSuggestions('![[Ties of Myan', 'Ties of Myan')).first()).toContainText(
    ties,
  );
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await notes.typeForSuggestions('#Sukhoi', `${ties}#Sukhoi`);
  await page.keyboard.press('ArrowDown');
  await expect(passage).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(notes.status).toHaveText('Saved');

  // Once the caret leaves, the link reads as the passage's address and the embed shows the passage with its tag.
  await notes.title.click();
  await expect(notes.drawnLink(/The Ties of Myanmar with Russia#\^/)).toHaveAttribute(
    'data-link',
    /^The Ties of Myanmar with Russia#\^\S+$/,
  );
  const embed = notes.editor.getByRole('group', { name: `Embedded passage from ${ties}` });
  await expect(embed).toContainText(jets);
  await expect(embed).toContainText('arms-trade');
  const outgoing = page.getByRole('region', { name: 'Outgoing links' }).getByTestId('note-outgoing');
  await expect(outgoing).toHaveCount(2);
  await expect(outgoing.filter({ hasText: 'embedded passage' })).toHaveCount(1);

  // The preview draws the same embed; its source button opens the article at the passage.
  await page.getByRole('button', { name: 'Preview' }).click();
  const shown = page.locator('.preview').getByRole('group', { name: `Embedded passage from ${ties}` });
  await expect(shown).toContainText(jets);
  await shown.getByRole('button', { name: `Open passage in ${ties}` }).click();
  await expect(quire.reader.title).toHaveText(ties);
  await expect(quire.reader.passage(jets)).toBeInViewport();
});

test('unlinked mentions are linked with one click, and one Undo unlinks them', async ({ quire, page }) => {
  const notes = quire.notes;
  await quire.showNotes();
  await notes.create('Arms deals');
  await notes.write('Contracts and deliveries.\n');
  await notes.create('Russia ties');
  await notes.write('Moscow sells. The arms deals are signed in Naypyidaw.\n');
  await notes.open('Arms deals');

  const mentions = page.getByRole('region', { name: 'Unlinked mentions' });
  await expect(mentions.getByTestId('note-mention')).toHaveCount(1);
  await expect(mentions).toContainText('The arms deals are signed');
  await mentions.getByRole('button', { name: 'Link mention in Russia ties' }).click();
  await expect(mentions).toBeHidden();
  await expect(notes.backlinks.filter({ hasText: 'Russia ties' })).toContainText('link');
  // The backlink's context reads as text: no `[[` brackets.
  await expect(notes.backlinks.filter({ hasText: 'Russia ties' })).toContainText('arms deals are signed');
  await expect(notes.backlinks.filter({ hasText: 'Russia ties' })).not.toContainText('[[');

  // One click was one change: one Undo takes the link back out.
  await notes.title.click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(mentions.getByTestId('note-mention')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Backlinks' })).toContainText(
    'No other note links here yet.',
  );
});

test('the graph shows the open note’s neighbours, opens one by click, and passes axe', async ({
  quire,
  page,
}) => {
  await importTies(quire);
  const notes = quire.notes;
  await quire.showNotes();
  await notes.create('Arms deals');
  await notes.write(`Deliveries: see [[${ties}]].\n`);
  await notes.create('Russia ties');
  await notes.write('Moscow sells; see [[Arms deals]].\n');
  await notes.create('Unrelated');
  await notes.write('Nothing to do with the others.\n');
  await notes.open('Arms deals');

  await page.getByRole('button', { name: 'Graph', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Graph' });
  await expect(dialog).toBeVisible();
  const nodes = dialog.getByRole('navigation', { name: 'Graph nodes' }).getByTestId('graph-node');
  await expect(nodes).toHaveText([/^Arms deals/, /^Russia ties/, new RegExp(`^${ties}`)]);
  await expect(dialog.getByTestId('graph-counts')).toHaveText('3 items, 2 links');
  await expect(dialog.locator('[data-ready="true"]')).toHaveCount(1);
  expect(await seriousViolations(page, '.graph-dialog')).toEqual([]);

  // Only notes: the article drops out.
  await dialog.getByRole('checkbox', { name: 'Articles' }).uncheck();
  await expect(nodes).toHaveText([/^Arms deals/, /^Russia ties/]);
  // The whole notebook shows the unrelated note too.
  await dialog.getByRole('radio', { name: 'Whole notebook' }).check();
  await expect(nodes).toHaveCount(3);
  await expect(nodes.filter({ hasText: 'Unrelated' })).toHaveCount(1);

  await nodes.filter({ hasText: 'Russia ties' }).getByRole('button').click();
  await expect(dialog).toBeHidden();
  await expect(notes.title).toHaveText('Russia ties');
});

test('a note from a template fills in its title and date; the daily note opens by shortcut', async ({
  quire,
  page,
}) => {
  const notes = quire.notes;
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
  await quire.showNotes();
  await notes.create('Templates/Interview');
  await notes.write('# {{title}}\n\nInterviewed on {{date}}.\n\n## Questions\n');

  await notes.title.click();
  const palette = await quire.quickOpen('template');
  await palette.getByRole('option', { name: /New note from template/ }).click();
  const ask = page.getByRole('dialog', { name: 'New note from template' });
  await ask.getByRole('textbox', { name: 'Title' }).fill('Ko Aung, broker');
  await ask.getByRole('button', { name: 'Create note' }).click();
  await expect(notes.title).toHaveText('Ko Aung, broker');
  await expect(notes.editor.locator('.cm-heading-1')).toHaveText('Ko Aung, broker');
  await expect(notes.editor).toContainText(`Interviewed on ${today}.`);

  await notes.title.click();
  await page.keyboard.press('ControlOrMeta+Shift+D');
  await expect(notes.title).toHaveText(today);
  await expect(notes.editor.locator('.cm-heading-1')).toHaveText(today);
});

test('pasting words copied from the reader cites them with a link back; pasting an address makes a link', async ({
  quire,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await importTies(quire);
  await quire.showNotes();
  const notes = quire.notes;
  await notes.create('Quotes');
  await notes.write('Quotes on the deal:\n');

  await quire.openArticle(ties);
  await quire.reader.select(jets);
  await page.keyboard.press('ControlOrMeta+c');
  await quire.showNotes();
  await notes.open('Quotes');
  await notes.editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ControlOrMeta+v');
  await notes.title.click();
  // The quote reads as a quote, and its source is a link back to the passage.
  await expect(notes.editor.locator('.cm-quote').first()).toContainText(jets);
  const back = notes.editor.locator('[data-href^="quire://article/"]');
  await expect(back).toHaveText(ties);
  await expect(page.getByRole('region', { name: 'Cited passages' }).getByTestId('note-cited')).toContainText(
    jets,
  );

  // A web address pasted over selected words links them.
  await notes.editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nSee the report.');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'report'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.evaluate(() => navigator.clipboard.writeText('https://example.org/report'));
  await page.keyboard.press('ControlOrMeta+v');
  await notes.title.click();
  await expect(notes.editor.locator('[data-href="https://example.org/report"]')).toHaveText('report');

  // Back in the reader, the link opens the passage.
  await back.click();
  await expect(quire.reader.title).toHaveText(ties);
  await expect(quire.reader.passage(jets)).toBeInViewport();
});
