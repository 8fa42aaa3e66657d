// HTML to text blocks. Mozilla Readability picks the article; when it finds nothing (or much less than
// the page's own paragraphs hold), a plain walk over the body, minus navigation and page furniture, does.
// Only text leaves this module: no markup, scripts or styles survive.
import { Readability } from '@mozilla/readability';
import type { Block } from './canonical';
import { canonicalize } from './canonical';
import type { FormatResult } from './format-result';
import { isElement, parseDocument, TEXT_NODE, type DomDocument, type DomNode } from './html-dom';
import { readHtmlMetadata } from './html-metadata';
import { parseDate } from './dates';

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'HEAD',
  'TITLE',
  'BUTTON',
  'SELECT',
  'INPUT',
  'TEXTAREA',
  'IMG',
  'VIDEO',
  'AUDIO',
  'MATH',
]);
/** Page furniture skipped by the fallback walk (Readability already leaves it out). */
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'MENU', 'DIALOG']);
const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'BLOCKQUOTE',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'PRE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'CAPTION',
  'FIGURE',
  'FIGCAPTION',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'ADDRESS',
  'HEADER',
  'FOOTER',
  'NAV',
  'ASIDE',
  'FORM',
  'FIELDSET',
  'DETAILS',
  'SUMMARY',
  'CENTER',
  'BODY',
]);

type Step = { node: DomNode; exit: false } | { node: DomNode; exit: true };

/** Iterative (not recursive) so 10,000 nested elements cannot overflow the stack. */
export function blocksFromDom(root: DomNode, skipFurniture: boolean): Block[] {
  const blocks: Block[] = [];
  const open = new Map<string, number>();
  let buffer = '';
  const inside = (tag: string): boolean => (open.get(tag) ?? 0) > 0;
  const kind = (): Block['kind'] => {
    if (['H1', 'H2', 'H3', 'H4', 'H5', 'H6'].some(inside)) return 'heading';
    if (inside('LI') || inside('DT') || inside('DD')) return 'list';
    if (inside('BLOCKQUOTE')) return 'quote';
    return 'paragraph';
  };
  const flush = (): void => {
    const pre = inside('PRE');
    const text = buffer
      .split('\n')
      .map((l) => (pre ? l.replace(/\s+$/, '') : l.replace(/[ \t\f\r]+/g, ' ').trim()))
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    if (text.trim() !== '')
      blocks.push({ text: pre ? text : text.replace(/\t\n|\t$/g, '\n').trim(), kind: kind() });
    buffer = '';
  };
  const stack: Step[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const step = stack.pop();
    if (!step) break;
    const { node } = step;
    if (!isElement(node)) {
      if (!step.exit && node.nodeType === TEXT_NODE) {
        const t = node.textContent ?? '';
        buffer += inside('PRE') ? t : t.replace(/\s+/g, ' ');
      }
      continue;
    }
    const tag = node.tagName.toUpperCase();
    if (step.exit) {
      if (tag === 'TD' || tag === 'TH') buffer += '\t';
      if (BLOCK.has(tag)) flush();
      open.set(tag, (open.get(tag) ?? 1) - 1);
      continue;
    }
    if (SKIP.has(tag) || (skipFurniture && FURNITURE.has(tag))) continue;
    if (node.getAttribute('hidden') !== null || node.getAttribute('aria-hidden') === 'true') continue;
    if (tag === 'BR') {
      buffer += '\n';
      continue;
    }
    if (BLOCK.has(tag)) flush();
    open.set(tag, (open.get(tag) ?? 0) + 1);
    stack.push({ node, exit: true });
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, exit: false });
    }
  }
  flush();
  return blocks;
}

/** Readability recurses once per level of nesting; past this depth it would exhaust the stack. */
const MAX_READABILITY_DEPTH = 400;

function depthExceeds(root: DomNode, limit: number): boolean {
  const stack: { node: DomNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    if (item.depth > limit) return true;
    const children = item.node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child && isElement(child)) stack.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}

function textLength(blocks: readonly Block[]): number {
  return blocks.reduce((n, b) => n + (b.kind === 'paragraph' ? b.text.length : 0), 0);
}

interface ReadabilityResult {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  blocks: Block[];
}

function runReadability(doc: DomDocument): ReadabilityResult | null {
  try {
    // The serializer hands back the live node, so the article is walked once instead of re-parsed.
    // Readability is typed against the browser Document; linkedom's document implements what it uses.
    const dom = doc as unknown as ConstructorParameters<typeof Readability>[0];
    const reader = new Readability<unknown>(dom, { serializer: (node: unknown) => node, maxElemsToParse: 0 });
    const article = reader.parse();
    if (!article) return null;
    const content = article.content;
    const blocks = isNode(content) ? blocksFromDom(content, false) : [];
    return {
      title: article.title ?? null,
      byline: article.byline ?? null,
      siteName: article.siteName ?? null,
      publishedTime: article.publishedTime ?? null,
      blocks,
    };
  } catch {
    return null;
  }
}

function isNode(v: unknown): v is DomNode {
  return typeof v === 'object' && v !== null && 'nodeType' in v && 'childNodes' in v;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

export function extractHtml(input: string): FormatResult {
  // Canonical first, so offsets and ids do not depend on the page's line endings or stray controls.
  const doc = parseDocument(canonicalize(input));
  const meta = readHtmlMetadata(doc);
  // The fallback walk must see the page before Readability rearranges it.
  // Pages without a <body> tag keep their content directly under <html> in linkedom.
  const body = doc.body && (doc.body.textContent ?? '').trim() !== '' ? doc.body : doc.documentElement;
  const walked = body ? blocksFromDom(body, true) : [];
  const readable = body && depthExceeds(body, MAX_READABILITY_DEPTH) ? null : runReadability(doc);
  let blocks = readable?.blocks ?? [];
  if (textLength(blocks) < 200 && textLength(walked) > textLength(blocks) * 2) blocks = walked;
  const title = meta.title ?? readable?.title ?? blocks.find((b) => b.kind === 'heading')?.text ?? null;
  if (title !== null) {
    // The headline is metadata, not a passage; pages often repeat it as the first heading.
    const firstHeading = blocks.findIndex((b) => b.kind === 'heading');
    if (firstHeading >= 0 && firstHeading <= 2 && sameText(blocks[firstHeading]?.text ?? '', title)) {
      blocks = blocks.filter((_, i) => i !== firstHeading);
    }
  }
  return {
    title,
    author: meta.author ?? readable?.byline?.replace(/^by\s+/i, '').trim() ?? null,
    published: meta.published ?? (readable?.publishedTime ? parseDate(readable.publishedTime) : null),
    source: meta.source ?? readable?.siteName ?? null,
    url: meta.url,
    language: meta.language,
    blocks,
  };
}
