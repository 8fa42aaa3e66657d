import { basename } from 'node:path';
import type { ArticleSummary, ArticleView } from '../api-contract';
import type { ArticleRecord, Highlight } from '../types';
import { QuireError } from '../errors';
import type { Core } from '../app/core';
import { articleBacklinks } from '../notes/backlinks';

/** What the reader shows: metadata, text with passages, highlights on it, and the notes that cite it. */
export async function articleView(core: Core, id: string): Promise<ArticleView> {
  const session = core.session();
  const record = requireArticle(core, id);
  const body = await session.body(id);
  const highlights = session.store.highlights().filter((h) => h.articleId === id);
  return {
    article: summarize(record, highlights),
    text: body.text,
    passages: body.passages.map((p) => ({ ...p, text: body.text.slice(p.start, p.end) })),
    highlights,
    backlinks: articleBacklinks([...session.store.notes()], id),
  };
}

export function requireArticle(core: Core, id: string): ArticleRecord {
  const record = core.session().store.article(id);
  if (!record)
    throw new QuireError('NOT_FOUND', `No article with id ${id} in this notebook; it may have been deleted.`);
  return record;
}

export function summarize(record: ArticleRecord, highlights: readonly Highlight[]): ArticleSummary {
  const tags = new Set(highlights.flatMap((h) => h.tagIds));
  return { ...record, file: basename(record.file), tagCount: tags.size, highlightCount: highlights.length };
}
