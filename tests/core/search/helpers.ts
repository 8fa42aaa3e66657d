// Search test helpers: indexes built from paragraphs the way the importer shapes them (bodyOf is shared with the benches).
import { SearchIndex } from '../../../src/main/core/search/index';
import { bodyOf } from '../../../scripts/gen-corpus-types';

export { bodyOf };

/** An index over `{ id: [title, ...paragraphs] }`. */
export function indexOf(articles: Record<string, string[]>): SearchIndex {
  const index = new SearchIndex();
  for (const [id, [title, ...paragraphs]] of Object.entries(articles)) {
    index.addArticle({ id, title: title ?? '' }, bodyOf(id, paragraphs));
  }
  return index;
}

/** Splits a scraped text page on blank lines, as a stand-in for the importer. */
export function paragraphsOfPage(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
