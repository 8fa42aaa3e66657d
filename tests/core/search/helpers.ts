// Builds ArticleBody values the way the importer will: paragraphs joined by a blank line, one passage each.
import type { ArticleBody, Passage } from '../../../src/main/core/types';
import { SearchIndex } from '../../../src/main/core/search/index';

export function bodyOf(id: string, paragraphs: string[]): ArticleBody {
  let text = '';
  const passages: Passage[] = [];
  paragraphs.forEach((p, i) => {
    if (text !== '') text += '\n\n';
    passages.push({ id: `${id}:p${i}`, kind: 'paragraph', start: text.length, end: text.length + p.length });
    text += p;
  });
  return { id, text, passages };
}

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
