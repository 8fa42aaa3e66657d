// Top-bar search: debounced, stale answers dropped by a request counter, last query remembered.
import type { SearchHit, SearchResponse } from '../../../main/core/api-contract';
import { api, messageOf } from '../lib/api-client';
import { isString, load, save } from '../lib/persist';
import { reader } from './reader.svelte';
import { ui } from './ui.svelte';

const DEBOUNCE_MS = 120;

class SearchState {
  query = $state(load('query', '', isString));
  response = $state.raw<SearchResponse | null>(null);
  active = $state(0);
  busy = $state(false);
  error = $state<string | null>(null);

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  setQuery(q: string): void {
    this.query = q;
    save('query', q);
    clearTimeout(this.timer);
    if (q.trim() === '') {
      this.seq++;
      this.response = null;
      this.busy = false;
      if (ui.center === 'search') ui.center = ui.section === 'notes' ? 'notes' : 'library';
      return;
    }
    ui.center = 'search';
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  async run(): Promise<void> {
    const query = this.query;
    if (query.trim() === '') return;
    const seq = ++this.seq;
    this.busy = true;
    try {
      const response = await api.search({ query, limit: 100 });
      if (seq !== this.seq) return;
      this.response = response;
      this.active = 0;
      this.error = null;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = messageOf(e);
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }

  move(delta: number): void {
    const n = this.response?.results.length ?? 0;
    if (n === 0) return;
    this.active = (this.active + delta + n) % n;
  }

  async openHit(hit: SearchHit | undefined): Promise<void> {
    if (!hit) return;
    await reader.open(hit.articleId, { passageId: hit.passageId, terms: hit.terms });
  }
}

export const search = new SearchState();
