// Links the note preview handles itself: citations (`quire://article/…`, parsed by the core's own parser, the
// same one export and backlinks use) and rendered [[wikilinks]] (`quire://note/<title>`).
import { parseQuireLink as parseArticleLink } from '../../../main/core/notes/citations';

export type QuireLink =
  | { kind: 'article'; articleId: string; passageId: string | null; highlightId: string | null }
  | { kind: 'note'; title: string };

const NOTE_PREFIX = 'quire://note/';

export function parseQuireLink(href: string): QuireLink | null {
  if (href.startsWith(NOTE_PREFIX)) {
    try {
      const title = decodeURIComponent(href.slice(NOTE_PREFIX.length));
      return title ? { kind: 'note', title } : null;
    } catch {
      return null;
    }
  }
  const article = parseArticleLink(href);
  return article ? { kind: 'article', ...article } : null;
}

export function noteHref(title: string): string {
  return NOTE_PREFIX + encodeURIComponent(title);
}
