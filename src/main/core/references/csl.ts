// Citation text through citeproc-js (via citation-js's CSL plugin): bibliography entries and in-text citations
// with a passage locator, in the researcher's chosen style, turned into Markdown (italics kept, URLs as links).
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import chicago from './styles/chicago-author-date';
import harvard from './styles/harvard-cite-them-right';
import ieee from './styles/ieee';
import mla from './styles/modern-language-association';
import type { CslItem } from './csl-items';
import { DEFAULT_CITATION_STYLE, type CitationStyle } from './style-list';

// APA, Vancouver and Harvard1 ship with the plugin; the others are the CSL project's own files (CC BY-SA 3.0).
const bundled: Partial<Record<CitationStyle, string>> = {
  'chicago-author-date': chicago,
  'modern-language-association': mla,
  ieee,
  'harvard-cite-them-right': harvard,
};
let registered = false;
function register(): void {
  if (registered) return;
  const config = plugins.config.get('@csl') as { styles: { add(id: string, xml: string): void } };
  for (const [id, xml] of Object.entries(bundled)) config.styles.add(id, xml);
  registered = true;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const n =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return ENTITY[name.toLowerCase()] ?? whole;
  });
const escapeInline = (s: string): string => s.replace(/[\\`*_[\]<>|#^$%~=]/g, '\\$&');
// A URL ends before trailing punctuation the style adds ("…/a?b=1." in Chicago).
const URL_IN_TEXT = /https?:\/\/[^\s<>"]+?(?=[.,;:)\]]*(?:\s|$))/g;

/** citeproc's HTML for one entry as inline Markdown: `<i>` → `*`, `<b>` → `**`, URLs as `<…>` autolinks. */
export function htmlToMarkdown(html: string): string {
  const body = html
    .replace(/<div class="csl-left-margin">[\s\S]*?<\/div>/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  let out = '';
  for (const part of body.split(/(<[^>]*>)/g)) {
    if (part.startsWith('<')) {
      const tag = /^<\/?\s*([a-z]+)/i.exec(part)?.[1]?.toLowerCase();
      if (tag === 'i' || tag === 'em') out += '*';
      else if (tag === 'b' || tag === 'strong') out += '**';
      continue;
    }
    const text = decode(part);
    let at = 0;
    for (const m of text.matchAll(URL_IN_TEXT)) {
      out += escapeInline(text.slice(at, m.index)) + `<${m[0]}>`;
      at = m.index + m[0].length;
    }
    out += escapeInline(text.slice(at));
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Renders citations of a fixed set of items in one style. */
export class CitationRenderer {
  private readonly cite: InstanceType<typeof Cite>;
  private readonly urls = new Map<string, string>();

  constructor(
    items: readonly CslItem[],
    readonly style: CitationStyle = DEFAULT_CITATION_STYLE,
  ) {
    register();
    this.cite = new Cite(items.map((i) => ({ ...i })));
    for (const i of items) if (i.URL) this.urls.set(i.id, i.URL);
  }

  /** The bibliography entry as inline Markdown, always with the URL when the article has one. */
  entry(id: string): string {
    const html = this.cite.format('bibliography', {
      template: this.style,
      format: 'html',
      entry: id,
    }) as string;
    let md = htmlToMarkdown(html);
    const url = this.urls.get(id);
    if (url && /^https?:\/\//i.test(url) && !md.includes(url)) md += ` <${url}>`;
    return md;
  }

  /** The in-text citation, with the passage as locator: "(Fomin 2019, para. 12)". Plain text. */
  citation(id: string, paragraph?: number): string {
    const entry = paragraph ? [{ id, locator: String(paragraph), label: 'paragraph' }] : [{ id }];
    const text = this.cite.format('citation', { template: this.style, format: 'text', entry }) as string;
    return decode(text).trim();
  }
}
