// The index vocabulary: term → posting list, plus the two lookups a query needs besides exact terms:
// typo-tolerant matches (bounded Damerau-Levenshtein) and prefix matches (search-as-you-type).
//
// Typo matching is a scan, not an automaton: terms are bucketed by length (only |Δlength| ≤ k can match) and a
// 32-bit letter-set signature rejects most candidates with one XOR + popcount before any DP runs. Measured at
// 10k articles this is well under a millisecond per query word, faster than fuse.js over the same vocabulary.

import { PostingList } from './postings';

export interface FuzzyMatch {
  id: number;
  distance: number;
}

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  readonly postings: PostingList[] = [];
  private sigs = new Uint32Array(1024);
  private readonly byLength: number[][] = [];
  /** Term ids sorted by term, for prefix lookups; `pending` are ids added since the last sort. */
  private sorted: number[] = [];
  private pending: number[] = [];

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The posting list of `term`, created if new. */
  listFor(term: string): PostingList {
    const id = this.ids.get(term);
    if (id !== undefined) return this.postings[id] as PostingList;
    return this.add(term, new PostingList());
  }

  /** `track: false` when the caller restores the sorted order itself (see `restoreSorted`). */
  add(term: string, list: PostingList, track = true): PostingList {
    const id = this.terms.length;
    this.ids.set(term, id);
    this.terms.push(term);
    this.postings.push(list);
    if (id >= this.sigs.length) {
      const next = new Uint32Array(this.sigs.length * 2);
      next.set(this.sigs);
      this.sigs = next;
    }
    this.sigs[id] = signature(term);
    const len = Math.min(term.length, MAX_BUCKET);
    (this.byLength[len] ??= []).push(id);
    if (track) this.pending.push(id);
    return list;
  }

  /** Terms within `maxEdits` (Damerau: a transposition is one edit) of `word`, nearest first; `keep` filters. */
  fuzzy(
    word: string,
    maxEdits: number,
    limit: number,
    keep: (id: number) => boolean = () => true,
  ): FuzzyMatch[] {
    if (maxEdits <= 0) return [];
    const sig = signature(word);
    const out: FuzzyMatch[] = [];
    const lo = Math.max(1, word.length - maxEdits);
    const hi = Math.min(MAX_BUCKET, word.length + maxEdits);
    const dp = new Dp(word.length + maxEdits + 2);
    for (let len = lo; len <= hi; len++) {
      const bucket = this.byLength[len];
      if (!bucket) continue;
      for (const id of bucket) {
        if (popcount((this.sigs[id] ?? 0) ^ sig) > 2 * maxEdits) continue;
        const term = this.terms[id] as string;
        if (term === word) continue;
        const d = dp.distance(word, term, maxEdits);
        if (d <= maxEdits && keep(id)) out.push({ id, distance: d });
      }
    }
    // Ties by spelling, not by when the index met the term: the same vocabulary corrects the same way whatever
    // order its documents were added, removed or compacted in.
    out.sort(
      (a, b) => a.distance - b.distance || this.df(b.id) - this.df(a.id) || this.compareTerms(a.id, b.id),
    );
    return out.slice(0, limit);
  }

  /** Terms that start with `prefix` (the term itself excluded), most frequent first; `keep` filters. */
  prefixed(prefix: string, limit: number, keep: (id: number) => boolean = () => true): number[] {
    this.sortPending();
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[sorted[mid] as number] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < sorted.length && found.length < PREFIX_SCAN_CAP; i++) {
      const id = sorted[i] as number;
      const term = this.terms[id] as string;
      if (!term.startsWith(prefix)) break;
      if (term !== prefix && keep(id)) found.push(id);
    }
    found.sort((a, b) => this.df(b) - this.df(a));
    return found.slice(0, limit);
  }

  /** Term ids sorted by term (for the saved index, so opening it skips a sort of the whole vocabulary). */
  sortedOrder(): Uint32Array {
    this.sortPending();
    return Uint32Array.from(this.sorted);
  }

  restoreSorted(order: number[]): void {
    this.sorted = order;
    this.pending = [];
  }

  df(id: number): number {
    return this.postings[id]?.count ?? 0;
  }

  private compareTerms(a: number, b: number): number {
    const ta = this.terms[a] as string;
    const tb = this.terms[b] as string;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }

  private sortPending(): void {
    if (this.pending.length === 0) return;
    const cmp = (a: number, b: number): number => this.compareTerms(a, b);
    const fresh = this.pending.sort(cmp);
    this.pending = [];
    if (this.sorted.length === 0) {
      this.sorted = fresh;
      return;
    }
    // Merge instead of re-sorting: an import batch adds a few thousand terms to a vocabulary of ~10^5.
    const merged: number[] = new Array<number>(this.sorted.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length && j < fresh.length) {
      const a = this.sorted[i] as number;
      const b = fresh[j] as number;
      if (cmp(a, b) <= 0) {
        merged[k++] = a;
        i++;
      } else {
        merged[k++] = b;
        j++;
      }
    }
    while (i < this.sorted.length) merged[k++] = this.sorted[i++] as number;
    while (j < fresh.length) merged[k++] = fresh[j++] as number;
    this.sorted = merged;
  }
}

const MAX_BUCKET = 64;
// A one-letter prefix can match tens of thousands of terms; past this many the rarest ones are not worth a scan.
const PREFIX_SCAN_CAP = 20_000;

/** Letter-set signature: an edit changes at most two bits, so popcount(a ^ b) > 2k rules out distance ≤ k. */
function signature(term: string): number {
  let sig = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    let bit: number;
    if (c >= 97 && c <= 122) bit = c - 97;
    else if (c >= 48 && c <= 57) bit = 26 + (c % 5);
    else bit = 31;
    sig |= 1 << bit;
  }
  return sig >>> 0;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Optimal-string-alignment distance with early exit once every cell of a row exceeds the bound. */
class Dp {
  private prev2: Int32Array;
  private prev: Int32Array;
  private cur: Int32Array;

  constructor(size: number) {
    this.prev2 = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.cur = new Int32Array(size);
  }

  distance(a: string, b: string, max: number): number {
    const n = a.length;
    const m = b.length;
    if (Math.abs(n - m) > max) return max + 1;
    if (m + 1 > this.cur.length) {
      this.prev2 = new Int32Array(m + 1);
      this.prev = new Int32Array(m + 1);
      this.cur = new Int32Array(m + 1);
    }
    let prev2 = this.prev2;
    let prev = this.prev;
    let cur = this.cur;
    for (let j = 0; j <= m; j++) prev[j] = j;
    for (let i = 1; i <= n; i++) {
      const ca = a.charCodeAt(i - 1);
      cur[0] = i;
      let rowMin = i;
      for (let j = 1; j <= m; j++) {
        const cb = b.charCodeAt(j - 1);
        const cost = ca === cb ? 0 : 1;
        let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
          v = Math.min(v, (prev2[j - 2] as number) + 1);
        }
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      const t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    this.prev2 = prev2;
    this.prev = prev;
    this.cur = cur;
    return prev[m] as number;
  }
}
