// Page object for the codebook: the tag tree in the sidebar, the tag view, coded segments and the pictures.
import { expect, type Locator, type Page } from '@playwright/test';

export class Codebook {
  constructor(readonly page: Page) {}

  get sidebar(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' });
  }

  row(name: string): Locator {
    return this.page.getByTestId('tag-row').filter({
      has: this.page.getByRole('button', { name: new RegExp(`^Tag (.* / )?${name},`) }),
    });
  }

  tag(name: string): Locator {
    return this.sidebar.getByRole('button', { name: new RegExp(`^Tag (.* / )?${name},`) });
  }

  /** Answers the open prompt (name, memo, path) and submits it with its button. */
  async answer(title: string | RegExp, value: string, submit: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await dialog.locator('input[type="text"], textarea').fill(value);
    await dialog.getByRole('button', { name: submit, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async create(name: string, under?: string): Promise<void> {
    if (under) {
      await this.tag(under).click();
      await this.page.getByRole('button', { name: 'Sub-tag…' }).click();
    } else {
      await this.sidebar.getByRole('button', { name: 'New tag' }).click();
    }
    await this.answer(/^New tag/, name, 'Create');
    await expect(this.tag(name)).toBeVisible();
  }

  get view(): Locator {
    return this.page.getByRole('region', { name: 'Tagged passages' });
  }

  /** The key (1–9) the reader's quick-tag bar shows for a tag. */
  async keyFor(name: string): Promise<string> {
    const item = this.page.getByTestId('quick-tag').filter({ hasText: new RegExp(`\\d\\s+${name}$`) });
    await expect(item).toHaveCount(1);
    return (await item.locator('kbd').textContent()) ?? '';
  }

  async optionValue(select: Locator, name: string): Promise<string> {
    return (
      (await select
        .locator('option')
        .filter({ hasText: new RegExp(`^\\s*${name}$`) })
        .getAttribute('value')) ?? ''
    );
  }

  get segments(): Locator {
    return this.page.getByRole('region', { name: 'Coded segments' });
  }

  get pictures(): Locator {
    return this.page.getByRole('region', { name: 'Pictures' });
  }

  cell(row: string, column: string): Locator {
    return this.pictures.getByRole('button', { name: `${row} × ${column}:`, exact: false });
  }
}
