// The coded-segments view: tags combined (any of, all of, none of, A overlapping B) and filters (coder too), one API call per
// query; the list follows the notebook's changes while it is shown.
import type { ApiInput, CodedSegments, CommitEvent } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { ALL_CODERS, coderOfKey } from './coders.svelte';
import { ui } from './ui.svelte';

export interface SegmentsForm {
  anyOf: string[];
  allOf: string[];
  noneOf: string[];
  overlapA: string[];
  overlapB: string[];
  articleId: string;
  source: string;
  author: string;
  /** ALL_CODERS or a coder's key (state/coders.svelte.ts). */
  coder: string;
  from: string;
  to: string;
  memo: string;
  includeChildren: boolean;
}

const blank = (): SegmentsForm => ({
  anyOf: [],
  allOf: [],
  noneOf: [],
  overlapA: [],
  overlapB: [],
  articleId: '',
  source: '',
  author: '',
  coder: ALL_CODERS,
  from: '',
  to: '',
  memo: '',
  includeChildren: true,
});

/** The form as the API's query: empty fields are no filter. */
export function queryOf(f: SegmentsForm): ApiInput<'codedSegments'> {
  const filter: NonNullable<ApiInput<'codedSegments'>['filter']> = {};
  if (f.articleId) filter.articleIds = [f.articleId];
  if (f.source.trim()) filter.sources = [f.source.trim()];
  if (f.author.trim()) filter.authors = [f.author.trim()];
  const coder = coderOfKey(f.coder);
  if (coder !== undefined) filter.coders = [coder];
  if (f.from.trim()) filter.from = f.from.trim();
  if (f.to.trim()) filter.to = f.to.trim();
  if (f.memo.trim()) filter.memo = f.memo.trim();
  return {
    anyOf: f.anyOf,
    allOf: f.allOf,
    noneOf: f.noneOf,
    overlap: f.overlapA.length && f.overlapB.length ? { a: f.overlapA, b: f.overlapB } : null,
    includeChildren: f.includeChildren,
    filter,
  };
}

class SegmentsState {
  form = $state<SegmentsForm>(blank());
  result = $state.raw<CodedSegments | null>(null);
  loading = $state(false);
  private seq = 0;

  async run(): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    try {
      const result = await api.codedSegments({ ...queryOf(this.form), limit: 500 });
      if (seq === this.seq) this.result = result;
    } catch (e) {
      if (seq === this.seq) ui.error(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  /** A picture's cell, shown as its segments: the same query the cell counted. */
  async showCell(form: Partial<SegmentsForm>): Promise<void> {
    this.form = { ...blank(), ...form };
    ui.center = 'segments';
    await this.run();
  }

  clear(): void {
    this.form = blank();
    this.result = null;
  }

  apply(e: CommitEvent): void {
    if (!this.result || ui.center !== 'segments') return;
    if (e.records.some((r) => r.kind === 'highlight' || r.kind === 'tag' || r.kind === 'article'))
      void this.run();
  }
}

export const segments = new SegmentsState();
