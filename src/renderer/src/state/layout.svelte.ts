// The panes' widths: the sidebar and the list are resizable and collapsible, the reader or note editor takes the
// rest. Remembered per notebook; what the window cannot fit is squeezed out of the list, never the reader.
import { recall, remember } from '../lib/persist';

export type Pane = 'sidebar' | 'list';

interface PaneState {
  /** The width the researcher chose; null until they resize (then the list follows the window). */
  width: number | null;
  collapsed: boolean;
}

/** The reader or note editor keeps at least this much of the window. */
export const MAIN_MIN = 380;
/** Each drag handle between two panes. */
export const SEPARATOR = 6;
/** Dragging a pane this much narrower than its minimum collapses it. */
const COLLAPSE_BELOW = 0.6;
/** Arrow keys move a separator this far (with Shift, four times as far). */
export const KEY_STEP = 16;

const limits: Record<Pane, { min: number; max: number }> = {
  sidebar: { min: 150, max: 360 },
  list: { min: 280, max: 960 },
};

const isPaneState = (v: unknown): v is PaneState =>
  typeof v === 'object' &&
  v !== null &&
  'width' in v &&
  'collapsed' in v &&
  (v.width === null || (typeof v.width === 'number' && Number.isFinite(v.width))) &&
  typeof v.collapsed === 'boolean';

const fresh = (): Record<Pane, PaneState> => ({
  sidebar: { width: null, collapsed: false },
  list: { width: null, collapsed: false },
});

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

class LayoutState {
  panes = $state<Record<Pane, PaneState>>(fresh());
  /** The window's width, kept current by App.svelte. */
  viewport = $state(typeof window === 'undefined' ? 1280 : window.innerWidth);

  sidebarWidth = $derived(this.shownWidth('sidebar'));
  listWidth = $derived(this.shownWidth('list'));

  restore(): void {
    this.panes = {
      sidebar: recall('pane.sidebar', fresh().sidebar, isPaneState),
      list: recall('pane.list', fresh().list, isPaneState),
    };
  }

  /** The most a pane may take: the reader keeps MAIN_MIN, the other pane its shown width. */
  max(pane: Pane): number {
    const other = pane === 'sidebar' ? this.shownWidth('list') : this.shownWidth('sidebar');
    return Math.max(limits[pane].min, Math.min(limits[pane].max, this.room() - other));
  }

  min(pane: Pane): number {
    return limits[pane].min;
  }

  collapsed(pane: Pane): boolean {
    return this.panes[pane].collapsed;
  }

  /** Sets a pane's width (a drag, an arrow key); far below its minimum, it collapses. */
  resize(pane: Pane, width: number, { save = true }: { save?: boolean } = {}): void {
    const { min } = limits[pane];
    const next: PaneState =
      width < min * COLLAPSE_BELOW
        ? { width: this.panes[pane].width, collapsed: true }
        : { width: Math.round(clamp(width, min, this.max(pane))), collapsed: false };
    this.panes = { ...this.panes, [pane]: next };
    if (save) this.save(pane);
  }

  toggle(pane: Pane): void {
    const p = this.panes[pane];
    this.panes = { ...this.panes, [pane]: { ...p, collapsed: !p.collapsed } };
    this.save(pane);
  }

  save(pane: Pane): void {
    remember(`pane.${pane}`, this.panes[pane]);
  }

  /** The width a pane is drawn at: 0 collapsed; else its width, fitted to the window. */
  private shownWidth(pane: Pane): number {
    const p = this.panes[pane];
    if (p.collapsed) return 0;
    const { min, max } = limits[pane];
    if (pane === 'sidebar') return clamp(p.width ?? 184, min, max);
    const sidebar = this.shownWidth('sidebar');
    // Wide enough by default for every library column beside a readable title at 1400 px.
    const wanted = p.width ?? clamp(Math.round(this.viewport * 0.43), 320, 620);
    return clamp(Math.min(wanted, this.room() - sidebar), min, max);
  }

  /** The window's width less the reader's minimum and the two separators. */
  private room(): number {
    return this.viewport - MAIN_MIN - 2 * SEPARATOR;
  }
}

export const layout = new LayoutState();
