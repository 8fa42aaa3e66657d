// Query execution: term-at-a-time accumulation into flat typed arrays (one cell per slot), then top-k.
//
// Semantics (documented for the lead and the UI):
// - A passage matches when every clause is satisfied by the passage itself OR by its article's title, and at
//   least one clause is satisfied by the passage (otherwise a title match would return every passage).
// - An article whose title satisfies every clause but none of whose passages match anything is returned once,
//   on its first passage. Articles without passages are never returned (there is nothing to show).
// - A word clause expands to: the exact term (weight 1), prefix completions for the last word (0.8), and
//   typo matches (0.55 for one edit, 0.4 for two; a quarter of that when the first letter differs, a rare
//   typo). Per passage a clause counts its best expansion only, and all expansions share one IDF (from their
//   summed document frequency): otherwise a rare look-alike ("women" for "fomen") would outrank the intended word.
// - Ranking is tiered, like Meilisearch's "typo" rule before relevance: each clause scores a tier (2 = exact
//   spelling or phrase, 1 = prefix completion, 0 = typo), and a higher tier sum always ranks first. Within a
//   tier: Σ clauses BM25(passage) + TITLE_BOOST × Σ clauses BM25(title). The reported score folds both into
//   one number (tier × TIER_STEP + BM25) so sorting by score keeps the order.
// Clauses run rarest first, and later clauses only touch slots still able to match every earlier one.

import { matchPhrase } from './phrase';
import { PostingCursor } from './postings';
import { liveTerms, planClause, TIER_EXACT, type Plan } from './plan';
import type { Clause } from './query';
import type { Scratch } from './scratch';
import type { SlotTable } from './slots';
import { TopK } from './top-k';
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
export const TITLE_BOOST = 3;
export const TIER_STEP = 10_000;
// Terms are remembered per slot in a 32-bit set; expansions past that are recovered by a re-scan of the hits.
const TERM_BITS = 32;

export function execute(
  vocab: Vocabulary,
  slots: SlotTable,
  scratch: Scratch,
  clauses: Clause[],
  limit: number,
): SearchResult {
  const corrections: string[] = [];
  const empty = (): SearchResult => ({ total: 0, hits: [], corrections });
  if (clauses.length === 0 || slots.livePassages === 0) return empty();
  const live = liveTerms(vocab, slots);
  const plans = clauses.map((c, i) => planClause(vocab, c, i, corrections, live));
  // AND: a word that matches nothing anywhere ends the query.
  if (plans.some((p) => p.cost === 0)) return empty();
  scratch.ensure(slots.slotCount);
  const ctx = new Context(vocab, slots, scratch);
  try {
    let required = 0;
    for (const plan of [...plans].sort((a, b) => a.cost - b.cost)) {
      if (ctx.run([plan], required) === 0) return empty();
      required = (required | (1 << plan.index)) >>> 0;
    }
    return ctx.collect(plans, limit, corrections);
  } finally {
    scratch.reset();
  }
}

export class Context {
  /** Every term id the query used, in bit order (see TERM_BITS). */
  readonly used: number[] = [];
  /** For each entry of `used`: the clause (plan index) it serves, for proximity. */
  readonly usedClause: number[] = [];
  /** Per slot: BM25's length normalisation, see `lengthNorms`. */
  private readonly norm: Float64Array;

  constructor(
    readonly vocab: Vocabulary,
    readonly slots: SlotTable,
    readonly s: Scratch,
    /** Per document: 1 when filters and exclusions let it through; null lets every live document through. */
    readonly allowed: Uint8Array | null = null,
    /** Per slot: 1 when a `tag:` filter lets the passage (or title) through; null lets every slot through. */
    readonly allowedSlots: Uint8Array | null = null,
  ) {
    this.norm = s.norms(slots);
  }

  /** Accumulates one clause (several plans: its OR alternatives); returns how many slots it reached. */
  run(alternatives: Plan[], required: number): number {
    this.s.nextClause();
    let reached = 0;
    for (const plan of alternatives) reached += this.runPlan(plan, required);
    return reached;
  }

  private runPlan(plan: Plan, required: number): number {
    const viable = (slot: number): boolean => this.viable(slot, required);
    if (plan.phrase) {
      const found = matchPhrase(this.vocab, plan.phrase.terms, viable);
      const idf = plan.phrase.termIds.reduce((sum, id) => sum + this.idf(this.vocab.df(id)), 0);
      const bits =
        plan.phrase.word === undefined ? plan.phrase.termIds.map((id) => this.bitOf(id, plan.index)) : [];
      const termBits = bits.reduce((a, b) => (a | b) >>> 0, 0);
      for (const [slot, freq] of found)
        this.add(slot, plan.index, idf * this.tfNorm(freq, slot), TIER_EXACT, termBits);
      return found.size;
    }
    const idf = this.idf(plan.expansions.reduce((sum, e) => sum + this.vocab.df(e.termId), 0));
    let reached = 0;
    for (const e of plan.expansions) {
      const list = this.vocab.postings[e.termId];
      if (!list) continue;
      const termBit = this.bitOf(e.termId, plan.index);
      reached += this.scan(list.bytes(), idf * e.weight, e.tier, termBit, plan.index, required);
    }
    return reached;
  }

  /**
   * `viable` + `add` over one posting list, decoded in place. A common word reaches 10^5 slots, so this loop is
   * most of a query's time: no cursor object, no calls, no allocation; the arithmetic is `add(tfNorm)` exactly.
   */
  private scan(
    bytes: Uint8Array,
    weight: number,
    tier: number,
    termBit: number,
    clause: number,
    required: number,
  ): number {
    const { s, slots, allowed, allowedSlots } = this;
    const { slotArticle, articleAlive, articleFirst } = slots;
    const norm = this.norm;
    const { score, best, stamp, mask, termBits, seen, touched } = s;
    const tiers = s.tier;
    const clauseTiers = s.clauseTier;
    const clauseStamp = s.clauseStamp;
    const clauseBit = 1 << clause;
    const n = bytes.length;
    let reached = 0;
    let at = 0;
    let slot = -1;
    while (at < n) {
      let b = bytes[at++] as number;
      let v = b & 0x7f;
      for (let mul = 128; b >= 0x80; mul *= 128) {
        b = bytes[at++] as number;
        v += (b & 0x7f) * mul;
      }
      slot += v;
      b = bytes[at++] as number;
      let tf = b & 0x7f;
      for (let mul = 128; b >= 0x80; mul *= 128) {
        b = bytes[at++] as number;
        tf += (b & 0x7f) * mul;
      }
      for (let i = 0; i < tf; i++) while ((bytes[at++] as number) & 0x80);
      const article = slotArticle[slot] as number;
      if (articleAlive[article] !== 1) continue;
      if (allowed !== null && allowed[article] !== 1) continue;
      if (allowedSlots !== null && allowedSlots[slot] !== 1) continue;
      const titleSlot = articleFirst[article] as number;
      if (
        required !== 0 &&
        slot !== titleSlot &&
        (((mask[slot] as number) | (mask[titleSlot] as number)) & required) >>> 0 !== required
      )
        continue;
      reached++;
      const contribution = weight * ((tf * (K1 + 1)) / (tf + (norm[slot] as number)));
      if (seen[slot] !== 1) {
        seen[slot] = 1;
        touched[s.touchedCount++] = slot;
      }
      if (stamp[slot] !== clauseStamp) {
        stamp[slot] = clauseStamp;
        best[slot] = 0;
        clauseTiers[slot] = tier;
        tiers[slot] = (tiers[slot] as number) + tier;
      } else if (tier > (clauseTiers[slot] as number)) {
        tiers[slot] = (tiers[slot] as number) + tier - (clauseTiers[slot] as number);
        clauseTiers[slot] = tier;
      }
      const prevBest = best[slot] as number;
      if (contribution > prevBest) {
        score[slot] = (score[slot] as number) + contribution - prevBest;
        best[slot] = contribution;
      }
      mask[slot] = ((mask[slot] as number) | clauseBit) >>> 0;
      termBits[slot] = ((termBits[slot] as number) | termBit) >>> 0;
    }
    return reached;
  }

  collect(plans: Plan[], limit: number, corrections: string[]): SearchResult {
    const full = plans.length >= 32 ? 0xffffffff : (1 << plans.length) - 1;
    const { s, slots } = this;
    const top = new TopK(limit);
    const articleHit = new Set<number>();
    const titleOnly: number[] = [];
    let total = 0;
    for (let i = 0; i < s.touchedCount; i++) {
      const slot = s.touched[i] as number;
      const titleSlot = this.titleOf(slot);
      if (slot === titleSlot) {
        if (s.mask[slot] === full) titleOnly.push(slot);
        continue;
      }
      if (((s.mask[slot] ?? 0) | (s.mask[titleSlot] ?? 0)) >>> 0 !== full) continue;
      total++;
      articleHit.add(slots.slotArticle[slot] ?? 0);
      const tier = Math.min(2 * plans.length, (s.tier[slot] ?? 0) + (s.tier[titleSlot] ?? 0));
      top.offer(slot, tier * TIER_STEP + (s.score[slot] ?? 0) + TITLE_BOOST * (s.score[titleSlot] ?? 0));
    }
    for (const titleSlot of titleOnly) {
      const article = slots.slotArticle[titleSlot] ?? 0;
      if (articleHit.has(article) || (slots.articleCount[article] ?? 0) < 2) continue;
      total++;
      top.offer(
        titleSlot + 1,
        (s.tier[titleSlot] ?? 0) * TIER_STEP + TITLE_BOOST * (s.score[titleSlot] ?? 0),
      );
    }
    const ranked = top.sorted();
    const extra = this.used.length > TERM_BITS ? this.rescan(ranked.map((h) => h.slot)) : null;
    const hits = ranked.map(({ slot, score }): RawHit => {
      const titleSlot = this.titleOf(slot);
      const bits = ((s.termBits[slot] ?? 0) | (s.termBits[titleSlot] ?? 0)) >>> 0;
      const terms = new Set<string>();
      for (let b = 0; b < Math.min(TERM_BITS, this.used.length); b++) {
        if (bits & (1 << b)) terms.add(this.vocab.terms[this.used[b] as number] ?? '');
      }
      for (const t of extra?.get(slot) ?? []) terms.add(t);
      for (const t of extra?.get(titleSlot) ?? []) terms.add(t);
      const mask = ((s.mask[slot] ?? 0) | (s.mask[titleSlot] ?? 0)) >>> 0;
      for (const p of plans) {
        if (p.phrase?.word !== undefined && mask & (1 << p.index)) terms.add(p.phrase.word);
      }
      return {
        articleId: slots.articleIds[slots.slotArticle[slot] ?? 0] ?? '',
        passageId: slots.slotPassageIds[slot] ?? '',
        score,
        terms: [...terms],
      };
    });
    return { total, hits, corrections };
  }

  /** Records a clause's contribution to a slot, keeping only its best expansion there. */
  private add(slot: number, clause: number, contribution: number, tier: number, termBit: number): void {
    const s = this.s;
    s.touch(slot);
    if (s.stamp[slot] !== s.clauseStamp) {
      s.stamp[slot] = s.clauseStamp;
      s.best[slot] = 0;
      s.clauseTier[slot] = tier;
      s.tier[slot] = (s.tier[slot] ?? 0) + tier;
    } else if (tier > (s.clauseTier[slot] ?? 0)) {
      // An OR alternative of a better tier reached the slot after a worse one: the clause counts its best.
      s.tier[slot] = (s.tier[slot] ?? 0) + tier - (s.clauseTier[slot] ?? 0);
      s.clauseTier[slot] = tier;
    }
    const prevBest = s.best[slot] ?? 0;
    if (contribution > prevBest) {
      s.score[slot] = (s.score[slot] ?? 0) + contribution - prevBest;
      s.best[slot] = contribution;
    }
    s.mask[slot] = ((s.mask[slot] ?? 0) | (1 << clause)) >>> 0;
    s.termBits[slot] = ((s.termBits[slot] ?? 0) | termBit) >>> 0;
  }

  /** Alive, and every earlier clause is satisfied by the slot or by its article's title. */
  private viable(slot: number, required: number): boolean {
    const article = this.slots.slotArticle[slot] ?? 0;
    if (this.slots.articleAlive[article] !== 1) return false;
    if (this.allowed !== null && this.allowed[article] !== 1) return false;
    if (this.allowedSlots !== null && this.allowedSlots[slot] !== 1) return false;
    const titleSlot = this.slots.articleFirst[article] ?? 0;
    // Titles always accumulate: a title's match serves every passage of its article.
    if (required === 0 || slot === titleSlot) return true;
    return (((this.s.mask[slot] ?? 0) | (this.s.mask[titleSlot] ?? 0)) & required) >>> 0 === required;
  }

  titleOf(slot: number): number {
    return this.slots.articleFirst[this.slots.slotArticle[slot] ?? 0] ?? 0;
  }

  /** Terms past the 32 remembered per slot: find which of the winning slots contain them. */
  rescan(hitSlots: number[]): Map<number, string[]> {
    const wanted = new Set<number>();
    for (const slot of hitSlots) {
      wanted.add(slot);
      wanted.add(this.titleOf(slot));
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

  private bitOf(termId: number, clause = 0): number {
    let i = this.used.indexOf(termId);
    if (i < 0) {
      i = this.used.length;
      this.used.push(termId);
      this.usedClause.push(clause);
    }
    return i < TERM_BITS ? (1 << i) >>> 0 : 0;
  }

  private idf(dfRaw: number): number {
    const n = this.slots.livePassages + this.slots.liveTitles;
    const df = Math.min(dfRaw, n);
    return Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  private tfNorm(tf: number, slot: number): number {
    return (tf * (K1 + 1)) / (tf + (this.norm[slot] ?? 0));
  }
}

/** BM25's length part per slot, `K1 × (1 − B + B × length / average length)` (titles and passages apart). */
export function lengthNorms(slots: SlotTable, out: Float64Array): void {
  const avgTitle = Math.max(1, slots.liveTitleLength / Math.max(1, slots.liveTitles));
  const avgPassage = Math.max(1, slots.livePassageLength / Math.max(1, slots.livePassages));
  for (let slot = 0; slot < slots.slotCount; slot++) {
    const avg = slots.slotPassageIds[slot] === '' ? avgTitle : avgPassage;
    out[slot] = K1 * (1 - B + (B * (slots.slotLength[slot] ?? 0)) / avg);
  }
}
