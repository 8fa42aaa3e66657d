// Page object for the search field, its help popover and the grouped, virtualized results list.
import { expect, type Locator, type Page } from '@playwright/test';

export class SearchPanel {
  readonly field: Locator;
  readonly helpButton: Locator;
  readonly help: Locator;
  readonly list: Locator;
  readonly hits: Locator;
  /** The rows that bring the rest of a group's matching passages. */
  readonly more: Locator;
  readonly groups: Locator;
  readonly totals: Locator;
  readonly interpretation: Locator;
  readonly corrections: Locator;
  readonly indexProgress: Locator;

  constructor(readonly page: Page) {
    this.field = page.getByRole('searchbox', { name: 'Search articles' });
    this.helpButton = page.getByRole('button', { name: 'Search help' });
    this.help = page.getByRole('dialog', { name: 'Search help' });
    this.list = page.getByRole('listbox', { name: 'Results' });
    this.hits = this.list.getByTestId('search-hit');
    this.more = this.list.getByTestId('search-more');
    this.groups = page.getByTestId('search-group');
    this.totals = page.getByTestId('search-totals');
    this.interpretation = page.getByTestId('search-interpretation');
    this.corrections = page.getByTestId('search-corrections');
    this.indexProgress = page.getByTestId('index-progress');
  }

  /** Types the query and waits until the results header shows the answer for exactly this query. */
  async search(query: string): Promise<void> {
    await this.field.fill(query);
    await expect(this.totals).toContainText(`for “${query}”`);
  }

  group(title: string): Locator {
    return this.groups.filter({ hasText: title });
  }

  /** Passage options of the group titled `title` (each option names its article or note). */
  hitsOf(title: string): Locator {
    return this.hits.filter({ hasText: title });
  }

  /** A passage whose snippet marks `word` (case-insensitive, whole mark). */
  hitMarking(word: string): Locator {
    return this.hits.filter({
      has: this.page.locator('mark', { hasText: new RegExp(`^${escapeRegExp(word)}$`, 'i') }),
    });
  }

  get selected(): Locator {
    return this.list.getByRole('option', { selected: true });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
