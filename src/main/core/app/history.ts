// Undo and redo. Every user change set is a step; undoing one commits its inverse through the same commit path
// (so search, counts, the views and, later, replication follow it like any edit). Consecutive saves of the same
// note while typing merge into one step, and an import's batches into one.
import type { UndoState } from '../api-contract';
import { QuireError } from '../errors';
import type { Change, Committed } from '../store/records';
import type { Transaction } from '../store/transaction';

/** Saves of one note this close together are one step of typing… */
const COALESCE_GAP_MS = 4_000;
/** …up to this long, so undo never throws away a whole afternoon of writing at once. */
const COALESCE_SPAN_MS = 60_000;
const MAX_STEPS = 500;

export interface StepOptions {
  /** Change sets with the same group are one step (an import's batches). */
  group?: string;
  /** Consecutive change sets with the same key, close in time, are one step (typing in a note). */
  coalesce?: string;
}

interface Step {
  label: string;
  changes: Change[];
  group: string | null;
  coalesce: string | null;
  first: number;
  last: number;
}

export class History {
  private undoable: Step[] = [];
  private redoable: Step[] = [];

  /** A user change set: a new step (or part of the one before), and what could be redone is gone. */
  record(cs: Committed, options: StepOptions, now: number): void {
    this.redoable = [];
    const top = this.undoable.at(-1);
    const sameGroup = options.group !== undefined && top?.group === options.group;
    const sameTyping =
      options.coalesce !== undefined &&
      top?.coalesce === options.coalesce &&
      now - top.last < COALESCE_GAP_MS &&
      now - top.first < COALESCE_SPAN_MS;
    if (top && (sameGroup || sameTyping)) {
      top.changes = merge(top.changes, cs.changes);
      top.label = cs.label;
      top.last = now;
      return;
    }
    this.undoable.push({
      label: cs.label,
      changes: cs.changes,
      group: options.group ?? null,
      coalesce: options.coalesce ?? null,
      first: now,
      last: now,
    });
    if (this.undoable.length > MAX_STEPS) this.undoable.shift();
  }

  state(): UndoState {
    const u = this.undoable.at(-1);
    const r = this.redoable.at(-1);
    return { undo: u ? `Undo: ${u.label}` : null, redo: r ? `Redo: ${r.label}` : null };
  }

  /**
   * Takes the step to undo. Once its inverse is committed, `done` files it for redo; if the commit fails,
   * `putBack` returns it (a conflict drops it: that step can no longer be undone).
   */
  takeUndo(): TakenStep {
    const step = this.undoable.pop();
    if (!step) throw new QuireError('NOT_FOUND', 'There is nothing to undo.');
    return {
      label: step.label,
      apply: (tx) => revert(tx, step),
      done: () => this.redoable.push(step),
      putBack: () => this.undoable.push(step),
    };
  }

  takeRedo(): TakenStep {
    const step = this.redoable.pop();
    if (!step) throw new QuireError('NOT_FOUND', 'There is nothing to redo.');
    return {
      label: step.label,
      apply: (tx) => replay(tx, step),
      done: () => this.undoable.push(step),
      putBack: () => this.redoable.push(step),
    };
  }

  /** Article texts the steps may point an article back at: kept on disk while the history lives. */
  bodyKeys(): Set<string> {
    const keys = new Set<string>();
    for (const step of [...this.undoable, ...this.redoable]) {
      for (const c of step.changes) {
        if (c.kind === 'article') for (const r of [c.before, c.after]) if (r) keys.add(r.bodyKey ?? r.id);
        if (c.kind === 'trash')
          for (const t of [c.before, c.after]) if (t?.article) keys.add(t.article.bodyKey ?? t.article.id);
      }
    }
    return keys;
  }

  get depth(): { undo: number; redo: number } {
    return { undo: this.undoable.length, redo: this.redoable.length };
  }
}

export interface TakenStep {
  label: string;
  apply: (tx: Transaction) => void;
  done: () => void;
  putBack: () => void;
}

/** Each record back to `before`, provided it is still as the step left it. */
function revert(tx: Transaction, step: Step): void {
  for (const c of [...step.changes].reverse()) {
    expectState(tx, c, c.after, step.label, 'undo');
    if (c.before) tx.put(c.kind, c.before as never);
    else tx.remove(c.kind, c.id);
  }
}

function replay(tx: Transaction, step: Step): void {
  for (const c of step.changes) {
    expectState(tx, c, c.before, step.label, 'redo');
    if (c.after) tx.put(c.kind, c.after as never);
    else tx.remove(c.kind, c.id);
  }
}

function expectState(
  tx: Transaction,
  c: Change,
  expected: unknown,
  label: string,
  verb: 'undo' | 'redo',
): void {
  const current = tx.get(c.kind, c.id) ?? null;
  if (current === expected) return;
  if (current !== null && expected !== null && JSON.stringify(current) === JSON.stringify(expected)) return;
  throw new QuireError(
    'CONFLICT',
    `Quire cannot ${verb} “${label}”: that ${c.kind} has changed since (${describe(current, expected)}). Nothing was changed.`,
  );
}

function describe(current: unknown, expected: unknown): string {
  if (current === null) return 'it was deleted';
  if (expected === null) return 'it exists again';
  return 'it was edited';
}

/** One step's worth of changes: per record, the first `before` and the last `after`. */
function merge(earlier: Change[], later: Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const c of [...earlier, ...later]) {
    const key = `${c.kind}\u0000${c.id}`;
    const first = byKey.get(key);
    byKey.set(key, (first ? { ...c, before: first.before } : c) as Change);
  }
  return [...byKey.values()].filter((c) => c.before !== c.after);
}
