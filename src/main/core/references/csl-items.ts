// Articles as CSL-JSON items (the data model of Zotero, citeproc-js and citation-js), with readable citation
// keys. Names are split into family and given parts only when that is safe to guess; otherwise the whole name
// stays one literal, as Zotero does for names it cannot split.
import type { ArticleRecord } from '../types';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  'citation-key': string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  'container-title'?: string;
  URL?: string;
  language?: string;
  note?: string;
}

/** Languages whose personal names have no family name to put first (Burmese, Thai, Khmer, Lao, Javanese…). */
const NO_FAMILY_NAME = new Set(['my', 'th', 'km', 'lo', 'jv', 'bo', 'dz']);

export function parseAuthors(author: string | null, language: string | null): CslName[] {
  if (!author?.trim()) return [];
  const lang = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return author
    .split(/\s*(?:;|\band\b|&)\s*/u)
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name): CslName => {
      const comma = name.indexOf(',');
      if (comma > 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
      const words = name.split(/\s+/u);
      const latin = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}.'’ -]+$/u.test(name);
      if (NO_FAMILY_NAME.has(lang) || !latin || words.length < 2 || words.length > 4 || /\d/.test(name)) {
        return { literal: name };
      }
      return { family: words[words.length - 1] ?? name, given: words.slice(0, -1).join(' ') };
    });
}

function dateParts(published: string | null): number[][] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published ?? '');
  if (!m) return undefined;
  return [[m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number)];
}

const ascii = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '');

const STOP = new Set(['the', 'a', 'an', 'of', 'on', 'in', 'and', 'for', 'to', 'will', 'is', 'with']);

/** `fomin2019ties`: first author's family name, year, first significant title word; unique in `taken`. */
export function citationKey(a: ArticleRecord, taken: Set<string>): string {
  const first = parseAuthors(a.author, a.language)[0];
  const who = ascii(first?.family ?? first?.literal?.split(/\s+/u)[0] ?? a.source ?? '').toLowerCase();
  const year = /^\d{4}/.exec(a.published ?? '')?.[0] ?? 'nd';
  const word =
    a.title
      .split(/\s+/u)
      .map((w) => ascii(w).toLowerCase())
      .find((w) => w.length > 2 && !STOP.has(w)) ?? '';
  const base = `${who || 'anon'}${year}${word}` || a.id;
  let key = base;
  for (let i = 0; taken.has(key); i++)
    key = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}`;
  taken.add(key);
  return key;
}

export function articleItem(a: ArticleRecord, key: string): CslItem {
  const item: CslItem = { id: a.id, type: 'article-newspaper', 'citation-key': key, title: a.title };
  const authors = parseAuthors(a.author, a.language);
  if (authors.length) item.author = authors;
  const issued = dateParts(a.published);
  if (issued) item.issued = { 'date-parts': issued };
  if (a.source?.trim()) item['container-title'] = a.source.trim();
  if (a.url?.trim()) item.URL = a.url.trim();
  if (a.language?.trim()) item.language = a.language.trim();
  return item;
}

/** Items for these articles, keys assigned in the given order (stable across exports of the same articles). */
export function articleItems(articles: readonly ArticleRecord[]): CslItem[] {
  const taken = new Set<string>();
  return articles.map((a) => articleItem(a, citationKey(a, taken)));
}
