// A reference file (BibTeX/BibLaTeX, CSL-JSON, RIS) read through citation-js, each reference matched to an
// article (by URL, else by title) and its metadata filled in or corrected. What happened to each reference is
// reported; the changes are one change set.
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { QuireError } from '../errors';
import type { ArticleMetadata, ArticleRecord } from '../types';
import type { CslName } from './csl-items';

export type RefFormat = 'bibtex' | 'csljson' | 'ris';

export interface ReadReference {
  /** How the report names it: its key or title. */
  label: string;
  metadata: Partial<ArticleMetadata>;
}

export interface ReferenceOutcome {
  reference: string;
  status: 'updated' | 'unchanged' | 'unmatched' | 'ambiguous';
  articleId: string | null;
  articleTitle: string | null;
  matchedBy: 'url' | 'title' | null;
  changes: { field: keyof ArticleMetadata; from: string | null; to: string }[];
}

const MAX_REFERENCES = 50_000;

export function detectFormat(fileName: string, text: string): RefFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  if (ext === 'json') return 'csljson';
  const start = text.trimStart();
  if (start.startsWith('@')) return 'bibtex';
  if (start.startsWith('[') || start.startsWith('{')) return 'csljson';
  if (/^TY {2}- /m.test(start)) return 'ris';
  throw new QuireError(
    'BAD_INPUT',
    `Quire cannot tell what kind of reference file “${fileName}” is: use a .bib (BibTeX), .json (CSL-JSON) or .ris file.`,
  );
}

function parse(text: string, format: RefFormat, fileName: string): Record<string, unknown>[] {
  try {
    if (format === 'csljson') {
      const data: unknown = JSON.parse(text);
      const list = Array.isArray(data) ? data : [data];
      if (!list.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)))
        throw new Error('expected a list of CSL-JSON items');
      return plugins.input.chain(list, { forceType: '@csl/list+object', generateGraph: false });
    }
    const type = format === 'bibtex' ? '@biblatex/text' : '@ris/file';
    return plugins.input.chain(text, { forceType: type, generateGraph: false });
  } catch (e) {
    const what = { bibtex: 'BibTeX', csljson: 'CSL-JSON', ris: 'RIS' }[format];
    const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new QuireError(
      'BAD_INPUT',
      `“${fileName}” is not valid ${what} (${detail}); fix the file or export it again. Nothing was changed.`,
    );
  }
}

const nameText = (n: CslName | string): string =>
  typeof n === 'string' ? n : (n.literal ?? [n.given, n.family].filter(Boolean).join(' ')).trim();

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : undefined;
}

function fullDate(v: unknown): string | undefined {
  const parts = (v as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0];
  if (!Array.isArray(parts) || parts.length < 3) return undefined;
  const [y, m, d] = parts.map(Number);
  if (!y || !m || !d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function readReferences(text: string, fileName: string): ReadReference[] {
  const format = detectFormat(fileName, text);
  const items = parse(text, format, fileName);
  if (items.length === 0) {
    throw new QuireError('BAD_INPUT', `“${fileName}” holds no references; nothing was changed.`);
  }
  if (items.length > MAX_REFERENCES) {
    throw new QuireError(
      'BAD_INPUT',
      `“${fileName}” holds more than ${MAX_REFERENCES} references; split it.`,
    );
  }
  return items.map((item) => {
    const people = (item.author ?? item.reporter ?? []) as (CslName | string)[];
    const authors = (Array.isArray(people) ? people : [people]).map(nameText).filter(Boolean);
    const metadata: Partial<ArticleMetadata> = {};
    const title = str(item.title);
    if (title) metadata.title = title;
    if (authors.length) metadata.author = authors.join(' and ');
    const date = fullDate(item.issued);
    if (date) metadata.published = date;
    const source = str(item['container-title']) ?? str(item.publisher);
    if (source) metadata.source = source;
    const url = str(item.URL);
    if (url && /^https?:\/\//i.test(url)) metadata.url = url;
    const language = str(item.language);
    if (language) metadata.language = language;
    return { label: str(item['citation-key']) ?? title ?? str(item.id) ?? 'a reference', metadata };
  });
}

/** URLs compare without scheme, `www.`, trailing slash, fragment and tracking parameters. */
export function urlKey(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    for (const k of [...u.searchParams.keys()]) if (/^(utm_|fbclid|gclid)/i.test(k)) u.searchParams.delete(k);
    const query = u.searchParams.toString();
    return `${u.hostname.replace(/^www\./i, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

export const titleMatchKey = (t: string): string =>
  t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Which article a reference is about: one by URL, else one by title; several → ambiguous. */
export function matchReference(
  ref: ReadReference,
  articles: readonly ArticleRecord[],
): { article: ArticleRecord | null; by: 'url' | 'title' | null; ambiguous: boolean } {
  const url = urlKey(ref.metadata.url);
  if (url) {
    const hits = articles.filter((a) => urlKey(a.url) === url);
    if (hits.length === 1) return { article: hits[0] ?? null, by: 'url', ambiguous: false };
    if (hits.length > 1) return { article: null, by: 'url', ambiguous: true };
  }
  const title = ref.metadata.title ? titleMatchKey(ref.metadata.title) : '';
  if (title) {
    const hits = articles.filter((a) => titleMatchKey(a.title) === title);
    if (hits.length === 1) return { article: hits[0] ?? null, by: 'title', ambiguous: false };
    if (hits.length > 1) return { article: null, by: 'title', ambiguous: true };
  }
  return { article: null, by: null, ambiguous: false };
}

const FIELDS = ['title', 'author', 'published', 'source', 'url', 'language'] as const;

/** The fields this reference would change on the article (all differing ones, or only empty ones). */
export function changesFor(
  ref: ReadReference,
  article: ArticleRecord,
  fillOnly: boolean,
): ReferenceOutcome['changes'] {
  const changes: ReferenceOutcome['changes'] = [];
  for (const field of FIELDS) {
    const to = ref.metadata[field];
    if (to === undefined || to === null) continue;
    const from = article[field];
    if (from === to || (fillOnly && from !== null && from.trim() !== '')) continue;
    changes.push({ field, from, to });
  }
  return changes;
}
