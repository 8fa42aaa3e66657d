// Page object for the whole window: what a researcher sees and does, by accessible names.
import { expect, type Locator, type Page } from '@playwright/test';
import { NotesPane } from './notes-pane';
import { ReaderPane } from './reader-pane';
import { SearchPanel } from './search-panel';

export class QuirePage {
  readonly reader: ReaderPane;
  readonly notes: NotesPane;
  readonly searchPanel: SearchPanel;
  readonly searchField: Locator;
  readonly importReport: Locator;

  constructor(readonly page: Page) {
    this.reader = new ReaderPane(page);
    this.notes = new NotesPane(page);
    this.searchPanel = new SearchPanel(page);
    this.searchField = page.getByRole('searchbox', { name: 'Search articles' });
    this.importReport = page.getByRole('dialog', { name: /^Import (finished|cancelled)$/ });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('grid', { name: 'Articles' })).toBeVisible();
  }

  /** Uses the browser-mode file input behind Import → Import files…. */
  async importFiles(paths: string[]): Promise<void> {
    await this.page.locator('#import-files-input').setInputFiles(paths);
    await expect(this.importReport).toBeVisible();
  }

  async closeImportReport(): Promise<void> {
    await this.importReport.getByRole('button', { name: 'Done' }).click();
    await expect(this.importReport).toBeHidden();
  }

  articleRow(title: string): Locator {
    return this.page.getByRole('grid', { name: 'Articles' }).getByRole('row').filter({ hasText: title });
  }

  async showLibrary(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Library/ })
      .click();
  }

  async showNotes(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Notes/ })
      .click();
  }

  async openArticle(title: string): Promise<void> {
    await this.showLibrary();
    await this.articleRow(title).click();
    await expect(this.reader.title).toHaveText(title);
  }

  async search(query: string): Promise<void> {
    await this.searchField.fill(query);
  }

  get searchHits(): Locator {
    return this.page.getByRole('listbox', { name: 'Results' }).getByRole('option');
  }

  sidebarTag(name: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: new RegExp(`^Tag ${name},`) });
  }

  get taggedPassages(): Locator {
    return this.page.getByTestId('tag-passage');
  }

  async quickOpen(query: string): Promise<Locator> {
    await this.page.keyboard.press('Control+k');
    const dialog = this.page.getByRole('dialog', { name: 'Quick open' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox').fill(query);
    return dialog;
  }
}
