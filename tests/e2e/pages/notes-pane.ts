import { expect, type Locator, type Page } from '@playwright/test';

export class NotesPane {
  readonly title: Locator;
  readonly editor: Locator;
  readonly status: Locator;
  readonly backlinks: Locator;
  readonly unresolved: Locator;

  constructor(readonly page: Page) {
    this.title = page.locator('#note-title');
    this.editor = page.getByRole('textbox', { name: 'Note text' });
    this.status = page.locator('.editor .status');
    this.backlinks = page.getByRole('region', { name: 'Backlinks' }).getByTestId('note-backlink');
    this.unresolved = page.getByRole('region', { name: 'Unresolved links' });
  }

  async create(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New note', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New note' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('button', { name: 'Create note' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.title).toHaveText(title);
  }

  /** Replaces the note's text at once (CodeMirror takes it as one input), then waits for the save. */
  async write(text: string): Promise<void> {
    await this.editor.fill(text);
    await expect(this.status).toHaveText('Saved');
  }

  /** Types at the end of the note, key by key, as a person does (completion, list continuation and shortcuts). */
  async typeAtEnd(text: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }

  /**
   * Types `text` (which opens or continues a `[[` link) and waits for the suggestions for exactly that much: the
   * list is fetched as you type, and Enter before it arrives would be an ordinary Enter.
   */
  async typeForSuggestions(text: string, query: string): Promise<Locator> {
    const answered = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/linkSuggest') && r.request().postDataJSON()?.query === query,
    );
    await this.page.keyboard.type(text);
    await answered;
    const options = this.page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toBeVisible();
    // CodeMirror ignores Enter for 75 ms after the list changes (a person is never faster than that).
    await this.page.waitForTimeout(150);
    return options;
  }

  /** What is selected in the editor, as text. */
  async selectedText(): Promise<string> {
    return this.editor.evaluate(() => document.getSelection()?.toString() ?? '');
  }

  /** A link drawn in the live view (away from the caret's line), by what it shows. */
  drawnLink(name: string | RegExp): Locator {
    return this.editor.locator('.cm-wikilink, .cm-link').filter({ hasText: name });
  }

  listItem(title: string): Locator {
    return this.page
      .getByRole('region', { name: 'Notes' })
      .getByRole('button', { name: new RegExp(`^${title}`) });
  }

  async open(title: string): Promise<void> {
    await this.listItem(title).click();
    await expect(this.title).toHaveText(title);
  }
}
