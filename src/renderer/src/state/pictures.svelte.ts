// The overview pictures: code × document, code co-occurrence, codes over time. The core computes the tables
// (one API call each); the view draws them and exports picture and table.
import type {
  CodeDocumentMatrix,
  CodesOverTime,
  CommitEvent,
  CooccurrenceMatrix,
} from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { ALL_CODERS, coderOfKey } from './coders.svelte';
import { ui } from './ui.svelte';

export type PictureKind = 'document' | 'cooccurrence' | 'time';

export type PictureData =
  | { kind: 'document'; table: CodeDocumentMatrix }
  | { kind: 'cooccurrence'; table: CooccurrenceMatrix }
  | { kind: 'time'; table: CodesOverTime };

/** One CSV field, quoted when it must be (RFC 4180). */
const field = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
};
const line = (cells: readonly (string | number)[]): string => cells.map(field).join(',');

/** The table behind a picture, as CSV: what a spreadsheet or R reads. */
export function csvOf(data: PictureData): string {
  const rows: (string | number)[][] = [];
  if (data.kind === 'document') {
    const t = data.table;
    rows.push(['tag', ...t.columns.map((c) => c.label), 'total']);
    t.rows.forEach((r, i) => rows.push([r.path, ...(t.cells[i] ?? []), t.rowTotals[i] ?? 0]));
  } else if (data.kind === 'cooccurrence') {
    const t = data.table;
    rows.push(['tag', ...t.rows.map((r) => r.path)]);
    t.rows.forEach((r, i) => rows.push([r.path, ...(t.cells[i] ?? [])]));
  } else {
    const t = data.table;
    rows.push(['tag', ...t.months, 'undated']);
    t.series.forEach((s) => rows.push([s.path, ...s.counts, s.undated]));
  }
  return `${rows.map(line).join('\r\n')}\r\n`;
}

class PicturesState {
  kind = $state<PictureKind>('document');
  by = $state<'source' | 'article'>('source');
  /** Rows (or series): these tags; none chosen: every tag. */
  tagIds = $state<string[]>([]);
  includeChildren = $state(true);
  /** Only this coder's segments (a key from state/coders.svelte.ts), or ALL_CODERS. */
  coder = $state(ALL_CODERS);
  /** The coder the shown picture counts (the control may have changed since it was drawn). */
  drawnCoder = $state(ALL_CODERS);
  data = $state.raw<PictureData | null>(null);
  loading = $state(false);
  private seq = 0;

  async draw(): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    const key = this.coder;
    const coder = coderOfKey(key);
    const rows = {
      tagIds: this.tagIds.length ? this.tagIds : undefined,
      includeChildren: this.includeChildren,
      filter: coder === undefined ? {} : { coders: [coder] },
    };
    try {
      let data: PictureData;
      if (this.kind === 'document')
        data = { kind: 'document', table: await api.codeMatrix({ ...rows, by: this.by }) };
      else if (this.kind === 'cooccurrence')
        data = { kind: 'cooccurrence', table: await api.codeCooccurrence(rows) };
      else data = { kind: 'time', table: await api.codesOverTime(rows) };
      if (seq === this.seq) {
        this.data = data;
        this.drawnCoder = key;
      }
    } catch (e) {
      if (seq === this.seq) ui.error(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  apply(e: CommitEvent): void {
    if (!this.data || ui.center !== 'pictures') return;
    if (e.records.some((r) => r.kind === 'highlight' || r.kind === 'tag' || r.kind === 'article'))
      void this.draw();
  }
}

export const pictures = new PicturesState();
