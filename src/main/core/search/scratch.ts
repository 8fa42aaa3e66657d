// Reusable per-slot work arrays for query execution, grown with the index and cleared through the list of
// touched slots after each query (clearing 10^5 cells per keystroke would cost more than most queries).

import { lengthNorms } from './execute';
import type { SlotTable } from './slots';

export class Scratch {
  score = new Float32Array(0);
  /** The current clause's best contribution per slot; valid only where `stamp` equals `clauseStamp`. */
  best = new Float32Array(0);
  stamp = new Uint32Array(0);
  /** Sum of clause tiers (exact 2, prefix 1, typo 0). */
  tier = new Uint8Array(0);
  /** The current clause's tier per slot; valid only where `stamp` equals `clauseStamp`. */
  clauseTier = new Uint8Array(0);
  /** Bit i set: clause i is satisfied in this slot. */
  mask = new Uint32Array(0);
  /** Bit b set: the query's b-th term occurs in this slot. */
  termBits = new Uint32Array(0);
  /** 1 for a slot already in `touched`. */
  seen = new Uint8Array(0);
  touched = new Int32Array(0);
  touchedCount = 0;
  clauseStamp = 0;

  private norm = new Float64Array(0);
  /** The table `norm` was computed for: compaction lays the slots out anew in another table. */
  private normTable: SlotTable | null = null;
  /** The table totals `norm` was computed from: slot count, live titles, their length, passages, their length. */
  private readonly normKey = new Float64Array(5).fill(-1);

  /**
   * Per slot, BM25's length normalisation (see `lengthNorms`), recomputed only when the table or its live totals
   * changed: it depends on average lengths, which every add or removal moves. Within one table slots are only
   * appended, so equal totals mean the same layout; a compacted table can reach the same totals with every
   * slot holding another passage.
   */
  norms(slots: SlotTable): Float64Array {
    const key = [
      slots.slotCount,
      slots.liveTitles,
      slots.liveTitleLength,
      slots.livePassages,
      slots.livePassageLength,
    ];
    if (
      slots !== this.normTable ||
      key.some((v, i) => v !== this.normKey[i]) ||
      this.norm.length < slots.slotCount
    ) {
      this.normTable = slots;
      if (this.norm.length < slots.slotCount)
        this.norm = new Float64Array(Math.max(1024, slots.slotCount * 2));
      lengthNorms(slots, this.norm);
      this.normKey.set(key);
    }
    return this.norm;
  }

  ensure(slots: number): void {
    if (this.score.length >= slots) return;
    const cap = Math.max(1024, slots * 2);
    this.score = new Float32Array(cap);
    this.best = new Float32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.tier = new Uint8Array(cap);
    this.clauseTier = new Uint8Array(cap);
    this.mask = new Uint32Array(cap);
    this.termBits = new Uint32Array(cap);
    this.seen = new Uint8Array(cap);
    this.touched = new Int32Array(cap);
    this.touchedCount = 0;
  }

  /** Starts a clause: `best` cells stamped with an older value are stale and read as 0. */
  nextClause(): void {
    this.clauseStamp = (this.clauseStamp + 1) >>> 0;
  }

  /** Remembers a slot for `reset`; true the first time in this query. */
  touch(slot: number): boolean {
    if (this.seen[slot] === 1) return false;
    this.seen[slot] = 1;
    this.touched[this.touchedCount++] = slot;
    return true;
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const s = this.touched[i] as number;
      this.score[s] = 0;
      this.mask[s] = 0;
      this.termBits[s] = 0;
      this.tier[s] = 0;
      this.seen[s] = 0;
    }
    this.touchedCount = 0;
  }
}
