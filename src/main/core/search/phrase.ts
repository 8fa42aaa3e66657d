// Phrase matching over positional postings: slots are intersected first (rarest term first, slot ids only),
// then positions are decoded for the survivors alone. Also used for bigram-script words and for typed
// compounds whose parts appear as separate words.

import { PostingCursor } from './postings';
import type { PhraseTerm } from './query';
import type { Vocabulary } from './vocabulary';

/** Slot → number of occurrences of the phrase, for slots that `keep` accepts. Empty when a term is unknown. */
export function matchPhrase(
  vocab: Vocabulary,
  terms: PhraseTerm[],
  keep: (slot: number) => boolean,
): Map<number, number> {
  const found = new Map<number, number>();
  const ids: number[] = [];
  for (const t of terms) {
    const id = vocab.idOf(t.term);
    if (id === undefined) return found;
    ids.push(id);
  }
  const order = ids.map((_, i) => i).sort((a, b) => vocab.df(ids[a] ?? 0) - vocab.df(ids[b] ?? 0));

  let candidates: number[] | null = null;
  for (const i of order) {
    candidates = intersect(vocab, ids[i] ?? 0, candidates, keep);
    if (candidates.length === 0) return found;
  }
  const slots = candidates ?? [];
  const positions = ids.map((id) => positionsFor(vocab, id, slots));
  const first = terms[0] as PhraseTerm;
  const head = positions[0] as Positions;
  for (let j = 0; j < slots.length; j++) {
    let count = 0;
    for (let i = head.from[j] as number; i < (head.from[j + 1] as number); i++) {
      const start = (head.flat[i] as number) - first.offset;
      let all = true;
      for (let k = 1; k < terms.length && all; k++) {
        const other = positions[k] as Positions;
        all = hasSorted(
          other.flat,
          other.from[j] as number,
          other.from[j + 1] as number,
          start + (terms[k] as PhraseTerm).offset,
        );
      }
      if (all) count++;
    }
    if (count > 0) found.set(slots[j] as number, count);
  }
  return found;
}

/** Positions of one term in each candidate slot: slot j's are `flat[from[j]..from[j + 1])`, ascending. */
interface Positions {
  flat: number[];
  from: Int32Array;
}

/** Slots of `termId` that are in `within` (sorted), or that `keep` accepts when `within` is null. */
function intersect(
  vocab: Vocabulary,
  termId: number,
  within: number[] | null,
  keep: (slot: number) => boolean,
): number[] {
  const list = vocab.postings[termId];
  const out: number[] = [];
  if (!list) return out;
  const cursor = new PostingCursor(list.bytes());
  let j = 0;
  for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) {
    if (within === null) {
      if (keep(slot)) out.push(slot);
      continue;
    }
    while (j < within.length && (within[j] as number) < slot) j++;
    if (j >= within.length) break;
    if (within[j] === slot) out.push(slot);
  }
  return out;
}

function positionsFor(vocab: Vocabulary, termId: number, slots: number[]): Positions {
  // One flat array, not an array per slot: two common words share 10^4 candidate slots, and 10^4 small arrays
  // per term cost more in garbage collection than the match itself.
  const flat: number[] = [];
  const from = new Int32Array(slots.length + 1);
  const list = vocab.postings[termId];
  let j = 0;
  if (list) {
    const cursor = new PostingCursor(list.bytes());
    for (let slot = cursor.next(); slot >= 0 && j < slots.length; slot = cursor.next()) {
      while (j < slots.length && (slots[j] as number) < slot) from[++j] = flat.length;
      if (slots[j] === slot) {
        cursor.appendPositions(flat);
        from[++j] = flat.length;
      }
    }
  }
  while (j < slots.length) from[++j] = flat.length;
  return { flat, from };
}

function hasSorted(arr: number[], from: number, to: number, value: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid] as number;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
