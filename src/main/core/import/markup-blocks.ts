// Blocks from the simple, well-formed markup that mammoth (.docx) and EPUB chapters hand us. These are
// documents, not web pages: there is no site chrome to remove, so every block with text is kept.
import type { CandidateBlock } from './assemble';
import { blocksFromDom } from './html';
import { parseDocument } from './html-dom';

/**
 * The same iterative walk the HTML importer uses (block boundaries, kinds for headings, list items and quotes,
 * hidden and script-like content skipped). Navigation is skipped as in a web page's fallback walk: in an EPUB
 * chapter it is a table of contents, not text.
 */
export function blocksFromMarkup(markup: string): CandidateBlock[] {
  const doc = parseDocument(markup);
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  return blocksFromDom(root, false)
    .filter((b) => !(b.furniture && b.hint === 'menu'))
    .map(({ text, kind }) => ({ text, kind }));
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
