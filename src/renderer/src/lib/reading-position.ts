// Where the researcher is in the open article: the passage at the top of the reading pane and how far into it.
// Kept as a passage and an offset rather than a scroll height, so it survives a different window or pane width.

export interface ReadingPosition {
  articleId: string;
  passageId: string;
  /** Pixels of the passage above the pane's top edge. */
  offset: number;
}

export const isReadingPosition = (v: unknown): v is ReadingPosition =>
  typeof v === 'object' &&
  v !== null &&
  'articleId' in v &&
  'passageId' in v &&
  'offset' in v &&
  typeof v.articleId === 'string' &&
  typeof v.passageId === 'string' &&
  typeof v.offset === 'number' &&
  Number.isFinite(v.offset);

function passages(pane: HTMLElement): HTMLElement[] {
  return [...pane.querySelectorAll<HTMLElement>('article.reader [data-passage-id]')];
}

/** The passage at the top of `pane` (the first whose bottom is below the pane's top), or null at the very top. */
export function positionIn(pane: HTMLElement, articleId: string): ReadingPosition | null {
  if (pane.scrollTop <= 0) return null;
  const top = pane.getBoundingClientRect().top;
  for (const p of passages(pane)) {
    const box = p.getBoundingClientRect();
    if (box.bottom > top) {
      return { articleId, passageId: p.dataset.passageId ?? '', offset: Math.round(top - box.top) };
    }
  }
  return null;
}

/** Scrolls `pane` back to a position; false when the passage is not (or not yet) in the page. */
export function scrollToPosition(pane: HTMLElement, position: ReadingPosition): boolean {
  const p = passages(pane).find((el) => el.dataset.passageId === position.passageId);
  if (!p) return false;
  const delta = p.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  pane.scrollTop += delta + position.offset;
  return true;
}
