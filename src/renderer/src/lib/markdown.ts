// Notes preview: Markdown -> HTML with marked, then DOMPurify with a strict allow-list. [[Title]] becomes an
// internal `quire://note/` link; `quire:` is the only non-web scheme allowed through.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { noteHref } from './quire-link';

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
];
const ALLOWED_ATTR = ['href', 'title', 'type', 'checked', 'disabled', 'data-wikilink'];
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|quire:\/\/)/i;

/** Replaces [[Title]] outside code spans with a Markdown link to the note. */
function linkWikilinks(markdown: string): string {
  return markdown
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\[\[([^\]\n]+)\]\]/g, (_m, title: string) => {
            const label = title.trim().replace(/([\\[\]])/g, '\\$1');
            return `[${label}](${noteHref(title.trim())} "wikilink")`;
          }),
    )
    .join('');
}

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(linkWikilinks(markdown), { async: false, gfm: true });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
  });
}
