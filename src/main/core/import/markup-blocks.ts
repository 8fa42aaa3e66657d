// Blocks from the simple, well-formed markup that mammoth (.docx) and EPUB chapters hand us. These are
// documents, not web pages: there is no site chrome to remove, so every block with text is kept.
import type { CandidateBlock } from './assemble';
import { isElement, parseDocument, TEXT_NODE, type DomNode } from './html-dom';

const BLOCK = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'TR',
  'TABLE',
  'UL',
  'OL',
  'DL',
  'SECTION',
  'ARTICLE',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'FIGURE',
  'FIGCAPTION',
  'HR',
  'BODY',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'HEAD',
  'NAV',
  'TEMPLATE',
  'NOSCRIPT',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
]);
const HEADINGS = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'];

/**
 * Walks the markup once, iteratively (deeply nested input cannot overflow the stack), and cuts a block
 * at every block-level boundary. Headings, list items and quotes keep their kind so they become passages
 * of their own.
 */
export function blocksFromMarkup(markup: string): CandidateBlock[] {
  const doc = parseDocument(markup);
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  const blocks: CandidateBlock[] = [];
  const open = new Map<string, number>();
  const inside = (tag: string): boolean => (open.get(tag) ?? 0) > 0;
  let buffer = '';
  const flush = (): void => {
    const text = buffer
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l !== '')
      .join('\n');
    buffer = '';
    if (text === '') return;
    const kind = HEADINGS.some(inside)
      ? 'heading'
      : inside('LI') || inside('DT') || inside('DD')
        ? 'list'
        : inside('BLOCKQUOTE')
          ? 'quote'
          : 'paragraph';
    blocks.push({ text, kind });
  };
  const stack: { node: DomNode; exit: boolean }[] = [{ node: root, exit: false }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const { node } = step;
    if (!isElement(node)) {
      if (node.nodeType === TEXT_NODE) buffer += (node.textContent ?? '').replace(/\s+/g, ' ');
      continue;
    }
    const tag = node.tagName.toUpperCase();
    if (step.exit) {
      if (BLOCK.has(tag)) flush();
      open.set(tag, (open.get(tag) ?? 1) - 1);
      continue;
    }
    if (SKIP.has(tag) || node.getAttribute('hidden') !== null) continue;
    if (tag === 'BR') {
      buffer += '\n';
      continue;
    }
    if (tag === 'TD' || tag === 'TH') buffer += ' ';
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

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** The headline repeated as the first heading is metadata, not a passage: shown as dropped, restorable. */
export function markTitleBlock(blocks: readonly CandidateBlock[], title: string): CandidateBlock[] {
  const at = blocks.findIndex((b) => b.kind === 'heading');
  if (at < 0 || at > 1 || !sameText(blocks[at]?.text ?? '', title)) return [...blocks];
  return blocks.map((b, i) => (i === at ? { ...b, kept: false, reason: 'title' } : b));
}
