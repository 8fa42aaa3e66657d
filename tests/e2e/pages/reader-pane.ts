import { expect, type Locator, type Page } from '@playwright/test';

export class ReaderPane {
  readonly title: Locator;
  readonly body: Locator;
  readonly backlinks: Locator;

  constructor(readonly page: Page) {
    this.title = page.locator('#reader-title');
    this.body = page.locator('article.reader .body');
    this.backlinks = page.getByRole('region', { name: 'Backlinks' }).getByTestId('article-backlink');
  }

  passage(containing: string): Locator {
    return this.body.locator('[data-passage-id]').filter({ hasText: containing });
  }

  /**
   * Selects `needle` inside the passage that contains it, as a mouse drag would: a DOM Range over the
   * passage's text nodes. Runs in the page as a string so the Node-side typecheck needs no DOM types.
   */
  async select(needle: string): Promise<void> {
    await expect(this.passage(needle)).toBeVisible();
    const script = `(() => {
      const needle = ${JSON.stringify(needle)};
      const passage = [...document.querySelectorAll('article.reader [data-passage-id]')]
        .find((p) => p.textContent.includes(needle));
      if (!passage) throw new Error('no passage contains ' + needle);
      const walker = document.createTreeWalker(passage, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      const full = nodes.map((n) => n.data).join('');
      const from = full.indexOf(needle);
      const to = from + needle.length;
      const locate = (offset, isEnd) => {
        let at = 0;
        for (const n of nodes) {
          if (offset < at + n.length || (isEnd && offset === at + n.length)) return [n, offset - at];
          at += n.length;
        }
        const last = nodes[nodes.length - 1];
        return [last, last.length];
      };
      const range = document.createRange();
      range.setStart(...locate(from, false));
      range.setEnd(...locate(to, true));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    })()`;
    await this.page.evaluate(script);
  }

  /** Selects text, presses T, and applies the given tag names in the tag picker. */
  async tagSelection(needle: string, tagNames: string[]): Promise<void> {
    await this.select(needle);
    await expect(this.page.getByRole('button', { name: 'Tag selection' })).toBeVisible();
    await this.page.keyboard.press('t');
    const picker = this.page.getByRole('dialog', { name: 'Tag the selected text' });
    await expect(picker).toBeVisible();
    const input = picker.getByRole('combobox', { name: 'Tag name' });
    for (const name of tagNames) {
      await input.fill(name);
      await input.press('Enter');
    }
    await input.press('Enter');
    await expect(picker).toBeHidden();
  }

  highlight(containing: string): Locator {
    return this.body.locator('.hl').filter({ hasText: containing });
  }

  get popover(): Locator {
    return this.page.getByRole('dialog', { name: 'Highlight' });
  }

  /** The value shown for a metadata field ("Author", "Date", ...) in the reader header. */
  detail(label: string): Locator {
    return this.page
      .locator('article.reader dl.meta > div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  }

  get metaForm(): Locator {
    return this.page.getByRole('form', { name: 'Edit article details' });
  }

  async openMetaForm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit details' }).click();
    await expect(this.metaForm).toBeVisible();
  }

  get originalToggle(): Locator {
    return this.page
      .getByRole('toolbar', { name: 'Article tools' })
      .getByRole('button', { name: 'Original' });
  }

  get originalView(): Locator {
    return this.page.getByRole('region', { name: 'Original and kept blocks' });
  }

  /** Opens the original view on its block list (a tab when the reader is narrow, a column when wide). */
  async showBlocks(): Promise<void> {
    await this.originalToggle.click();
    await expect(this.originalToggle).toHaveAttribute('aria-pressed', 'true');
    const tab = this.originalView.getByRole('tab', { name: 'Blocks' });
    await expect(this.originalView.getByRole('tabpanel', { includeHidden: true }).first()).toBeAttached();
    if (await tab.isVisible()) await tab.click();
    await expect(this.originalView.getByRole('list', { name: 'Blocks' })).toBeVisible();
  }

  async hideOriginal(): Promise<void> {
    await this.originalToggle.click();
    await expect(this.originalView).toBeHidden();
  }

  block(containing: string): Locator {
    return this.originalView.getByTestId('source-block').filter({ hasText: containing });
  }

  async reextract(): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Article tools' })
      .getByRole('button', { name: /^Re-extract/ })
      .click();
    const confirm = this.page.getByRole('dialog', { name: 'Re-extract article' });
    await expect(confirm).toContainText('Your metadata edits and block choices are kept');
    await confirm.getByRole('button', { name: 'Re-extract' }).click();
    await expect(confirm).toBeHidden();
  }
}
