// Where the researcher was in the open article, remembered per notebook: a restart (or coming back to the
// notebook) opens the article where they left it.
import { recall, remember } from '../lib/persist';
import { isReadingPosition, positionIn, type ReadingPosition } from '../lib/reading-position';

/** Scrolling is remembered at most this often. */
const SAVE_MS = 250;

class ReadingState {
  /** A position to go back to once its article is on screen. */
  pending = $state.raw<ReadingPosition | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  restore(): void {
    this.pending = recall('reading', null, isReadingPosition);
  }

  /** The reading pane scrolled: remember where, soon (`now`: the page is going away). */
  scrolled(pane: HTMLElement, articleId: string | null, now = false): void {
    clearTimeout(this.timer);
    if (articleId === null || this.pending) return;
    const save = (): void => remember('reading', positionIn(pane, articleId));
    if (now) save();
    else this.timer = setTimeout(save, SAVE_MS);
  }
}

export const reading = new ReadingState();
