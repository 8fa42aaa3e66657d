// What ../shared/tools/gen-corpus.mjs writes (its README), and the one way benches and tests turn a manifest
// entry's paragraphs into an ArticleBody. Types only, plus a pure helper: safe to import from tests.
import type { ArticleBody, Passage } from '../src/main/core/types';

/** One entry of `manifest.json`: the truth about one generated file. */
export interface ManifestEntry {
  file: string;
  format: 'txt' | 'html' | 'md';
  title: string;
  author: string | null;
  published: string | null;
  source: string | null;
  url: string | null;
  /** The true body paragraphs, each verbatim in the file. */
  paragraphs: string[];
  /** Chrome snippets planted in the file; none may survive extraction. */
  boilerplate: string[];
}

/** One case of `queries.json`. */
export interface QueryCase {
  query: string;
  kind: string;
  /** Files that must be in the top ten. */
  expect: string[];
}

/** Paragraphs joined by a blank line, one passage each: the shape the importer produces. */
export function bodyOf(id: string, paragraphs: readonly string[]): ArticleBody {
  let text = '';
  const passages: Passage[] = [];
  paragraphs.forEach((p, i) => {
    if (text !== '') text += '\n\n';
    passages.push({ id: `${id}:p${i}`, kind: 'paragraph', start: text.length, end: text.length + p.length });
    text += p;
  });
  return { id, text, passages };
}
