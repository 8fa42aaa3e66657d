// Query execution: term-at-a-time accumulation into flat typed arrays (one cell per slot), then top-k.
//
// Semantics (documented for the lead and the UI):
// - A passage matches when every clause is satisfied by the passage itself OR by its article's title, and at
//   least one clause is satisfied by the passage (otherwise a title match would return every passage).
// - An article whose title satisfies every clause but none of whose passages match anything is returned once,
//   on its first passage. Articles without passages are never returned (there is nothing to show).
// - A word clause expands to: the exact term (weight 1), prefix completions for the last word (0.8), and
//   typo matches (0.55 for one edit, 0.4 for two; halved when the first letter differs, a rare typo).
//   Per passage a clause counts its best expansion only, and all expansions share one IDF (from their summed
//   document frequency): otherwise a rare look-alike ("women" for "fomen") would outrank the intended word.
// - Ranking is tiered, like Meilisearch's "typo" rule before relevance: each clause scores a tier (2 = exact
//   spelling or phrase, 1 = prefix completion, 0 = typo), and a higher tier sum always ranks first. Within a
//   tier: Σ clauses BM25(passage) + TITLE_BOOST × Σ clauses BM25(title). The reported score folds both into
//   one number (tier × TIER_STEP + BM25) so sorting by score keeps the order.

import type { Clause, PhraseTerm } from './query';
import { PostingCursor } from './postings';
import type { SlotTable } from './slots';
import type { Vocabulary } from './vocabulary';

export interface RawHit {
  articleId: string;
  passageId: string;
  score: number;
  /** Index terms that matched in this passage (or its title), for snippet marks. */
  terms: string[];
}

export interface SearchResult {
  total: number;
  hits: RawHit[];
  /** `typed → indexed` for words found only through typo tolerance. */
  corrections: string[];
}

const K1 = 1.2;
const B = 0.75;
const TITLE_BOOST = 3;
const WEIGHT_PREFIX = 0.8;
const WEIGHT_EDIT = [1, 0.55, 0.4];
const PREFIX_LIMIT = 30;
const FUZZY_LIMIT = 20;
// Terms are remembered per slot in a 32-bit set; expansions past that are recovered by a re-scan of the hits.
const TERM_BITS = 32;

interface Expansion {
  termId: number;
  weight: number;
  tier: number;
}

// Typos in the first letter are rare (and the generator's and most spell-checkers' models agree).
const FIRST_LETTER_PENALTY = 0.25;
const TIER_EXACT = 2;
const TIER_PREFIX = 1;
const TIER_TYPO = 0;
export const TIER_STEP = 10_000;

/** Typo budget by length: none below 4 letters, one edit for 4-7, two from 8. */
export function maxEdits(word: string): number {
  const n = Array.from(word).length;
  return n < 4 ? 0 : n < 8 ? 1 : 2;
}

/** Reusable per-slot work arrays, grown with the index and cleared through the touched list after each query. */
export class Scratch {
  score = new Float32Array(0);
  best = new Float32Array(0);
  tier = new Uint8Array(0);
  stamp = new Uint32Array(0);
  mask = new Uint32Array(0);
  termBits = new Uint32Array(0);
  touched = new Int32Array(0);
  touchedCount = 0;
  clauseStamp = 0;

  ensure(slots: number): void {
    if (this.score.length >= slots) return;
    const cap = Math.max(1024, slots * 2);
    this.score = new Float32Array(cap);
    this.best = new Float32Array(cap);
    this.tier = new Uint8Array(cap);
    this.stamp = new Uint32Array(cap);
    this.mask = new Uint32Array(cap);
    this.termBits = new Uint32Array(cap);
    this.touched = new Int32Array(cap);
    this.touchedCount = 0;
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const s = this.touched[i] as number;
      this.score[s] = 0;
      this.mask[s] = 0;
      this.termBits[s] = 0;
      this.tier[s] = 0;
    }
    this.touchedCount = 0;
  }
}

export function execute(
  vocab: Vocabulary,
  slots: SlotTable,
  scratch: Scratch,
  clauses: Clause[],
  limit: number,
): SearchResult {
  const corrections: string[] = [];
  if (clauses.length === 0 || slots.livePassages === 0) return { total: 0, hits: [], corrections };
  scratch.ensure(slots.slotCount);
  const ctx = new Context(vocab, slots, scratch);
  try {
    for (let i = 0; i < clauses.length; i++) {
      const clause = clauses[i] as Clause;
      const matched =
        clause.kind === 'phrase' ? ctx.phrase(clause.terms, i, clause.word) : ctx.word(clause, i, corrections);
      // AND: a clause that matches nothing anywhere ends the query.
      if (!matched) return { total: 0, hits: [], corrections };
    }
    return ctx.collect(clauses, limit, corrections);
  } finally {
    scratch.reset();
  }
}

class Context {
  /** Every term id the query used, in bit order (see TERM_BITS). */
  readonly used: number[] = [];

  constructor(
    private readonly vocab: Vocabulary,
    private readonly slots: SlotTable,
    private readonly s: Scratch,
  ) {}

  word(clause: Extract<Clause, { kind: 'word' }>, index: number, corrections: string[]): boolean {
    this.nextClause();
    const expansions: Expansion[] = [];
    const seen = new Set<number>();
    // Expansions go in descending tier order: the first one to reach a slot is that clause's best tier there.
    const push = (termId: number, weight: number, tier: number): void => {
      if (seen.has(termId)) return;
      seen.add(termId);
      expansions.push({ termId, weight, tier });
    };
    const exact = this.vocab.idOf(clause.term);
    if (exact !== undefined) push(exact, 1, TIER_EXACT);
    let completions = 0;
    if (clause.prefix) {
      for (const id of this.vocab.prefixed(clause.term, PREFIX_LIMIT)) push(id, WEIGHT_PREFIX, TIER_PREFIX);
      completions = expansions.length - (exact === undefined ? 0 : 1);
    }
    if (clause.fuzzy) {
      const fuzzy = this.vocab.fuzzy(clause.term, maxEdits(clause.term), FUZZY_LIMIT);
      // Among look-alikes the common one is the likelier intent: weight by √(df / most frequent look-alike).
      const maxDf = fuzzy.reduce((m, f) => Math.max(m, this.vocab.df(f.id)), 1);
      for (const f of fuzzy) {
        const sameStart = (this.vocab.terms[f.id] ?? '')[0] === clause.term[0];
        const share = Math.sqrt(this.vocab.df(f.id) / maxDf);
        push(f.id, (WEIGHT_EDIT[f.distance] ?? 0.3) * (sameStart ? 1 : FIRST_LETTER_PENALTY) * share, TIER_TYPO);
      }
      const top = fuzzy.find((f) => (this.vocab.terms[f.id] ?? '')[0] === clause.term[0]) ?? fuzzy[0];
      if (exact === undefined && completions === 0 && top !== undefined) {
        corrections.push(`${clause.term} → ${this.vocab.terms[top.id] ?? ''}`);
      }
    }
    if (expansions.length === 0) {
      return clause.parts !== null ? this.phrase(clause.parts, index) : false;
    }
    const idf = this.idfOfDf(expansions.reduce((sum, e) => sum + this.vocab.df(e.termId), 0));
    let any = false;
    for (const e of expansions) any = this.accumulateTerm(e, idf, index) || any;
    return any;
  }

  /** `word` (bigram scripts): report the word as the matched term, since its bigrams also occur elsewhere. */
  phrase(terms: PhraseTerm[], index: number, word?: string): boolean {
    const ids: number[] = [];
    for (const t of terms) {
      const id = this.vocab.idOf(t.term);
      if (id === undefined) return false;
      ids.push(id);
    }
    // Start from the rarest term: candidate slots → possible phrase start positions.
    const order = ids.map((_, i) => i).sort((a, b) => this.vocab.df(ids[a] ?? 0) - this.vocab.df(ids[b] ?? 0));
    let starts: Map<number, Set<number>> | null = null;
    for (const i of order) {
      const offset = (terms[i] as PhraseTerm).offset;
      const list = this.vocab.postings[ids[i] as number];
      if (!list) return false;
      const cursor = new PostingCursor(list.bytes());
      const next = new Map<number, Set<number>>();
      for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) {
        if (starts !== null && !starts.has(slot)) continue;
        if (!this.alive(slot)) continue;
        const prev = starts?.get(slot);
        const set = new Set<number>();
        for (const p of cursor.positions()) {
          const start = p - offset;
          if (prev === undefined || prev.has(start)) set.add(start);
        }
        if (set.size > 0) next.set(slot, set);
      }
      starts = next;
      if (starts.size === 0) return false;
    }
    if (starts === null) return false;
    const idf = ids.reduce((sum, id) => sum + this.idf(id), 0);
    const bits = word === undefined ? ids.map((id) => this.bitOf(id)) : [];
    const bit = 1 << index;
    for (const [slot, set] of starts) {
      this.touch(slot);
      this.s.tier[slot] = (this.s.tier[slot] ?? 0) + TIER_EXACT;
      this.s.mask[slot] = ((this.s.mask[slot] ?? 0) | bit) >>> 0;
      this.s.score[slot] = (this.s.score[slot] ?? 0) + idf * this.tfNorm(set.size, slot);
      for (const b of bits) this.s.termBits[slot] = ((this.s.termBits[slot] ?? 0) | b) >>> 0;
    }
    return true;
  }

  private accumulateTerm(e: Expansion, clauseIdf: number, index: number): boolean {
    const list = this.vocab.postings[e.termId];
    if (!list || list.count === 0) return false;
    const s = this.s;
    const idf = clauseIdf * e.weight;
    const bit = 1 << index;
    const termBit = this.bitOf(e.termId);
    const stamp = s.clauseStamp;
    const cursor = new PostingCursor(list.bytes());
    let any = false;
    for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) {
      if (!this.alive(slot)) continue;
      any = true;
      const contribution = idf * this.tfNorm(cursor.tf, slot);
      this.touch(slot);
      if (s.stamp[slot] !== stamp) {
        s.stamp[slot] = stamp;
        s.best[slot] = 0;
        s.tier[slot] = (s.tier[slot] ?? 0) + e.tier;
      }
      const prevBest = s.best[slot] ?? 0;
      if (contribution > prevBest) {
        s.score[slot] = (s.score[slot] ?? 0) + contribution - prevBest;
        s.best[slot] = contribution;
      }
      s.mask[slot] = ((s.mask[slot] ?? 0) | bit) >>> 0;
      s.termBits[slot] = ((s.termBits[slot] ?? 0) | termBit) >>> 0;
    }
    return any;
  }

  collect(clauses: Clause[], limit: number, corrections: string[]): SearchResult {
    const clauseCount = clauses.length;
    const full = clauseCount >= 32 ? 0xffffffff : (1 << clauseCount) - 1;
    const { s, slots } = this;
    const top = new TopK(limit);
    const articleHit = new Set<number>();
    const titleOnly: number[] = [];
    let total = 0;
    for (let i = 0; i < s.touchedCount; i++) {
      const slot = s.touched[i] as number;
      const article = slots.slotArticle[slot] ?? 0;
      const titleSlot = slots.articleFirst[article] ?? 0;
      if (slot === titleSlot) {
        if (s.mask[slot] === full) titleOnly.push(slot);
        continue;
      }
      if (((s.mask[slot] ?? 0) | (s.mask[titleSlot] ?? 0)) >>> 0 !== full) continue;
      total++;
      articleHit.add(article);
      const tier = Math.min(2 * clauseCount, (s.tier[slot] ?? 0) + (s.tier[titleSlot] ?? 0));
      top.offer(slot, tier * TIER_STEP + (s.score[slot] ?? 0) + TITLE_BOOST * (s.score[titleSlot] ?? 0));
    }
    for (const titleSlot of titleOnly) {
      const article = slots.slotArticle[titleSlot] ?? 0;
      if (articleHit.has(article) || (slots.articleCount[article] ?? 0) < 2) continue;
      total++;
      const tier = s.tier[titleSlot] ?? 0;
      top.offer(titleSlot + 1, tier * TIER_STEP + TITLE_BOOST * (s.score[titleSlot] ?? 0));
    }
    const ranked = top.sorted();
    const extra = this.used.length > TERM_BITS ? this.rescan(ranked.map((h) => h.slot)) : null;
    const hits = ranked.map(({ slot, score }): RawHit => {
      const article = slots.slotArticle[slot] ?? 0;
      const titleSlot = slots.articleFirst[article] ?? 0;
      const bits = ((s.termBits[slot] ?? 0) | (s.termBits[titleSlot] ?? 0)) >>> 0;
      const terms = new Set<string>();
      for (let b = 0; b < Math.min(TERM_BITS, this.used.length); b++) {
        if (bits & (1 << b)) terms.add(this.vocab.terms[this.used[b] as number] ?? '');
      }
      for (const t of extra?.get(slot) ?? []) terms.add(t);
      for (const t of extra?.get(titleSlot) ?? []) terms.add(t);
      const mask = ((s.mask[slot] ?? 0) | (s.mask[titleSlot] ?? 0)) >>> 0;
      clauses.forEach((c, i) => {
        if (c.kind === 'phrase' && c.word !== undefined && mask & (1 << i)) terms.add(c.word);
      });
      return {
        articleId: slots.articleIds[article] ?? '',
        passageId: slots.slotPassageIds[slot] ?? '',
        score,
        terms: [...terms],
      };
    });
    return { total, hits, corrections };
  }

  /** Terms past the 32 remembered per slot: find which of the winning slots contain them. */
  private rescan(hitSlots: number[]): Map<number, string[]> {
    const wanted = new Set<number>();
    for (const slot of hitSlots) {
      wanted.add(slot);
      wanted.add(this.slots.articleFirst[this.slots.slotArticle[slot] ?? 0] ?? 0);
    }
    const out = new Map<number, string[]>();
    for (const termId of this.used.slice(TERM_BITS)) {
      const list = this.vocab.postings[termId];
      if (!list) continue;
      const cursor = new PostingCursor(list.bytes());
      for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) {
        if (!wanted.has(slot)) continue;
        const terms = out.get(slot) ?? [];
        terms.push(this.vocab.terms[termId] ?? '');
        out.set(slot, terms);
      }
    }
    return out;
  }

  private bitOf(termId: number): number {
    let i = this.used.indexOf(termId);
    if (i < 0) {
      i = this.used.length;
      this.used.push(termId);
    }
    return i < TERM_BITS ? (1 << i) >>> 0 : 0;
  }

  /** Starts a clause: `best` cells stamped with an older value are stale and read as 0. */
  private nextClause(): void {
    this.s.clauseStamp = (this.s.clauseStamp + 1) >>> 0;
  }

  private alive(slot: number): boolean {
    return this.slots.articleAlive[this.slots.slotArticle[slot] ?? 0] === 1;
  }

  private touch(slot: number): void {
    if ((this.s.mask[slot] ?? 0) !== 0 || (this.s.termBits[slot] ?? 0) !== 0 || (this.s.score[slot] ?? 0) !== 0)
      return;
    if (this.s.touchedCount >= this.s.touched.length) return;
    this.s.touched[this.s.touchedCount++] = slot;
  }

  private idf(termId: number): number {
    return this.idfOfDf(this.vocab.df(termId));
  }

  private idfOfDf(dfRaw: number): number {
    const n = this.slots.livePassages + this.slots.liveTitles;
    const df = Math.min(dfRaw, n);
    return Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  private tfNorm(tf: number, slot: number): number {
    const title = this.slots.slotPassageIds[slot] === '';
    const avg = title
      ? this.slots.liveTitleLength / Math.max(1, this.slots.liveTitles)
      : this.slots.livePassageLength / Math.max(1, this.slots.livePassages);
    const len = this.slots.slotLength[slot] ?? 0;
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / Math.max(1, avg)));
  }
}

/** Keeps the `limit` best (score desc, slot asc) in a binary min-heap. */
class TopK {
  private readonly heap: { slot: number; score: number }[] = [];
  constructor(private readonly limit: number) {}

  offer(slot: number, score: number): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push({ slot, score });
      this.up(h.length - 1);
    } else if (h.length > 0 && worse(h[0] as { slot: number; score: number }, { slot, score })) {
      h[0] = { slot, score };
      this.down(0);
    }
  }

  sorted(): { slot: number; score: number }[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && worse(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function worse(a: { slot: number; score: number }, b: { slot: number; score: number }): boolean {
  return a.score < b.score || (a.score === b.score && a.slot > b.slot);
}
