import { basename } from 'node:path';
import type { ArticleSummary } from '../api-contract';
import type { ArticleRecord, Highlight } from '../types';

/** An article as lists show it: its record (file name without folders) and what has been coded on it. */
export function summarize(record: ArticleRecord, highlights: readonly Highlight[]): ArticleSummary {
  const tags = new Set(highlights.flatMap((h) => h.tagIds));
  return { ...record, file: basename(record.file), tagCount: tags.size, highlightCount: highlights.length };
}
