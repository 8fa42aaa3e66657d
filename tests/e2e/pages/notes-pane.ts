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

  async write(text: string): Promise<void> {
    await this.editor.fill(text);
    await expect(this.status).toHaveText('Saved');
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
