// Top-bar search: debounced as you type, stale answers dropped by a request counter, pages appended on
// demand, the last query remembered across restarts, and the index-rebuild progress the core reports.
import type {
  CommitEvent,
  SearchGroup,
  SearchPassageHit,
  SearchResponse,
} from '../../../main/core/api-contract';
import { api, messageOf, onEvent } from '../lib/api-client';
import { isString, recall, remember } from '../lib/persist';
import { layoutResults } from '../lib/result-rows';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { ui } from './ui.svelte';

/** Imports and edits arrive in bursts: refresh the open results once the burst settles. */
const REFRESH_MS = 400;
const PAGE = 50;

class SearchState {
  query = $state('');
  /** The newest answer for `query` (totals, interpretation); its groups are the first page only. */
  response = $state.raw<SearchResponse | null>(null);
  /** Every group loaded so far for `query`, first page and "load more" pages together. */
  groups = $state.raw<SearchGroup[]>([]);
  /** Position of the selected passage among the passage rows. */
  active = $state(0);
  busy = $state(false);
  loadingMore = $state(false);
  error = $state<string | null>(null);
  /** Set while the core rebuilds the index; searches still answer from what is indexed. */
  indexing = $state.raw<{ done: number; total: number } | null>(null);
  helpOpen = $state(false);
  /** Bumped when a new query's results replace the old ones, so the list scrolls back to the top. */
  resetTick = $state(0);

  hasMore = $derived(this.response !== null && this.groups.length < this.response.total);
  layout = $derived(layoutResults(this.groups));

  private seq = 0;
  /** The search the typing started that has not answered yet. */
  private typing: Promise<void> | null = null;
  /** Keys were typed while `typing` was on its way: the newest query runs when it answers. */
  private typedSince = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** The open notebook's last query, without its results yet (a stale answer for another notebook is dropped). */
  restore(): void {
    this.seq++;
    this.typedSince = false;
    this.query = recall('query', '', isString);
    this.response = null;
    this.groups = [];
    this.active = 0;
    this.busy = false;
    this.error = null;
  }

  setQuery(q: string): void {
    this.query = q;
    remember('query', q);
    if (q.trim() === '') {
      this.seq++;
      this.response = null;
      this.groups = [];
      this.busy = false;
      if (ui.center === 'search') ui.center = ui.section === 'notes' ? 'notes' : 'library';
      return;
    }
    ui.center = 'search';
    this.searchTyped();
  }

  /**
   * Search as you type without a debounce: the first key searches at once (the core answers in a few
   * milliseconds), and keys typed while an answer is on its way wait for it, then the newest query runs. One
   * request at a time however fast the typing, and an answer to a query typed over is never painted.
   */
  private searchTyped(): void {
    if (this.typing) {
      this.typedSince = true;
      return;
    }
    this.typing = this.run().finally(() => {
      this.typing = null;
      if (!this.typedSince) return;
      this.typedSince = false;
      if (this.query.trim() !== '') this.searchTyped();
    });
  }

  /** Runs the query now; `keep` re-runs it in place (same page count, same selected passage). */
  async run(keep = false): Promise<void> {
    const query = this.query;
    if (query.trim() === '') return;
    const seq = ++this.seq;
    const keepKey = keep ? this.activeKey() : null;
    const limit = keep ? Math.min(1000, Math.max(PAGE, this.groups.length)) : PAGE;
    this.busy = true;
    try {
      const response = await api.search({ query, limit, offset: 0 });
      // A newer query was started, or typed and waits for this answer to run: this one is stale.
      if (seq !== this.seq || query !== this.query) return;
      this.response = response;
      this.groups = response.groups;
      this.error = null;
      const kept = keepKey === null ? -1 : this.indexOfKey(keepKey);
      this.active = Math.max(0, kept);
      if (!keep) this.resetTick++;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = messageOf(e);
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }

  /** Appends the next page of groups; a newer query makes the answer stale and it is dropped. */
  async loadMore(): Promise<void> {
    const response = this.response;
    if (!response || !this.hasMore || this.loadingMore) return;
    const seq = this.seq;
    this.loadingMore = true;
    try {
      const next = await api.search({ query: response.query, limit: PAGE, offset: this.groups.length });
      if (seq !== this.seq) return;
      const seen = new Set(this.groups.map((g) => `${g.kind}:${g.id}`));
      this.groups = [...this.groups, ...next.groups.filter((g) => !seen.has(`${g.kind}:${g.id}`))];
      this.response = { ...next, groups: response.groups };
    } catch (e) {
      if (seq === this.seq) this.error = messageOf(e);
    } finally {
      this.loadingMore = false;
    }
  }

  /** A change set the open results may no longer reflect: texts, titles, or (for `tag:` queries) tags. */
  apply(e: CommitEvent): void {
    const usesTags = /(^|\s)-?tag:/i.test(this.query);
    const affects = e.records.some(
      (r) =>
        r.kind === 'article' ||
        r.kind === 'note' ||
        (usesTags && (r.kind === 'highlight' || r.kind === 'tag')),
    );
    if (affects) this.refreshSoon();
  }

  /** The notebook changed (an import batch, a note edit): refresh what is on screen, quietly. */
  refreshSoon(): void {
    if (this.query.trim() === '' || ui.center !== 'search') return;
    // Throttled, not debounced: during an import, changes arrive continuously and a debounce would
    // postpone the refresh until the import ends; this way results grow as articles land.
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.run(true);
    }, REFRESH_MS);
  }

  get hitCount(): number {
    return this.layout.hitRows.length;
  }

  /** The selected passage's row index in the flattened list, or -1. */
  get activeRow(): number {
    return this.layout.hitRows[this.active] ?? -1;
  }

  select(index: number): void {
    const n = this.hitCount;
    if (n === 0) return;
    this.active = Math.max(0, Math.min(n - 1, index));
    // Walking onto the last passage fetches the next page, so ↓ never hits a wall while more exist.
    if (this.active >= n - 1 && this.hasMore) void this.loadMore();
  }

  move(delta: number): void {
    this.select(this.active + delta);
  }

  async openActive(): Promise<void> {
    const row = this.layout.rows[this.activeRow];
    if (row?.kind === 'hit') await this.open(row.group, row.hit);
    else if (row?.kind === 'more') await this.expand(row.group);
  }

  /** Brings every matching passage of one article or note into the list, in place of its best three. */
  async expand(group: SearchGroup): Promise<void> {
    const seq = this.seq;
    try {
      const answer = await api.search({
        query: this.query,
        limit: 1,
        offset: 0,
        hits: 1000,
        within: { kind: group.kind, id: group.id },
      });
      const full = answer.groups[0];
      if (seq !== this.seq || !full) return;
      const first = this.layout.hitRows.findIndex((r) => this.layout.rows[r]?.group.id === group.id);
      this.groups = this.groups.map((g) => (g.kind === group.kind && g.id === group.id ? full : g));
      // Keep the selection where the "more" row was: on the first of the newly shown passages.
      if (first >= 0) this.active = first + group.hits.length;
    } catch (e) {
      if (seq === this.seq) this.error = messageOf(e);
    }
  }

  /** Articles open in the reader at the passage with the matched words marked; notes select the paragraph. */
  async open(group: SearchGroup, hit: SearchPassageHit | undefined): Promise<void> {
    if (group.kind === 'note') {
      await notes.openAt(group.id, hit ? { start: hit.start, end: hit.end } : null);
      return;
    }
    await reader.open(group.id, { passageId: hit?.passageId ?? null, terms: hit?.terms ?? [] });
  }

  /** Subscribes to index progress; returns the unsubscribe function. */
  listen(): () => void {
    return onEvent('indexProgress', ({ done, total }) => {
      this.indexing = done < total ? { done, total } : null;
      if (done >= total) this.refreshSoon();
    });
  }

  private activeKey(): string | null {
    const row = this.layout.rows[this.activeRow];
    return row?.kind === 'hit' ? row.key : null;
  }

  private indexOfKey(key: string): number {
    return this.layout.hitRows.findIndex((r) => this.layout.rows[r]?.key === key);
  }
}

export const search = new SearchState();
