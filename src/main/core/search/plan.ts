// What each clause will read from the index: its expansions (exact, prefix, typo) or phrase terms, and a cost
// (summed document frequency) so the executor can run the rarest clause first.

import { PostingCursor } from './postings';
import type { Clause, PhraseTerm } from './query';
import type { SlotTable } from './slots';
import type { Vocabulary } from './vocabulary';

export const TIER_EXACT = 2;
const TIER_PREFIX = 1;
const TIER_TYPO = 0;
const WEIGHT_PREFIX = 0.8;
const WEIGHT_EDIT = [1, 0.55, 0.4];
// Typos in the first letter are rare; an edit there is most likely another word ("women" for "fomen").
const FIRST_LETTER_PENALTY = 0.25;
const PREFIX_LIMIT = 30;
const FUZZY_LIMIT = 20;
// Completions of a one- or two-letter prefix can cover most of the corpus; past this many postings the
// rarer completions add latency but no results anyone scrolls to.
const PREFIX_POSTINGS_BUDGET = 50_000;

export interface Expansion {
  termId: number;
  weight: number;
  tier: number;
}

export interface Plan {
  /** The clause's position in the query (its bit in the match masks). */
  index: number;
  /** Summed document frequency; 0 means the clause can match nothing. */
  cost: number;
  expansions: Expansion[];
  phrase: { terms: PhraseTerm[]; termIds: number[]; word?: string } | null;
}

/** Typo budget by length: none below 4 letters, one edit for 4-7, two from 8. */
export function maxEdits(word: string): number {
  const n = Array.from(word).length;
  return n < 4 ? 0 : n < 8 ? 1 : 2;
}

/**
 * Whether a live document still holds the term. Removed documents stay in the postings until compaction, so a
 * word only they had must not be offered as an expansion or named as a correction ("deta → delta" when the one
 * article saying "delta" is gone). Answers are remembered for one query.
 */
export function liveTerms(vocab: Vocabulary, slots: SlotTable): (termId: number) => boolean {
  if (slots.deadSlots === 0) return (id) => vocab.df(id) > 0;
  const known = new Map<number, boolean>();
  return (id) => {
    let live = known.get(id);
    if (live === undefined) {
      live = false;
      const list = vocab.postings[id];
      const cursor = new PostingCursor(list ? list.bytes() : new Uint8Array(0));
      for (let slot = cursor.next(); slot >= 0 && !live; slot = cursor.next())
        live = slots.articleAlive[slots.slotArticle[slot] ?? 0] === 1;
      known.set(id, live);
    }
    return live;
  };
}

export function planClause(
  vocab: Vocabulary,
  clause: Clause,
  index: number,
  corrections: string[],
  live: (termId: number) => boolean,
): Plan {
  if (clause.kind === 'phrase') return phrasePlan(vocab, clause.terms, index, clause.word);
  const expansions: Expansion[] = [];
  const seen = new Set<number>();
  // Pushed in descending tier order: the executor relies on the first expansion to reach a slot being the best.
  const push = (termId: number, weight: number, tier: number): void => {
    if (seen.has(termId) || !live(termId)) return;
    seen.add(termId);
    expansions.push({ termId, weight, tier });
  };
  const exact = vocab.idOf(clause.term);
  if (exact !== undefined) push(exact, 1, TIER_EXACT);
  const found = expansions.length;
  if (clause.prefix) {
    let budget = PREFIX_POSTINGS_BUDGET;
    for (const id of vocab.prefixed(clause.term, PREFIX_LIMIT, live)) {
      if (budget <= 0) break;
      push(id, WEIGHT_PREFIX, TIER_PREFIX);
      budget -= vocab.df(id);
    }
  }
  const exactOrPrefix = expansions.length;
  if (clause.fuzzy) {
    const fuzzy = vocab.fuzzy(clause.term, maxEdits(clause.term), FUZZY_LIMIT, live);
    // Among look-alikes the common one is the likelier intent: weight by √(df / most frequent look-alike).
    const maxDf = fuzzy.reduce((m, f) => Math.max(m, vocab.df(f.id)), 1);
    let best: number | undefined;
    for (const f of fuzzy) {
      const sameStart = (vocab.terms[f.id] ?? '')[0] === clause.term[0];
      const share = Math.sqrt(vocab.df(f.id) / maxDf);
      push(
        f.id,
        (WEIGHT_EDIT[f.distance] ?? 0.3) * (sameStart ? 1 : FIRST_LETTER_PENALTY) * share,
        TIER_TYPO,
      );
      if (best === undefined || (sameStart && (vocab.terms[best] ?? '')[0] !== clause.term[0])) best = f.id;
    }
    if (found === 0 && exactOrPrefix === 0 && best !== undefined) {
      corrections.push(`${clause.term} → ${vocab.terms[best] ?? ''}`);
    }
  }
  if (expansions.length === 0 && clause.parts !== null) return phrasePlan(vocab, clause.parts, index);
  const cost = expansions.reduce((sum, e) => sum + vocab.df(e.termId), 0);
  return { index, cost, expansions, phrase: null };
}

function phrasePlan(vocab: Vocabulary, terms: PhraseTerm[], index: number, word?: string): Plan {
  const termIds: number[] = [];
  for (const t of terms) {
    const id = vocab.idOf(t.term);
    if (id === undefined) return { index, cost: 0, expansions: [], phrase: null };
    termIds.push(id);
  }
  // The rarest term bounds how many slots the phrase can match.
  const cost = Math.min(...termIds.map((id) => vocab.df(id)));
  return {
    index,
    cost,
    expansions: [],
    phrase: word === undefined ? { terms, termIds } : { terms, termIds, word },
  };
}
