// Coding by keyboard in the reader: a cursor on one paragraph, a selection made of its sentences and words, the
// nine quick tags on 1–9, a memo (M) or a delete (Delete) on the highlight under the cursor. The selection is a
// real DOM selection, so T, the Tag button and the picker work on it exactly as on one made with the mouse.
import type { Highlight } from '../../../main/core/types';
import { api } from '../lib/api-client';
import { load, save } from '../lib/persist';
import { rangeFor, readSelection } from '../lib/selection';
import { extend, sentencesOf, unitAt, wordsOf, type Span } from '../lib/text-units';
import { coders } from './coders.svelte';
import { reader } from './reader.svelte';
import { tags } from './tags.svelte';
import { ui } from './ui.svelte';

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

class CodingState {
  /** Index of the paragraph under the keyboard cursor in the open article; -1: none yet. */
  cursor = $state(-1);
  /** Tags applied most recently, newest first: the first nine are on keys 1–9. */
  recent = $state<string[]>(load('recentTags', [], isIdList));

  /** The nine tags on 1–9: the most recent, then the most used. */
  quick = $derived.by(() => {
    const live = this.recent.filter((id) => tags.byId.has(id));
    const rest = [...tags.list].sort((a, b) => b.count - a.count).filter((t) => !live.includes(t.id));
    return [...live.map((id) => tags.byId.get(id)), ...rest].filter((t) => t !== undefined).slice(0, 9);
  });

  used(ids: readonly string[]): void {
    this.recent = [...ids, ...this.recent.filter((id) => !ids.includes(id))].slice(0, 30);
    save('recentTags', this.recent);
  }

  reset(): void {
    this.cursor = -1;
  }

  private passage(): { id: string; start: number; text: string } | null {
    return reader.view?.passages[this.cursor] ?? null;
  }

  move(by: number, root: HTMLElement): void {
    const n = reader.view?.passages.length ?? 0;
    if (n === 0) return;
    this.cursor = Math.min(n - 1, Math.max(0, this.cursor + by));
    window.getSelection()?.removeAllRanges();
    reader.selection = null;
    const p = this.passage();
    root
      .querySelector<HTMLElement>(`[data-passage-id="${CSS.escape(p?.id ?? '')}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }

  /** The selection inside the cursor's paragraph, as offsets local to it, when there is one. */
  private localSelection(): Span | null {
    const p = this.passage();
    const sel = reader.selection;
    if (!p || !sel) return null;
    if (sel.start < p.start || sel.end > p.start + p.text.length) return null;
    return [sel.start - p.start, sel.end - p.start];
  }

  private select(root: HTMLElement, span: Span): void {
    const p = this.passage();
    if (!p) return;
    const range = rangeFor(root, p.start + span[0], p.start + span[1]);
    if (!range) return;
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    // Now, not at the next selectionchange: a number key pressed right after must find it.
    reader.selection = readSelection(root);
  }

  /** S: the sentence under the cursor, then the next one on each press; P: the whole paragraph. */
  selectUnit(root: HTMLElement, unit: 'sentence' | 'paragraph'): void {
    if (this.cursor < 0) this.move(1, root);
    const p = this.passage();
    if (!p) return;
    if (unit === 'paragraph') return this.select(root, [0, p.text.trimEnd().length]);
    const sentences = sentencesOf(p.text);
    const current = this.localSelection();
    const next = current ? sentences.find(([s]) => s >= current[1]) : sentences[0];
    const span = next ?? unitAt(sentences, 0);
    if (span) this.select(root, span);
  }

  /** Shift+←/→ by word, Shift+↑/↓ by sentence; starts from the unit at the paragraph's start. */
  extendBy(root: HTMLElement, unit: 'word' | 'sentence', forward: boolean): void {
    if (this.cursor < 0) this.move(1, root);
    const p = this.passage();
    if (!p) return;
    const units = unit === 'word' ? wordsOf(p.text) : sentencesOf(p.text);
    const current = this.localSelection();
    const span = current ? extend(units, current, forward) : unitAt(units, 0);
    if (span) this.select(root, span);
  }

  /** 1–9: the n-th quick tag on the selection, at once. */
  async applyQuick(n: number): Promise<void> {
    const tag = this.quick[n - 1];
    if (!tag) {
      ui.toast(`No tag on key ${n} yet: tag a passage with T first.`);
      return;
    }
    if (!reader.selection) {
      ui.toast('Select a passage first: S for a sentence, P for the paragraph, Shift+arrows to extend.');
      return;
    }
    try {
      await reader.tagSelection([tag.id], []);
      this.used([tag.id]);
    } catch (e) {
      ui.error(e);
    }
  }

  /** The highlight the keyboard is on: the focused one, else one under the selection, else in the paragraph. */
  target(focused: Element | null): Highlight | null {
    const view = reader.view;
    if (!view) return null;
    const ids = focused instanceof HTMLElement ? focused.dataset.highlightIds?.split(' ') : undefined;
    const byFocus = ids?.[0] ? view.highlights.find((h) => h.id === ids[0]) : undefined;
    if (byFocus) return byFocus;
    // A highlight hidden by the reader's coder choice is not under the cursor: M and Delete leave it alone.
    const live = coders.visible(view.highlights).filter((h) => !h.orphaned);
    const sel = reader.selection;
    if (sel) {
      const hit = live.find((h) => h.position.start < sel.end && h.position.end > sel.start);
      if (hit) return hit;
    }
    const p = this.passage();
    if (!p) return null;
    const end = p.start + p.text.length;
    return live.find((h) => h.position.start < end && h.position.end > p.start) ?? null;
  }

  async writeMemo(h: Highlight): Promise<void> {
    await ui.ask({
      title: 'Memo on the highlight',
      label: `Memo on “${h.quote.exact.slice(0, 80)}”`,
      value: h.memo,
      submitLabel: 'Save memo',
      multiline: true,
      submit: async (memo) => {
        await api.highlightUpdate({ id: h.id, memo });
      },
    });
  }
}

export const coding = new CodingState();
