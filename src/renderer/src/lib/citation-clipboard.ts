// Text copied from the reader carries where it came from, so pasting it into a note makes a citation with its link
// back: a custom type for Quire's own editor, and an HTML fragment (`<blockquote cite="quire://…">`) that survives
// a trip through other apps and windows. Plain text stays the plain words, for pasting anywhere else.
import type { ArticleView } from '../../../main/core/api-contract';
import { parseQuireLink, quireLink } from '../../../main/core/notes/citations';
import { readSelection } from './selection';

export const CITATION_TYPE = 'application/x-quire-citation';

export interface ClipboardCitation {
  articleId: string;
  articleTitle: string;
  passageId: string;
  highlightId: string | null;
  text: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function writeCitation(data: DataTransfer, c: ClipboardCitation): void {
  const href = escapeHtml(quireLink(c.articleId, c.passageId, c.highlightId));
  data.setData('text/plain', c.text);
  data.setData(
    'text/html',
    `<blockquote cite="${href}">${escapeHtml(c.text).replace(/\n/g, '<br>')}</blockquote>` +
      `<p>— <a href="${href}">${escapeHtml(c.articleTitle)}</a></p>`,
  );
  data.setData(CITATION_TYPE, JSON.stringify(c));
}

function isCitation(v: unknown): v is ClipboardCitation {
  return (
    typeof v === 'object' &&
    v !== null &&
    'articleId' in v &&
    typeof v.articleId === 'string' &&
    'articleTitle' in v &&
    typeof v.articleTitle === 'string' &&
    'passageId' in v &&
    typeof v.passageId === 'string' &&
    'highlightId' in v &&
    (v.highlightId === null || typeof v.highlightId === 'string') &&
    'text' in v &&
    typeof v.text === 'string'
  );
}

/** A citation on the clipboard (Quire's own type, else a `quire://` blockquote in HTML), or null. */
export function readCitation(data: DataTransfer): ClipboardCitation | null {
  const own = data.getData(CITATION_TYPE);
  if (own) {
    try {
      const parsed: unknown = JSON.parse(own);
      if (isCitation(parsed)) return parsed;
    } catch {
      // Not ours after all: try the HTML.
    }
  }
  const html = data.getData('text/html');
  if (!html.includes('quire://article/')) return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const quote = doc.querySelector('blockquote[cite^="quire://article/"]');
  const link = parseQuireLink(quote?.getAttribute('cite') ?? '');
  if (!quote || !link?.passageId) return null;
  quote.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  const title = doc.querySelector('a[href^="quire://article/"]')?.textContent?.trim() ?? '';
  return {
    articleId: link.articleId,
    articleTitle: title || 'Untitled',
    passageId: link.passageId,
    highlightId: link.highlightId,
    text: quote.textContent?.trim() ?? '',
  };
}

/** The reader's copy: the selected words, with the passage (and the highlight, when exactly one) they come from. */
export function copyFromReader(e: ClipboardEvent, view: ArticleView): void {
  const root = e.currentTarget instanceof HTMLElement ? e.currentTarget : null;
  const sel = root ? readSelection(root) : null;
  if (!sel || !e.clipboardData) return;
  const passage = view.passages.find((p) => p.start <= sel.start && sel.start < p.end);
  if (!passage) return;
  const highlight = view.highlights.find((h) => h.position.start === sel.start && h.position.end === sel.end);
  e.preventDefault();
  writeCitation(e.clipboardData, {
    articleId: view.article.id,
    articleTitle: view.article.title,
    passageId: passage.id,
    highlightId: highlight?.id ?? null,
    text: view.text.slice(sel.start, sel.end),
  });
}
