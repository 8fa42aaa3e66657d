import type { ArticleSummary, ArticleView, ImportReport, SearchResponse } from '../core/api-contract';
import type { Extraction, SourceBlock } from '../core/types';

export interface Out {
  stdout(line: string): void;
  stderr(line: string): void;
}

export const json = (value: unknown): string => JSON.stringify(value);

export function importJson(r: ImportReport) {
  return {
    imported: r.imported.map(({ id, file, title, warnings }) => ({ id, file, title, warnings })),
    duplicates: r.duplicates,
    failed: r.failed,
    cancelled: r.cancelled,
  };
}

export function importText(r: ImportReport): string[] {
  const lines = [
    `Imported ${r.imported.length} article${r.imported.length === 1 ? '' : 's'}, ` +
      `${r.duplicates.length} duplicate${r.duplicates.length === 1 ? '' : 's'} skipped, ${r.failed.length} failed.`,
  ];
  for (const i of r.imported)
    lines.push(`  + ${i.id}  ${i.title}  (${i.file})${i.warnings.map((w) => `\n      ! ${w}`).join('')}`);
  for (const d of r.duplicates) lines.push(`  = ${d.file}: already in the notebook as ${d.id}`);
  for (const f of r.failed) lines.push(`  ✗ ${f.file}: ${f.error}`);
  return lines;
}

export function listJson(articles: readonly ArticleSummary[]) {
  return {
    articles: articles.map(({ id, title, author, published, source, url, words, file, language }) => ({
      id,
      title,
      author,
      published,
      source,
      url,
      language,
      words,
      file,
    })),
  };
}

export function listText(articles: readonly ArticleSummary[]): string[] {
  if (!articles.length) return ['The notebook has no articles yet. Import some with: quire import PATH...'];
  return articles.map((a) =>
    [a.id, a.published ?? '----------', `${a.words}w`.padStart(7), a.title, a.source ? `— ${a.source}` : '']
      .filter(Boolean)
      .join('  '),
  );
}

type BlockJson = Pick<SourceBlock, 'id' | 'text' | 'kind' | 'kept' | 'reason'>;

export function articleJson(
  e: Extraction | ArticleView['article'],
  text: string,
  passages: { id: string; text: string }[],
  blocks: readonly BlockJson[],
) {
  return {
    ...('id' in e ? { id: e.id } : {}),
    title: e.title,
    /** True when the file states no title and `title` is its first line (or file name). */
    untitled: e.untitled ?? false,
    author: e.author,
    published: e.published,
    source: e.source,
    url: e.url,
    language: e.language,
    format: e.format,
    text,
    passages,
    /** Every block the extractor saw, kept or dropped with its reason: what import stores beside the text. */
    blocks: blocks.map(({ id, text, kind, kept, reason }) => ({ id, text, kind, kept, reason })),
  };
}

export function articleText(
  meta: {
    title: string;
    author: string | null;
    published: string | null;
    source: string | null;
    url: string | null;
  },
  text: string,
): string[] {
  const header = [
    meta.title,
    [meta.author, meta.source, meta.published].filter(Boolean).join(' · '),
    meta.url ?? '',
  ].filter(Boolean);
  return [...header, '', text];
}

/**
 * Flat results (best groups first, best passages within each), as scripts expect. `total` / `passageTotal` count
 * every match; `returned` counts what is in `results`, and each group's `hitTotal` beside its `returned` says
 * whether --hits cut it short, so a script can tell "no more" from "not asked for".
 */
export function searchJson(r: SearchResponse) {
  return {
    query: r.query,
    total: r.total,
    passageTotal: r.passageTotal,
    returned: { groups: r.groups.length, passages: r.groups.reduce((n, g) => n + g.hits.length, 0) },
    interpretation: r.interpretation,
    warnings: r.warnings,
    corrections: r.corrections,
    groups: r.groups.map((g) => ({
      kind: g.kind,
      id: g.id,
      title: g.title,
      hitTotal: g.hitTotal,
      returned: g.hits.length,
    })),
    results: r.groups.flatMap((g) =>
      g.hits.map((h) => ({
        kind: g.kind,
        articleId: g.kind === 'article' ? g.id : null,
        noteId: g.kind === 'note' ? g.id : null,
        passageId: h.passageId,
        title: g.title,
        snippet: h.snippet,
        score: h.score,
      })),
    ),
  };
}

export function searchText(r: SearchResponse): string[] {
  const lines = [
    `${r.total} result${r.total === 1 ? '' : 's'} (${r.passageTotal} passages) for “${r.query}”.`,
  ];
  if (r.interpretation) lines.push(`Read as: ${r.interpretation}`);
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  for (const g of r.groups) {
    lines.push('', `${g.title}${g.detail ? `  — ${g.detail}` : ''}  [${g.kind} ${g.id}]`);
    for (const h of g.hits) lines.push(`  ${h.snippet}`);
    const more = g.hitTotal - g.hits.length;
    if (more > 0)
      lines.push(`  … ${more} more passage${more === 1 ? '' : 's'} (--hits ${g.hitTotal} shows them all)`);
  }
  const unseen = r.total - r.groups.length;
  if (unseen > 0)
    lines.push(
      '',
      `${unseen} more result${unseen === 1 ? '' : 's'} not shown (--limit ${r.total} shows them all).`,
    );
  return lines;
}
