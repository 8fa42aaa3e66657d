// Maps a DOM selection inside the reader back to offsets in ArticleView.text. Every passage element carries
// `data-passage-start`; every rendered text segment carries `data-seg-start` (its offset in the article).

function segmentOf(node: Node): HTMLElement | null {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  return el?.closest<HTMLElement>('[data-seg-start]') ?? null;
}

/** The article offset of a selection boundary, or null when it lies outside any passage. */
export function offsetOf(node: Node, offset: number): number | null {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const passage = el?.closest<HTMLElement>('[data-passage-start]');
  if (!passage) return null;
  const seg = segmentOf(node);
  if (seg && node.nodeType === Node.TEXT_NODE) return Number(seg.dataset.segStart) + offset;
  // Boundary on an element (e.g. a triple-click selects to the start of the next block): count text before it.
  const boundary = document.createRange();
  boundary.setStart(node, offset);
  const walker = document.createTreeWalker(passage, NodeFilter.SHOW_TEXT);
  let last = Number(passage.dataset.passageStart);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const s = segmentOf(t);
    if (!s) continue;
    const len = (t as Text).length;
    if (boundary.comparePoint(t, 0) >= 0) return Number(s.dataset.segStart);
    last = Number(s.dataset.segStart) + len;
    if (boundary.comparePoint(t, len) >= 0) return last;
  }
  return last;
}

export interface TextSelection {
  start: number;
  end: number;
  text: string;
  rect: DOMRect;
}

/** The current selection inside `root` as article offsets, or null when empty or outside passages. */
export function readSelection(root: HTMLElement): TextSelection | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  const a = offsetOf(range.startContainer, range.startOffset);
  const b = offsetOf(range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  const start = Math.min(a, b);
  const end = Math.max(a, b);
  if (end <= start) return null;
  return { start, end, text: sel.toString(), rect: range.getBoundingClientRect() };
}

/** A DOM range over article offsets [start, end) inside `root`, or null when they are not on screen. */
export function rangeFor(root: HTMLElement, start: number, end: number): Range | null {
  let from: [Node, number] | null = null;
  let to: [Node, number] | null = null;
  for (const seg of root.querySelectorAll<HTMLElement>('[data-seg-start]')) {
    const node = seg.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const s = Number(seg.dataset.segStart);
    const e = s + (node as Text).length;
    if (!from && start >= s && start < e) from = [node, start - s];
    if (end > s && end <= e) to = [node, end - s];
    if (from && to) break;
  }
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(from[0], from[1]);
  range.setEnd(to[0], to[1]);
  return range;
}
