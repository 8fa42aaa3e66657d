// The Conflicts view's data: records whose replica holds more than one version (edits made apart), or a version
// deleted on one side while it was edited on the other. Every version is listed with who wrote it; nothing is
// dropped until the researcher settles it.
import type { RecordKind } from '../types';
import { parseRecordDocId, recordFromDoc } from './docs';
import type { Leaf, Replica } from './replica';
import { mergeClean } from './three-way';
import type { Conflict } from './views';

export type { Conflict };

/** True when the leaves are a conflict the researcher has not settled. */
export function isUnsettled(leaves: readonly Leaf[]): boolean {
  const live = leaves.filter((l) => !l.deleted);
  if (live.length > 1) return true;
  return live.length === 1 && leaves.some((l) => l.deleted && !l.settled);
}

export async function describeConflict(replica: Replica, docId: string): Promise<Conflict | null> {
  const named = parseRecordDocId(docId);
  if (!named) return null;
  const leaves = await replica.leaves(docId);
  if (!isUnsettled(leaves)) return null;
  const versions = leaves
    .filter((l) => !l.settled)
    .map((l, i) => ({
      rev: l.rev,
      record: l.record,
      by: byOf(l.record),
      current: i === 0 && leaves[0] === l,
    }));
  const live = leaves.filter((l) => !l.deleted);
  const type = live.length > 1 ? 'edited' : 'deleted';
  let merged: string | null = null;
  if (named.kind === 'note' && live.length === 2) {
    const base = await replica.commonAncestor(docId, live[0]!.rev, live[1]!.rev);
    const texts = [base, live[0]!.record, live[1]!.record].map((r) =>
      r ? (recordFromDoc('note', named.id, { record: r })?.body ?? null) : null,
    );
    if (texts.every((t) => t !== null)) merged = mergeClean(texts[0]!, texts[1]!, texts[2]!);
  }
  return {
    docId,
    ...named,
    title: titleOf(named.kind, live[0]?.record ?? leaves[0]?.record),
    type,
    versions,
    merged,
  };
}

function byOf(record: unknown): string | null {
  const by = (record as { updatedBy?: unknown } | null)?.updatedBy;
  return typeof by === 'string' ? by : null;
}

function titleOf(kind: RecordKind, record: unknown): string {
  const r = (record ?? {}) as { title?: unknown; name?: unknown; quote?: { exact?: unknown } };
  if (typeof r.title === 'string') return r.title;
  if (typeof r.name === 'string') return r.name;
  if (kind === 'highlight' && typeof r.quote?.exact === 'string') return `“${r.quote.exact.slice(0, 60)}”`;
  return kind;
}
