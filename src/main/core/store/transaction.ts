// A change set being built: reads see the notebook as it is plus what this transaction already changed; writes
// collect into typed changes (before, after). Nothing reaches the notebook until the store commits it.
import type { Highlight } from '../types';
import type { RecordSet } from './record-set';
import type { Change, RecordKind, RecordTypes } from './records';

const keyOf = (kind: RecordKind, id: string): string => `${kind}\u0000${id}`;

export class Transaction {
  private readonly pending = new Map<string, Change>();

  constructor(private readonly records: RecordSet) {}

  get<K extends RecordKind>(kind: K, id: string): RecordTypes[K] | undefined {
    const change = this.pending.get(keyOf(kind, id));
    if (change) return (change.after ?? undefined) as RecordTypes[K] | undefined;
    return this.records.get(kind, id);
  }

  /** Every record of a kind as this transaction sees it. Meant for the small kinds (tags, notes). */
  list<K extends RecordKind>(kind: K): RecordTypes[K][] {
    const out: RecordTypes[K][] = [];
    for (const record of this.records.list(kind)) {
      const seen = this.get(kind, record.id);
      if (seen) out.push(seen);
    }
    for (const change of this.pending.values()) {
      if (change.kind === kind && change.before === null && change.after)
        out.push(change.after as RecordTypes[K]);
    }
    return out;
  }

  highlightsOf(articleId: string): Highlight[] {
    const out = new Map(this.records.highlightsOf(articleId).map((h) => [h.id, h]));
    for (const change of this.pending.values()) {
      if (change.kind !== 'highlight') continue;
      const h = change.after ?? change.before;
      if (h?.articleId !== articleId) continue;
      if (change.after) out.set(change.id, change.after);
      else out.delete(change.id);
    }
    return [...out.values()];
  }

  /** Stores `record` as the new state (the object itself: it must not be changed afterwards). */
  put<K extends RecordKind>(kind: K, record: RecordTypes[K]): void {
    this.record(kind, record.id, record);
  }

  /** Removes the record; returns what was there. */
  remove<K extends RecordKind>(kind: K, id: string): RecordTypes[K] | undefined {
    const current = this.get(kind, id);
    if (current) this.record(kind, id, null);
    return current;
  }

  /** The changes, in the order they were first made; records put back as they were drop out. */
  changes(): Change[] {
    return [...this.pending.values()].filter((c) => c.before !== c.after);
  }

  private record<K extends RecordKind>(kind: K, id: string, after: RecordTypes[K] | null): void {
    const key = keyOf(kind, id);
    const earlier = this.pending.get(key);
    const before = earlier ? earlier.before : (this.records.get(kind, id) ?? null);
    this.pending.set(key, { kind, id, before, after } as Change);
  }
}
