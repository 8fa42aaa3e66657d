// The Conflicts view's data: records whose replica holds more than one version (edits made apart), or a version
// deleted on one side while it was edited on the other. Every version is listed with who wrote it; nothing is
// dropped until the researcher settles it.
import type { RecordKind } from '../types';
import { parseRecordDocId } from './docs';
import type { Leaf, Replica } from './replica';
import { markedWhole, mergeWithMarkers } from './three-way';
import type { Conflict, MergeDraft } from './views';

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
  const draft = live.length === 2 ? await mergeDraft(replica, docId, named.kind, live[0]!, live[1]!) : null;
  return {
    docId,
    ...named,
    title: titleOf(named.kind, live[0]?.record ?? leaves[0]?.record),
    type,
    versions,
    merged: named.kind === 'note' && draft?.conflicts === 0 ? draft.text : null,
    draft,
  };
}

/** Which text of a record the merge editor merges: a note's body, a highlight's memo. */
const TEXT_FIELD: Partial<Record<RecordKind, MergeDraft['field']>> = { note: 'body', highlight: 'memo' };

/**
 * The merge editor's starting text: the two versions' texts merged against the one they both started from, with
 * markers where both changed the same lines. Null when the record has no such text or the texts are the same.
 */
async function mergeDraft(
  replica: Replica,
  docId: string,
  kind: RecordKind,
  current: Leaf,
  other: Leaf,
): Promise<MergeDraft | null> {
  const field = TEXT_FIELD[kind];
  if (!field) return null;
  const ours = textOf(current.record, field);
  const theirs = textOf(other.record, field);
  if (ours === null || theirs === null || ours === theirs) return null;
  const base = textOf(await replica.commonAncestor(docId, current.rev, other.rev), field);
  const names = {
    ours: byOf(current.record) ?? 'current version',
    theirs: byOf(other.record) ?? 'other version',
  };
  // Without the version both started from, nothing says which lines each changed: both texts are marked whole.
  const merged =
    base === null ? markedWhole(ours, theirs, names) : mergeWithMarkers(base, ours, theirs, names);
  return { field, ...merged };
}

function textOf(record: unknown, field: MergeDraft['field']): string | null {
  if (record === null || typeof record !== 'object' || !(field in record)) return null;
  const value: unknown = Reflect.get(record, field);
  return typeof value === 'string' ? value : null;
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
