// Grouped search: the query language (operators.ts) over the passage engine (execute.ts), answered as documents
// (articles and notes) with their best passages.
//
// - Filters (`tag:`, `source:`, `author:`, dates, `in:`) and exclusions (`-word`, `-"phrase"`) decide per
//   document before any posting is read; excluded documents are never scored. `tag:` also decides per passage:
//   only passages where every named tag (or a tag under it) applies can match, the title still serving them.
// - An OR group is one clause with several plans: a passage satisfies it through any of them, scoring its best.
// - Group score = best passage score + GROUP_BONUS × log2(matching passages). Passage scores keep the tiers of
//   execute.ts (exact > prefix > typo, always) and add a proximity bonus: the smaller the window holding one
//   match of every clause, the higher. Proximity needs positions, so it re-ranks only the leading groups.

import { matchPhrase } from './phrase';
import { Context, TIER_STEP, TITLE_BOOST } from './execute';
import type { ParsedQuery } from './operators';
import { liveTerms, planClause, type Plan } from './plan';
import { PostingCursor } from './postings';
import type { Clause } from './query';
import type { Scratch } from './scratch';
import { KIND_ARTICLE, KIND_MEMO, KIND_NOTE, type SlotTable } from './slots';
import { TopK } from './top-k';
import type { Vocabulary } from './vocabulary';

export interface GroupHit {
  passageId: string;
  start: number;
  end: number;
  score: number;
  terms: string[];
}

export interface RankedGroup {
  kind: 'article' | 'note' | 'memo';
  id: string;
  score: number;
  /** Every passage of the document that matches (its best ones are in `hits`). */
  hitTotal: number;
  hits: GroupHit[];
}

export interface GroupedOptions {
  limit: number;
  offset: number;
  /** Passages kept per document, best first. */
  hitsPerGroup: number;
  /** Only this document (its index key), e.g. to list all of one article's matching passages. */
  within: string | null;
}

export interface GroupedSearchResult {
  total: number;
  passageTotal: number;
  groups: RankedGroup[];
  corrections: string[];
  interpretation: string;
  warnings: string[];
}

const GROUP_BONUS = 0.5;
const PROXIMITY_WEIGHT = 3;
// Groups past the requested page that still get a proximity re-rank, so a close match can climb onto the page.
const RERANK_MARGIN = 30;

interface Agg {
  doc: number;
  count: number;
  /** Best passages first, at most HITS_PER_GROUP. */
  top: { slot: number; score: number }[];
  score: number;
}

export function executeGrouped(
  vocab: Vocabulary,
  slots: SlotTable,
  scratch: Scratch,
  q: ParsedQuery,
  options: GroupedOptions,
  keyToId: (key: string) => string,
): GroupedSearchResult {
  const corrections: string[] = [];
  const base = { corrections, interpretation: q.interpretation, warnings: q.warnings };
  const empty = (): GroupedSearchResult => ({ total: 0, passageTotal: 0, groups: [], ...base });
  const filtered = q.tags.length + q.sources.length + q.authors.length + q.not.length > 0;
  const withinDoc = options.within === null ? null : (slots.byId.get(options.within) ?? -1);
  if (withinDoc === -1) return empty();
  const gate =
    filtered || q.after !== null || q.before !== null || q.scope !== 'all'
      ? allowedDocs(vocab, slots, q)
      : null;
  let allowed = gate?.docs ?? null;
  const allowedSlots = gate?.slots ?? null;
  if (withinDoc !== null) {
    const only = new Uint8Array(slots.articleTotal);
    only[withinDoc] = allowed === null ? 1 : (allowed[withinDoc] ?? 0);
    allowed = only;
  }
  if (q.must.length === 0) {
    if (allowed === null) return empty();
    return { ...listDocs(slots, allowed, allowedSlots, options, keyToId), ...base };
  }
  const live = liveTerms(vocab, slots);
  const groups = q.must.map((alts, i) => alts.map((c) => planClause(vocab, c, i, corrections, live)));
  const cost = (plans: Plan[]): number => plans.reduce((sum, p) => sum + p.cost, 0);
  if (groups.some((plans) => cost(plans) === 0) || slots.livePassages + slots.liveTitles === 0)
    return empty();
  scratch.ensure(slots.slotCount);
  const ctx = new Context(vocab, slots, scratch, allowed, allowedSlots);
  try {
    let required = 0;
    for (const plans of [...groups].sort((a, b) => cost(a) - cost(b))) {
      if (ctx.run(plans, required) === 0) return empty();
      required = (required | (1 << (plans[0]?.index ?? 0))) >>> 0;
    }
    return { ...collectGroups(ctx, groups, options, withinDoc, keyToId), ...base };
  } finally {
    scratch.reset();
  }
}

function collectGroups(
  ctx: Context,
  groups: Plan[][],
  options: GroupedOptions,
  withinDoc: number | null,
  keyToId: (key: string) => string,
): Omit<GroupedSearchResult, 'corrections' | 'interpretation' | 'warnings'> {
  const { limit, offset } = options;
  const HITS_PER_GROUP = Math.max(1, options.hitsPerGroup);
  const { s, slots } = ctx;
  const full = groups.length >= 32 ? 0xffffffff : (1 << groups.length) - 1;
  // Flat per-document arrays: a common word reaches 10^5 passages, and an object per passage costs more than
  // the search. Each document keeps its HITS_PER_GROUP best passages, best first. Searching within one
  // document needs room for that document only.
  const docs = slots.articleTotal;
  const count = new Uint32Array(docs);
  const rowOf = (doc: number): number => (withinDoc === null ? doc : 0);
  const topSlot = new Int32Array((withinDoc === null ? docs : 1) * HITS_PER_GROUP);
  const topScore = new Float64Array((withinDoc === null ? docs : 1) * HITS_PER_GROUP);
  const reached: number[] = [];
  const titleOnly: number[] = [];
  let passageTotal = 0;
  const offer = (doc: number, slot: number, score: number): void => {
    const c = count[doc] ?? 0;
    if (c === 0) reached.push(doc);
    count[doc] = c + 1;
    const base = rowOf(doc) * HITS_PER_GROUP;
    let i = Math.min(c, HITS_PER_GROUP);
    if (i === HITS_PER_GROUP && score <= (topScore[base + i - 1] ?? 0)) return;
    if (i === HITS_PER_GROUP) i--;
    while (i > 0 && (topScore[base + i - 1] ?? 0) < score) {
      topScore[base + i] = topScore[base + i - 1] ?? 0;
      topSlot[base + i] = topSlot[base + i - 1] ?? 0;
      i--;
    }
    topScore[base + i] = score;
    topSlot[base + i] = slot;
  };
  for (let i = 0; i < s.touchedCount; i++) {
    const slot = s.touched[i] as number;
    const titleSlot = ctx.titleOf(slot);
    if (slot === titleSlot) {
      if (s.mask[slot] === full) titleOnly.push(slot);
      continue;
    }
    if (((s.mask[slot] ?? 0) | (s.mask[titleSlot] ?? 0)) >>> 0 !== full) continue;
    passageTotal++;
    const tier = Math.min(2 * groups.length, (s.tier[slot] ?? 0) + (s.tier[titleSlot] ?? 0));
    offer(
      slots.slotArticle[slot] ?? 0,
      slot,
      tier * TIER_STEP + (s.score[slot] ?? 0) + TITLE_BOOST * (s.score[titleSlot] ?? 0),
    );
  }
  for (const titleSlot of titleOnly) {
    const doc = slots.slotArticle[titleSlot] ?? 0;
    if ((count[doc] ?? 0) > 0 || (slots.articleCount[doc] ?? 0) < 2) continue;
    const first = firstPassage(slots, doc, ctx.allowedSlots);
    if (first < 0) continue;
    passageTotal++;
    offer(doc, first, (s.tier[titleSlot] ?? 0) * TIER_STEP + TITLE_BOOST * (s.score[titleSlot] ?? 0));
  }
  const top = new TopK(offset + limit + RERANK_MARGIN);
  for (const doc of reached) {
    top.offer(doc, (topScore[rowOf(doc) * HITS_PER_GROUP] ?? 0) + GROUP_BONUS * Math.log2(count[doc] ?? 1));
  }
  const aggOf = (doc: number): Agg => {
    const n = Math.min(count[doc] ?? 0, HITS_PER_GROUP);
    const hits = Array.from({ length: n }, (_, k) => ({
      slot: topSlot[rowOf(doc) * HITS_PER_GROUP + k] ?? 0,
      score: topScore[rowOf(doc) * HITS_PER_GROUP + k] ?? 0,
    }));
    const agg: Agg = { doc, count: count[doc] ?? 0, top: hits, score: 0 };
    agg.score = groupScore(agg);
    return agg;
  };
  const leading = top.sorted().map((e) => aggOf(e.slot));
  if (groups.length > 1) addProximity(ctx, leading);
  leading.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const page = leading.slice(offset, offset + limit);
  const hitSlots = page.flatMap((a) => a.top.map((t) => t.slot));
  const extra = ctx.used.length > 32 ? ctx.rescan(hitSlots) : null;
  return {
    total: reached.length,
    passageTotal,
    groups: page.map((agg) => ({
      kind: kindOf(slots.docKind[agg.doc]),
      id: keyToId(slots.articleIds[agg.doc] ?? ''),
      score: agg.score,
      hitTotal: agg.count,
      hits: agg.top.map(({ slot, score }) => ({
        passageId: slots.slotPassageIds[slot] ?? '',
        start: slots.slotStart[slot] ?? 0,
        end: slots.slotEnd[slot] ?? 0,
        score,
        terms: termsOf(ctx, groups, slot, extra),
      })),
    })),
  };
}

function groupScore(agg: Agg): number {
  return (agg.top[0]?.score ?? 0) + GROUP_BONUS * Math.log2(agg.count);
}

function termsOf(
  ctx: Context,
  groups: Plan[][],
  slot: number,
  extra: Map<number, string[]> | null,
): string[] {
  const { s } = ctx;
  const titleSlot = ctx.titleOf(slot);
  const bits = ((s.termBits[slot] ?? 0) | (s.termBits[titleSlot] ?? 0)) >>> 0;
  const terms = new Set<string>();
  for (let b = 0; b < Math.min(32, ctx.used.length); b++) {
    if (bits & (1 << b)) terms.add(ctx.vocab.terms[ctx.used[b] as number] ?? '');
  }
  for (const t of extra?.get(slot) ?? []) terms.add(t);
  for (const t of extra?.get(titleSlot) ?? []) terms.add(t);
  const mask = ((s.mask[slot] ?? 0) | (s.mask[titleSlot] ?? 0)) >>> 0;
  for (const plans of groups) {
    for (const p of plans)
      if (p.phrase?.word !== undefined && mask & (1 << p.index)) terms.add(p.phrase.word);
  }
  return [...terms];
}

/** Re-scores the leading groups' passages by the smallest window holding a match of every clause. */
function addProximity(ctx: Context, leading: Agg[]): void {
  const wanted = new Map<number, Map<number, number[]>>();
  let bitsWanted = 0;
  for (const agg of leading) {
    for (const t of agg.top) {
      wanted.set(t.slot, new Map());
      bitsWanted = (bitsWanted | (ctx.s.termBits[t.slot] ?? 0)) >>> 0;
    }
  }
  const sortedSlots = [...wanted.keys()].sort((a, b) => a - b);
  for (let b = 0; b < Math.min(32, ctx.used.length); b++) {
    if ((bitsWanted & (1 << b)) === 0) continue;
    const list = ctx.vocab.postings[ctx.used[b] as number];
    if (!list) continue;
    const clause = ctx.usedClause[b] ?? 0;
    const cursor = new PostingCursor(list.bytes());
    let j = 0;
    for (let slot = cursor.next(); slot >= 0 && j < sortedSlots.length; slot = cursor.next()) {
      while (j < sortedSlots.length && (sortedSlots[j] as number) < slot) j++;
      if (sortedSlots[j] !== slot) continue;
      const byClause = wanted.get(slot) as Map<number, number[]>;
      const pos = byClause.get(clause);
      if (pos === undefined) byClause.set(clause, cursor.positions());
      else pos.push(...cursor.positions());
    }
  }
  for (const agg of leading) {
    for (const t of agg.top) {
      const byClause = wanted.get(t.slot);
      if (byClause === undefined || byClause.size < 2) continue;
      const span = minWindow([...byClause.values()]);
      t.score += (PROXIMITY_WEIGHT * (byClause.size - 1)) / (1 + span - byClause.size);
    }
    agg.top.sort((a, b) => b.score - a.score);
    agg.score = groupScore(agg);
  }
}

/** Width (positions, inclusive) of the smallest window holding one position from every list. */
export function minWindow(lists: number[][]): number {
  const events: [number, number][] = [];
  lists.forEach((list, k) => {
    for (const p of list) events.push([p, k]);
  });
  events.sort((a, b) => a[0] - b[0]);
  const need = lists.length;
  const counts = new Array<number>(need).fill(0);
  let have = 0;
  let best = Infinity;
  let lo = 0;
  for (const [pos, k] of events) {
    counts[k] = (counts[k] ?? 0) + 1;
    if (counts[k] === 1) have++;
    while (have === need) {
      const [lpos, lk] = events[lo] as [number, number];
      best = Math.min(best, pos - lpos + 1);
      counts[lk] = (counts[lk] ?? 0) - 1;
      if (counts[lk] === 0) have--;
      lo++;
    }
  }
  return best === Infinity ? need : Math.max(best, need);
}

export function kindOf(docKind: number | undefined): RankedGroup['kind'] {
  return docKind === KIND_NOTE ? 'note' : docKind === KIND_MEMO ? 'memo' : 'article';
}

const scopeKinds = { notes: KIND_NOTE, articles: KIND_ARTICLE, memos: KIND_MEMO } as const;

/** The first passage slot of a document that may be shown (every passage when no slot filter applies), or -1. */
function firstPassage(slots: SlotTable, doc: number, allowedSlots: Uint8Array | null): number {
  const first = slots.articleFirst[doc] ?? 0;
  const end = first + (slots.articleCount[doc] ?? 0);
  for (let slot = first + 1; slot < end; slot++)
    if (allowedSlots === null || allowedSlots[slot] === 1) return slot;
  return -1;
}

/**
 * Per document: 1 when it is alive and passes scope, metadata filters and exclusions. With `tag:` filters, per
 * slot too: 1 for each passage where every named tag applies (a coded span overlaps it), and for the title of a
 * document that has one.
 */
function allowedDocs(
  vocab: Vocabulary,
  slots: SlotTable,
  q: ParsedQuery,
): { docs: Uint8Array; slots: Uint8Array | null } {
  const out = new Uint8Array(slots.articleTotal);
  const slotOk = q.tags.length > 0 ? new Uint8Array(slots.slotCount) : null;
  for (let d = 0; d < slots.articleTotal; d++) {
    if (slots.articleAlive[d] !== 1) continue;
    if (q.scope !== 'all' && slots.docKind[d] !== scopeKinds[q.scope]) continue;
    const published = slots.docPublished[d] ?? 0;
    if ((q.after !== null || q.before !== null) && published === 0) continue;
    if (q.after !== null && published < q.after) continue;
    if (q.before !== null && published > q.before) continue;
    const source = slots.docSource[d] ?? '';
    if (!q.sources.every((v) => source.includes(v))) continue;
    const author = slots.docAuthor[d] ?? '';
    if (!q.authors.every((v) => author.includes(v))) continue;
    if (slotOk !== null && !markCodedSlots(slots, d, q.tags, slotOk)) continue;
    out[d] = 1;
  }
  for (const clause of q.not) {
    for (const slot of slotsWith(vocab, clause)) out[slots.slotArticle[slot] ?? 0] = 0;
  }
  return { docs: out, slots: slotOk };
}

/** Marks the passages of `doc` where every tag applies; false when there are none. */
function markCodedSlots(slots: SlotTable, doc: number, tags: string[], slotOk: Uint8Array): boolean {
  const codes = slots.docCodes[doc] ?? [];
  if (codes.length === 0 || !tags.every((t) => codes.some((c) => c.tags.includes(t)))) return false;
  const first = slots.articleFirst[doc] ?? 0;
  const end = first + (slots.articleCount[doc] ?? 0);
  let any = false;
  for (let slot = first + 1; slot < end; slot++) {
    const start = slots.slotStart[slot] ?? 0;
    const stop = slots.slotEnd[slot] ?? 0;
    const coded = tags.every((t) => codes.some((c) => c.start < stop && c.end > start && c.tags.includes(t)));
    if (coded) {
      slotOk[slot] = 1;
      any = true;
    }
  }
  // The title serves its passages (a title match plus a coded passage is a match).
  if (any) slotOk[first] = 1;
  return any;
}

/** Slots containing an excluded word or phrase, spelled exactly. */
function slotsWith(vocab: Vocabulary, clause: Clause): Iterable<number> {
  if (clause.kind === 'phrase') return matchPhrase(vocab, clause.terms, () => true).keys();
  const id = vocab.idOf(clause.term);
  if (id === undefined) {
    return clause.parts === null ? [] : matchPhrase(vocab, clause.parts, () => true).keys();
  }
  const out: number[] = [];
  const list = vocab.postings[id];
  if (!list) return out;
  const cursor = new PostingCursor(list.bytes());
  for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) out.push(slot);
  return out;
}

/**
 * Filters without words: every allowed document that has passages, newest first, shown by its first passage; with
 * `tag:` filters, by the passages where the tags apply (all of them counted, the first few shown).
 */
function listDocs(
  slots: SlotTable,
  allowed: Uint8Array,
  allowedSlots: Uint8Array | null,
  options: GroupedOptions,
  keyToId: (key: string) => string,
): Omit<GroupedSearchResult, 'corrections' | 'interpretation' | 'warnings'> {
  const { limit, offset } = options;
  const docs: number[] = [];
  for (let d = 0; d < allowed.length; d++)
    if (allowed[d] === 1 && (slots.articleCount[d] ?? 0) >= 2) docs.push(d);
  docs.sort((a, b) => (slots.docPublished[b] ?? 0) - (slots.docPublished[a] ?? 0) || a - b);
  const shown = (d: number): number[] => {
    if (allowedSlots === null) return [(slots.articleFirst[d] ?? 0) + 1];
    const first = slots.articleFirst[d] ?? 0;
    const out: number[] = [];
    for (let slot = first + 1; slot < first + (slots.articleCount[d] ?? 0); slot++)
      if (allowedSlots[slot] === 1) out.push(slot);
    return out;
  };
  let passageTotal = 0;
  for (const d of docs) passageTotal += allowedSlots === null ? 1 : shown(d).length;
  return {
    total: docs.length,
    passageTotal,
    groups: docs.slice(offset, offset + limit).map((d) => {
      const passages = shown(d);
      return {
        kind: kindOf(slots.docKind[d]),
        id: keyToId(slots.articleIds[d] ?? ''),
        score: 0,
        hitTotal: passages.length,
        hits: passages.slice(0, Math.max(1, options.hitsPerGroup)).map((slot) => ({
          passageId: slots.slotPassageIds[slot] ?? '',
          start: slots.slotStart[slot] ?? 0,
          end: slots.slotEnd[slot] ?? 0,
          score: 0,
          terms: [],
        })),
      };
    }),
  };
}
