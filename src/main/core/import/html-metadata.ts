// Article metadata stated by the page itself: <meta> (Open Graph, article:, twitter:, Dublin Core),
// JSON-LD (schema.org NewsArticle/Article), <time datetime>, <title>, <html lang>.
import { parseDate } from './dates';
import { all, type DomDocument } from './html-dom';
import { safeUrl } from './safe-url';

export interface HtmlMetadata {
  title: string | null;
  author: string | null;
  published: string | null;
  source: string | null;
  url: string | null;
  language: string | null;
}

const ARTICLE_TYPES = /^(?:\w+)?(?:Article|BlogPosting|Report|NewsArticle|Posting)$/;

interface JsonLdArticle {
  headline: string | null;
  author: string | null;
  published: string | null;
  publisher: string | null;
  url: string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.replace(/\s+/g, ' ').trim() : null;
}

function names(v: unknown): string | null {
  const list = Array.isArray(v) ? v : [v];
  const found = list
    .map((a) => (isRecord(a) ? str(a.name) : str(a)))
    .filter((n): n is string => n !== null && !/^https?:/.test(n));
  return found.length > 0 ? [...new Set(found)].join(', ') : null;
}

function typesOf(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** Finds the first Article-like object anywhere in the JSON-LD (top level, arrays, @graph). */
function findArticle(root: unknown): Record<string, unknown> | null {
  const queue: unknown[] = [root];
  for (let seen = 0; queue.length > 0 && seen < 1000; seen++) {
    const node = queue.shift();
    if (Array.isArray(node)) queue.push(...node);
    else if (isRecord(node)) {
      if (typesOf(node).some((t) => ARTICLE_TYPES.test(t))) return node;
      if (Array.isArray(node['@graph'])) queue.push(...node['@graph']);
    }
  }
  return null;
}

function readJsonLd(doc: DomDocument): JsonLdArticle | null {
  for (const script of all(doc, 'script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const a = findArticle(data);
    if (!a) continue;
    const page = a.mainEntityOfPage;
    return {
      headline: str(a.headline) ?? str(a.name),
      author: names(a.author) ?? names(a.creator),
      published: str(a.datePublished) ?? str(a.dateCreated),
      publisher: isRecord(a.publisher) ? str(a.publisher.name) : str(a.publisher),
      url: str(a.url) ?? str(page) ?? (isRecord(page) ? str(page['@id']) : null),
    };
  }
  return null;
}

function readMeta(doc: DomDocument): Map<string, string> {
  const meta = new Map<string, string>();
  for (const el of all(doc, 'meta')) {
    const content = str(el.getAttribute('content'));
    if (content === null) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      // One attribute can hold several space-separated properties ("og:title twitter:title").
      for (const key of (el.getAttribute(attr) ?? '').toLowerCase().split(/\s+/)) {
        if (key !== '' && !meta.has(key)) meta.set(key, content);
      }
    }
  }
  return meta;
}

function pick(meta: Map<string, string>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k);
    if (v) return v;
  }
  return null;
}

function notUrl(s: string | null): string | null {
  return s && !/^(?:https?:|www\.)/i.test(s) ? s : null;
}

/** `Headline | Site`, `Headline - Site`: drop the site part when the page names the site. */
function cleanTitleTag(title: string, site: string | null): string | null {
  const t = title.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  if (site) {
    for (const sep of [' | ', ' - ', ' – ', ' — ', ' :: ', ' » ']) {
      if (t.endsWith(sep + site)) return t.slice(0, -(sep.length + site.length)).trim();
      if (t.startsWith(site + sep)) return t.slice(site.length + sep.length).trim();
    }
  }
  return t;
}

function normaliseLang(s: string | null): string | null {
  if (!s) return null;
  const t = s.trim().replace('_', '-');
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(t) ? t : null;
}

export function readHtmlMetadata(doc: DomDocument): HtmlMetadata {
  const meta = readMeta(doc);
  const ld = readJsonLd(doc);
  const source =
    pick(meta, 'og:site_name', 'application-name', 'dc.publisher', 'dcterms.publisher') ??
    ld?.publisher ??
    null;
  const titleTag = cleanTitleTag(doc.title ?? '', source);
  const h1 = str(doc.querySelector('h1')?.textContent);
  const title =
    ld?.headline ??
    pick(meta, 'og:title', 'dc.title', 'dcterms.title', 'twitter:title', 'title', 'headline') ??
    titleTag ??
    h1;
  const author =
    ld?.author ??
    notUrl(
      pick(meta, 'author', 'article:author', 'dc.creator', 'dcterms.creator', 'byl', 'sailthru.author'),
    ) ??
    str(doc.querySelector('[rel="author"]')?.textContent);
  const dateText =
    ld?.published ??
    pick(
      meta,
      'article:published_time',
      'datepublished',
      'publishdate',
      'pubdate',
      'date',
      'dc.date',
      'dc.date.issued',
      'dcterms.created',
      'sailthru.date',
      'og:published_time',
    ) ??
    doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') ??
    null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  // Only absolute web addresses: a relative canonical link, a mailto: or a `javascript:` og:url is not the page.
  const url = [canonical, pick(meta, 'og:url', 'twitter:url'), ld?.url]
    .map(safeUrl)
    .find((u): u is string => u !== null && !/^mailto:/i.test(u));
  return {
    title,
    author: author ? author.replace(/^by\s+/i, '') : null,
    published: dateText ? parseDate(dateText) : null,
    source,
    url: url ?? null,
    language: normaliseLang(
      doc.documentElement?.getAttribute('lang') ?? pick(meta, 'content-language', 'og:locale'),
    ),
  };
}
