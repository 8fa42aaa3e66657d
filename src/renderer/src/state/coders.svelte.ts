// Who coded in this notebook (team notebooks sign every highlight with its coder), and whose highlights the reader
// shows. A coder is a name, or null for the highlights made before the notebook was shared; controls carry them as
// keys (`all`, `unsigned`, `coder:NAME`) because a select's value is a string and any string can be a name.
import type { CommitEvent } from '../../../main/core/api-contract';
import { coderOf } from '../../../main/core/sync/coders';
import type { CoderCount } from '../../../main/core/sync/views';
import type { Highlight } from '../../../main/core/types';
import { api } from '../lib/api-client';
import { isString, recall, remember } from '../lib/persist';

export const ALL_CODERS = 'all';

export function coderKey(name: string | null): string {
  return name === null ? 'unsigned' : `coder:${name}`;
}

/** The coder a key stands for; undefined for "all coders" (or a key that names nobody). */
export function coderOfKey(key: string): string | null | undefined {
  if (key === 'unsigned') return null;
  return key.startsWith('coder:') ? key.slice('coder:'.length) : undefined;
}

export function coderLabel(name: string | null): string {
  return name ?? 'Before sharing (no coder)';
}

class CodersState {
  /**
   * Every coder with their highlight count, as last loaded. A commit that brings a coder not seen yet adds them
   * (events carry records, not what they replaced, so the counts of known coders are as of the last load; the
   * Compare coders view loads afresh).
   */
  list = $state.raw<CoderCount[]>([]);
  /** Whose highlights the reader shows: ALL_CODERS or a coder's key. Remembered per notebook. */
  readerKey = $state<string>(ALL_CODERS);

  /** Coder controls are worth showing once anyone has signed a highlight. */
  get any(): boolean {
    return this.list.some((c) => c.name !== null);
  }

  async load(): Promise<void> {
    try {
      this.list = (await api.coderList({})).coders;
    } catch {
      // An older server or a closed notebook: without the list the coder controls simply stay hidden.
      this.list = [];
    }
  }

  restore(): void {
    this.readerKey = recall('readerCoder', ALL_CODERS, isString);
  }

  apply(e: CommitEvent): void {
    const known = new Set(this.list.map((c) => c.name));
    const unseen = e.records.flatMap((r) =>
      r.kind === 'highlight' && r.after && !known.has(coderOf(r.after))
        ? [{ name: coderOf(r.after), id: r.id }]
        : [],
    );
    if (unseen.length === 0) return;
    const added = [...new Set(unseen.map((u) => u.name))].map((name) => ({
      name,
      highlights: new Set(unseen.filter((u) => u.name === name).map((u) => u.id)).size,
    }));
    this.list = [...this.list, ...added].sort(
      (a, b) =>
        Number(a.name === null) - Number(b.name === null) || (a.name ?? '').localeCompare(b.name ?? ''),
    );
  }

  setReader(key: string): void {
    this.readerKey = key;
    remember('readerCoder', key);
  }

  /**
   * The highlights the reader shows: all, or the chosen coder's. A choice that names no coder of this notebook (the
   * control hidden, a stale key) shows all: a reader must never hide highlights without a visible reason.
   */
  visible(highlights: readonly Highlight[]): readonly Highlight[] {
    const coder = coderOfKey(this.readerKey);
    if (coder === undefined || !this.any || !this.list.some((c) => c.name === coder)) return highlights;
    return highlights.filter((h) => coderOf(h) === coder);
  }
}

export const coders = new CodersState();
