// Small literal codebooks and corpora for the codebook's pure functions, and a transaction over them.
import type { Coding } from '../../../src/main/core/codebook/coding';
import { RecordSet } from '../../../src/main/core/store/record-set';
import { Transaction } from '../../../src/main/core/store/transaction';
import type { ArticleRecord, Highlight, Tag } from '../../../src/main/core/types';

export function tag(id: string, name: string, parentId: string | null = null, over: Partial<Tag> = {}): Tag {
  return {
    id,
    name,
    parentId,
    description: '',
    order: 0,
    color: '#1c7ed6',
    memo: '',
    createdAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

export function article(id: string, over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id,
    title: `Article ${id}`,
    author: null,
    published: null,
    source: null,
    url: null,
    language: null,
    format: 'txt',
    file: `${id}.txt`,
    sourceHash: '0'.repeat(64),
    textHash: `hash-${id}`,
    words: 100,
    passageCount: 3,
    importedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

let created = 0;
export function hl(
  id: string,
  articleId: string,
  start: number,
  end: number,
  tagIds: string[],
  over: Partial<Highlight> = {},
): Highlight {
  return {
    id,
    articleId,
    passageId: `${articleId}:p0`,
    tagIds,
    position: { start, end },
    quote: { exact: `text ${start}-${end}`, prefix: '', suffix: '' },
    memo: '',
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, created++)).toISOString(),
    orphaned: false,
    ...over,
  };
}

export function coding(tags: Tag[], highlights: Highlight[], articles: ArticleRecord[]): Coding {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return { tags, highlights, article: (id) => byId.get(id) };
}

/** A transaction over these records, and what it would commit. */
export function transaction(records: { tags?: Tag[]; highlights?: Highlight[]; articles?: ArticleRecord[] }) {
  const set = new RecordSet();
  for (const a of records.articles ?? []) set.set('article', a.id, a);
  for (const t of records.tags ?? []) set.set('tag', t.id, t);
  for (const h of records.highlights ?? []) set.set('highlight', h.id, h);
  const tx = new Transaction(set);
  /** Which articles carry a tag, as Derived would say. */
  const articlesWith = (tagId: string): string[] => [
    ...new Set(
      set
        .list('highlight')
        .filter((h) => h.tagIds.includes(tagId))
        .map((h) => h.articleId),
    ),
  ];
  return { tx, articlesWith };
}
