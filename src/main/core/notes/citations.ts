import type { Highlight } from '../types';
import { codeRanges, inRanges } from './code-ranges';

export interface CitedArticle {
  id: string;
  title: string;
  author: string | null;
  source: string | null;
  published: string | null;
}

export interface QuireLink {
  articleId: string;
  passageId: string | null;
  highlightId: string | null;
}

export interface Citation extends QuireLink {
  /** The link as written: the whole `[text](quire://…)`, or just the URL when it stands alone. */
  start: number;
  end: number;
  /** The Markdown link text, or null for a bare URL. */
  text: string | null;
}

/** Brackets would otherwise turn quoted article text into links (`[[…]]`) or break the link text. */
const escapeBrackets = (s: string): string => s.replace(/[\\[\]]/g, '\\$&');

export function quireLink(articleId: string, passageId: string, highlightId: string | null): string {
  const q = new URLSearchParams({ passage: passageId, ...(highlightId ? { highlight: highlightId } : {}) });
  return `quire://article/${encodeURIComponent(articleId)}?${q.toString()}`;
}

/**
 * The Markdown "Cite in note" inserts: the quote as a blockquote and an attribution line linking back to the
 * passage. Blank lines of the quote become a bare `>` so the blockquote stays one block.
 */
export function citationMarkdown(h: Highlight, article: CitedArticle): string {
  return quoteMarkdown(h.quote.exact, article, h.passageId, h.id);
}

/** The same citation for any quoted text of a passage (text copied from the reader), with or without a highlight. */
export function quoteMarkdown(
  quote: string,
  article: Pick<CitedArticle, 'id' | 'title'>,
  passageId: string,
  highlightId: string | null,
): string {
  const quoteLines = quote
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${escapeBrackets(line)}`));
  const title = escapeBrackets(article.title.trim() || 'Untitled');
  return [...quoteLines, `> — [${title}](${quireLink(article.id, passageId, highlightId)})`].join('\n');
}

const ID = /^[^\s\p{Cc}]{1,200}$/u;
const QUIRE_URL = /^quire:\/\/article\/([^/?#\s]+)\/?(?:\?([^#\s]*))?(?:#\S*)?$/;

function decodeId(raw: string | null): string | null | undefined {
  if (raw === null || raw === '') return null;
  try {
    const id = decodeURIComponent(raw);
    return ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `quire://article/<id>?passage=<id>&highlight=<id>` → its ids; anything else (or malformed) → null. */
export function parseQuireLink(href: string): QuireLink | null {
  const m = QUIRE_URL.exec(href.trim());
  if (!m) return null;
  const articleId = decodeId(m[1] ?? '');
  if (typeof articleId !== 'string') return null;
  const params = new URLSearchParams(m[2] ?? '');
  // URLSearchParams already percent-decodes; re-encode so decodeId validates one way for all three.
  const passageId = decodeId(encodeURIComponent(params.get('passage') ?? ''));
  const highlightId = decodeId(encodeURIComponent(params.get('highlight') ?? ''));
  if (passageId === undefined || highlightId === undefined) return null;
  return { articleId, passageId, highlightId };
}

// The URL part excludes brackets (quireLink percent-encodes them): an unclosed `[](quire://…` then fails at
// the next `[` instead of rescanning the rest of the note from each one.
const MARKDOWN_LINK = /\[((?:\\.|[^[\]\\\n])*)\]\(\s*<?(quire:\/\/article\/[^\s)>[\]]+)>?\s*\)/g;
const BARE_LINK = /quire:\/\/article\/[^\s)>\]"'<]+/g;

/** Every `quire://article/…` link in a note (in a blockquote or not), except inside code. */
export function parseCitations(body: string): Citation[] {
  const code = codeRanges(body);
  const found: Citation[] = [];
  const taken: [number, number][] = [];
  for (const match of body.matchAll(MARKDOWN_LINK)) {
    const start = match.index;
    const end = start + match[0].length;
    if (inRanges(code, start, end)) continue;
    taken.push([start, end]);
    const link = parseQuireLink(match[2] ?? '');
    if (link) found.push({ ...link, start, end, text: (match[1] ?? '').replace(/\\(.)/g, '$1') });
  }
  for (const match of body.matchAll(BARE_LINK)) {
    const start = match.index;
    const end = start + match[0].length;
    if (inRanges(code, start, end) || inRanges(taken, start, end)) continue;
    const link = parseQuireLink(match[0]);
    if (link) found.push({ ...link, start, end, text: null });
  }
  return found.sort((a, b) => a.start - b.start);
}
