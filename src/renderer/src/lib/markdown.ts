// Notes preview: Markdown -> HTML with marked, then DOMPurify with a strict allow-list. [[Title]] becomes an
// internal `quire://note/` link; `quire:` is the only non-web scheme allowed through.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { parseWikilinks } from '../../../main/core/notes/wikilinks';
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

/**
 * Replaces each [[Title]], [[Title|alias]] or [[Title#Heading]] (outside code, as the core parses them for
 * backlinks and renames) with a Markdown link to the note, showing the alias when there is one.
 */
function linkWikilinks(markdown: string): string {
  let out = '';
  let at = 0;
  for (const link of parseWikilinks(markdown)) {
    const label = (link.alias ?? link.fullTarget).trim().replace(/([\\[\]])/g, '\\$1');
    out += markdown.slice(at, link.start) + `[${label}](${noteHref(link.fullTarget.trim())} "wikilink")`;
    at = link.end;
  }
  return out + markdown.slice(at);
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
