// Notes preview: Markdown -> HTML with marked, then DOMPurify with a strict allow-list. [[Title]] becomes an
// internal `quire://note/` link (to whatever the title names: a note, an article, a passage, a tag); `![[Title]]`
// becomes an empty placeholder the preview fills with the embed; `quire:` is the only non-web scheme allowed.
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
  'span',
];
const ALLOWED_ATTR = ['href', 'title', 'type', 'checked', 'disabled', 'data-wikilink', 'data-embed'];
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|quire:\/\/)/i;

const escapeAttribute = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Replaces each [[Title]], [[Title|alias]] or [[Title#Heading]] (outside code, as the core parses them for
 * backlinks and renames) with a Markdown link, showing the alias when there is one; each `![[…]]` with an embed
 * placeholder, or a plain link when embeds are not wanted (inside a transcluded note).
 */
function linkWikilinks(markdown: string, embeds: boolean): string {
  let out = '';
  let at = 0;
  for (const link of parseWikilinks(markdown)) {
    const target = link.fullTarget.trim();
    const bang = markdown[link.start - 1] === '!' && link.start - 1 >= at;
    if (bang && embeds) {
      out += markdown.slice(at, link.start - 1) + `<span data-embed="${escapeAttribute(target)}"></span>`;
    } else {
      const label = (link.alias ?? link.fullTarget).trim().replace(/([\\[\]])/g, '\\$1');
      out +=
        markdown.slice(at, bang ? link.start - 1 : link.start) + `[${label}](${noteHref(target)} "wikilink")`;
    }
    at = link.end;
  }
  return out + markdown.slice(at);
}

export function renderMarkdown(markdown: string, options: { embeds?: boolean } = {}): string {
  const html = marked.parse(linkWikilinks(markdown, options.embeds ?? true), { async: false, gfm: true });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    // An embed's target is a title, not an address: without this the URI check would drop it.
    ADD_URI_SAFE_ATTR: ['data-embed'],
  });
}
