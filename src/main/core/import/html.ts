// HTML to text blocks. Mozilla Readability picks the article; when it finds nothing (or much less than
// the page's own paragraphs hold), a plain walk over the body, minus navigation and page furniture, does.
// Only text leaves this module: no markup, scripts or styles survive.
import { Readability } from '@mozilla/readability';
import type { CandidateBlock } from './assemble';
import type { Block } from './canonical';
import { canonicalize } from './canonical';
import { squash, type FormatResult } from './format-result';
import { isElement, parseDocument, TEXT_NODE, type DomDocument, type DomNode } from './html-dom';
import { readHtmlMetadata } from './html-metadata';
import { occurrences } from './occurrences';
import { parseDate } from './dates';
import { chromeReason } from './text-shape';

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

// Blank lines at either end of a block. The lookbehind tries a run of newlines only from its first one:
// without it, /\n+$/ rescans the rest of the run from each newline, quadratic on thousands of <br>s.
const EDGE_NEWLINES = /^\n+|(?<!\n)\n+$/g;

type Step = { node: DomNode; exit: false } | { node: DomNode; exit: true };

/** A block of the page as walked, with what its surroundings say about it (for dropped-block reasons). */
export interface WalkedBlock extends Block {
  /** Inside nav/header/footer/aside/form: page furniture. */
  furniture: boolean;
  /** The innermost plain reason the markup gives ("menu", "footer", "share buttons"...), if any. */
  hint: string | null;
}

const TAG_HINT: Record<string, string> = {
  NAV: 'menu',
  MENU: 'menu',
  HEADER: 'page header',
  FOOTER: 'footer',
  ASIDE: 'sidebar',
  FORM: 'form',
  DIALOG: 'pop-up',
  FIGCAPTION: 'image caption',
};

// Class and id words sites use for their furniture, mapped to what a researcher would call it.
const CLASS_HINTS: [RegExp, string][] = [
  [/cookie|consent|gdpr/, 'cookie banner'],
  [/newsletter|subscri|signup|sign-up/, 'newsletter widget'],
  [/login|signin|sign-in|register/, 'login widget'],
  [/share|social|sharing/, 'share buttons'],
  [/related|recommend|more-stories|read-next|readnext|also-read|popular|trending|most-read/, 'related posts'],
  [/comment|disqus|replies/, 'comments'],
  [/breadcrumb|menu|navbar|navigation|(?:^|[-_\s])nav(?:$|[-_\s])/, 'menu'],
  [/footer|copyright|colophon/, 'footer'],
  [/sidebar|widget/, 'sidebar'],
  [/(?:^|[-_\s])(?:ad|ads|advert|advertisement|sponsor|promo)(?:$|[-_\s])/, 'advertisement'],
  [/caption|credit/, 'image caption'],
  [/byline|author/, 'byline'],
  [/(?:^|[-_\s])(?:tags?|categories|topics)(?:$|[-_\s])/, 'tag list'],
  [/dateline|timestamp|(?:^|[-_\s])date(?:$|[-_\s])/, 'date line'],
];

function hintOf(el: { tagName: string; getAttribute(n: string): string | null }, tag: string): string | null {
  const marks =
    `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('role') ?? ''}`
      .toLowerCase()
      .trim();
  if (marks !== '') for (const [re, why] of CLASS_HINTS) if (re.test(marks)) return why;
  return TAG_HINT[tag] ?? null;
}

function isHidden(el: { getAttribute(n: string): string | null }): boolean {
  if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Iterative (not recursive) so 10,000 nested elements cannot overflow the stack. */
export function blocksFromDom(root: DomNode, skipFurniture: boolean): WalkedBlock[] {
  const blocks: WalkedBlock[] = [];
  const open = new Map<string, number>();
  const hints: (string | null)[] = [];
  let furniture = 0;
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
      .map((l) => (pre ? l.trimEnd() : l.replace(/[ \t\f\r]+/g, ' ').trim()))
      .join('\n')
      .replace(EDGE_NEWLINES, '');
    if (text.trim() !== '') {
      let hint: string | null = null;
      for (let i = hints.length - 1; i >= 0 && hint === null; i--) hint = hints[i] ?? null;
      blocks.push({
        text: pre ? text : text.replace(/\t\n|\t$/g, '\n').trim(),
        kind: kind(),
        furniture: furniture > 0,
        hint,
      });
    }
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
      hints.pop();
      if (FURNITURE.has(tag)) furniture--;
      continue;
    }
    if (SKIP.has(tag) || (skipFurniture && FURNITURE.has(tag))) continue;
    if (isHidden(node)) continue;
    if (tag === 'BR') {
      buffer += '\n';
      continue;
    }
    if (BLOCK.has(tag)) flush();
    open.set(tag, (open.get(tag) ?? 0) + 1);
    hints.push(hintOf(node, tag));
    if (FURNITURE.has(tag)) furniture++;
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
  return squash(a).toLowerCase() === squash(b).toLowerCase();
}

function droppedReason(block: WalkedBlock): string {
  return (
    block.hint ?? chromeReason(block.text) ?? (block.furniture ? 'page furniture' : 'not part of the article')
  );
}

/**
 * Every text block of the page in document order: the article's blocks kept, the page's other blocks dropped
 * with a reason. Readability may re-segment text, so its blocks are laid over the page walk in order; a page
 * block whose text already sits inside the kept article is not offered again as a dropped one.
 */
function alignBlocks(kept: readonly Block[], page: readonly WalkedBlock[]): CandidateBlock[] {
  const out: CandidateBlock[] = [];
  const keys = page.map((b) => squash(b.text));
  const positions = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const list = positions.get(k);
    if (list) list.push(i);
    else positions.set(k, [i]);
  });
  const keptKeys = kept.map((b) => squash(b.text));
  const inArticle = insideKeptText(keptKeys, keys);
  let cursor = 0;
  const dropUpTo = (end: number): void => {
    for (; cursor < end; cursor++) {
      const b = page[cursor];
      const k = keys[cursor] ?? '';
      if (!b || k === '' || inArticle[cursor]) continue;
      out.push({ text: b.text, kind: b.kind, kept: false, reason: droppedReason(b) });
    }
  };
  for (const block of kept) {
    const at = positions.get(squash(block.text))?.find((i) => i >= cursor);
    if (at !== undefined) {
      dropUpTo(at);
      cursor = at + 1;
    }
    out.push({ text: block.text, kind: block.kind });
  }
  dropUpTo(page.length);
  return out;
}

/**
 * For each page block, whether its text already sits inside the kept article: a kept block as it is, or a
 * part of one. The parts are found in one pass over the article for all blocks together: `includes` per block
 * costs article × blocks, and slows further on periodic text (a hostile page of `&a&a&a…`).
 */
function insideKeptText(keptKeys: readonly string[], keys: readonly string[]): boolean[] {
  const whole = new Set(keptKeys);
  const found = occurrences(
    keptKeys.join('\n'),
    keys.map((k) => (whole.has(k) ? '' : k)),
  );
  return keys.map((k, i) => whole.has(k) || (found?.[i] ?? false));
}

/** Readability's reading of the byline is free text: "By A, B\n   Staff" -> "A, B Staff". */
function cleanByline(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = squash(s)
    .replace(/^by\s+/i, '')
    .trim();
  return t === '' ? null : t;
}

export function extractHtml(input: string): FormatResult {
  // Canonical first, so offsets and ids do not depend on the page's line endings or stray controls.
  const doc = parseDocument(canonicalize(input));
  const meta = readHtmlMetadata(doc);
  // The page walk must see the page before Readability rearranges it.
  // Pages without a <body> tag keep their content directly under <html> in linkedom.
  const body = doc.body && (doc.body.textContent ?? '').trim() !== '' ? doc.body : doc.documentElement;
  const page = body ? blocksFromDom(body, false) : [];
  const walked = page.filter((b) => !b.furniture);
  const readable = body && depthExceeds(body, MAX_READABILITY_DEPTH) ? null : runReadability(doc);
  let kept: Block[] = readable?.blocks ?? [];
  if (textLength(kept) < 200 && textLength(walked) > textLength(kept) * 2) kept = walked;
  // Readability is the first pass for metadata too (its rules for <title> separators, Dublin Core and
  // JSON-LD are well tested); what it does not find, the page's own <meta>, JSON-LD and <time> supply.
  const title =
    (readable?.title ? squash(readable.title) : null) ||
    meta.title ||
    kept.find((b) => b.kind === 'heading')?.text ||
    null;
  let blocks = alignBlocks(kept, page);
  if (title !== null) {
    // The headline is metadata, not a passage; pages often repeat it as the first heading.
    const firstKeptHeading = blocks.findIndex((b) => b.kept !== false && b.kind === 'heading');
    const before = blocks.slice(0, Math.max(0, firstKeptHeading)).filter((b) => b.kept !== false).length;
    blocks = blocks.map((b, i) =>
      (i === firstKeptHeading && before <= 2 && sameText(b.text, title)) ||
      (b.kept === false && b.kind === 'heading' && sameText(b.text, title))
        ? { ...b, kept: false, reason: 'title' }
        : b,
    );
  }
  const published = readable?.publishedTime ? parseDate(readable.publishedTime) : null;
  return {
    title,
    author: cleanByline(readable?.byline) ?? meta.author,
    published: published ?? meta.published,
    source: (readable?.siteName ? squash(readable.siteName) : null) || meta.source,
    url: meta.url,
    language: meta.language,
    blocks,
  };
}
