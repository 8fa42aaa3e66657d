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
import { planClause, TIER_EXACT, type Plan } from './plan';
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
const TITLE_BOOST = 3;
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
  const plans = clauses.map((c, i) => planClause(vocab, c, i, corrections));
  // AND: a word that matches nothing anywhere ends the query.
  if (plans.some((p) => p.cost === 0)) return empty();
  scratch.ensure(slots.slotCount);
  const ctx = new Context(vocab, slots, scratch);
  try {
    let required = 0;
    for (const plan of [...plans].sort((a, b) => a.cost - b.cost)) {
      if (ctx.run(plan, required) === 0) return empty();
      required = (required | (1 << plan.index)) >>> 0;
    }
    return ctx.collect(plans, limit, corrections);
  } finally {
    scratch.reset();
  }
}

class Context {
  /** Every term id the query used, in bit order (see TERM_BITS). */
  private readonly used: number[] = [];
  private readonly avgTitle: number;
  private readonly avgPassage: number;

  constructor(
    private readonly vocab: Vocabulary,
    private readonly slots: SlotTable,
    private readonly s: Scratch,
  ) {
    this.avgTitle = Math.max(1, slots.liveTitleLength / Math.max(1, slots.liveTitles));
    this.avgPassage = Math.max(1, slots.livePassageLength / Math.max(1, slots.livePassages));
  }

  /** Accumulates one clause; returns how many slots it reached (0 ends the query). */
  run(plan: Plan, required: number): number {
    this.s.nextClause();
    const viable = (slot: number): boolean => this.viable(slot, required);
    if (plan.phrase) {
      const found = matchPhrase(this.vocab, plan.phrase.terms, viable);
      const idf = plan.phrase.termIds.reduce((sum, id) => sum + this.idf(this.vocab.df(id)), 0);
      const bits = plan.phrase.word === undefined ? plan.phrase.termIds.map((id) => this.bitOf(id)) : [];
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
      const weight = idf * e.weight;
      const termBit = this.bitOf(e.termId);
      const cursor = new PostingCursor(list.bytes());
      for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) {
        if (!this.viable(slot, required)) continue;
        this.add(slot, plan.index, weight * this.tfNorm(cursor.tf, slot), e.tier, termBit);
        reached++;
      }
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
      // Expansions arrive in descending tier order: the first to reach a slot is the clause's tier there.
      s.tier[slot] = (s.tier[slot] ?? 0) + tier;
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
    const titleSlot = this.slots.articleFirst[article] ?? 0;
    // Titles always accumulate: a title's match serves every passage of its article.
    if (required === 0 || slot === titleSlot) return true;
    return (((this.s.mask[slot] ?? 0) | (this.s.mask[titleSlot] ?? 0)) & required) >>> 0 === required;
  }

  private titleOf(slot: number): number {
    return this.slots.articleFirst[this.slots.slotArticle[slot] ?? 0] ?? 0;
  }

  /** Terms past the 32 remembered per slot: find which of the winning slots contain them. */
  private rescan(hitSlots: number[]): Map<number, string[]> {
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

  private bitOf(termId: number): number {
    let i = this.used.indexOf(termId);
    if (i < 0) {
      i = this.used.length;
      this.used.push(termId);
    }
    return i < TERM_BITS ? (1 << i) >>> 0 : 0;
  }

  private idf(dfRaw: number): number {
    const n = this.slots.livePassages + this.slots.liveTitles;
    const df = Math.min(dfRaw, n);
    return Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  private tfNorm(tf: number, slot: number): number {
    const avg = this.slots.slotPassageIds[slot] === '' ? this.avgTitle : this.avgPassage;
    const len = this.slots.slotLength[slot] ?? 0;
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
  }
}
