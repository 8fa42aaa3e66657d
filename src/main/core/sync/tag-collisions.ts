// A tag renamed on one machine while another merged it away (or deleted it): CouchDB keeps both — the renamed
// version and the removal — and would show the renamed tag alive, holding none of the passages it had. What a
// careful researcher expects instead: the merge stands (its passages stay under the tag it was merged into, on every
// machine), the new name survives only if some passage still carries the tag (one coded with it after the rename),
// and the notebook says in words what happened.
//
// Every machine decides from its replica alone, which holds the same versions on both sides once they have synced,
// and writes the outcome as revisions whose ids are hashes of what they hold: two machines that settle the same
// collision write the same revisions, so the settlement itself never conflicts. The closing revision carries the
// notice, so a machine that receives a settlement made elsewhere shows the same words.
import { createHash } from 'node:crypto';
import type { RecordKind, Tag } from '../types';
import { canonicalJson, recordDocId, recordFromDoc } from './docs';
import type { Db, SyncDocBody } from './pouch';
import type { Replica } from './replica';

/** An arrived record about to be committed; the collision's outcome replaces `record` (null: removed). */
export interface ArrivingRecord {
  readonly kind: RecordKind;
  readonly id: string;
  readonly docId: string;
  record: unknown;
}

/** Where the notice goes: the notebook's notices (`notebookInfo`, the banner, stderr of every CLI command). */
export interface NoticeBoard {
  addNotice(message: string): Promise<void>;
}

/** Collision settlements this machine has already announced (a local document: never replicated). */
const ANNOUNCED = '_local/quire-tag-collisions';

interface RawLeaf {
  rev: string;
  deleted: boolean;
  /** A version closed when a conflict was settled (not a removal anyone made). */
  settled: boolean;
  record: unknown;
  /** Set on the revision that closed a collision: what the notice says. */
  notice: string | null;
}

/**
 * Settles renamed-vs-removed tag collisions among `arrived` in the replica, sets each such tag's arriving record to
 * the outcome, and adds each settlement's notice once (also for settlements other machines made).
 */
export async function settleTagCollisions(
  replica: Replica,
  notices: NoticeBoard,
  arrived: ArrivingRecord[],
): Promise<void> {
  const tags = arrived.filter((a) => a.kind === 'tag');
  if (tags.length === 0) return;
  const announced = await readAnnounced(replica.db);
  const fresh: string[] = [];
  for (const a of tags) {
    const leaves = await rawLeaves(replica.db, a.docId);
    const collision = await findCollision(replica, a, leaves);
    if (collision) {
      const outcome = await settle(replica, a.id, collision);
      a.record = outcome.kept ? collision.renamed.record : null;
      leaves.push(outcome.marker);
    }
    for (const leaf of leaves) {
      if (leaf.notice === null || announced.has(leaf.rev)) continue;
      announced.add(leaf.rev);
      fresh.push(leaf.rev);
      await notices.addNotice(leaf.notice);
    }
  }
  if (fresh.length > 0) await writeAnnounced(replica.db, announced);
}

interface Collision {
  /** The one live version: renamed. */
  renamed: RawLeaf & { tag: Tag };
  /** The removals it collided with (unsettled deleted versions). */
  removals: RawLeaf[];
  /** The tag as both had it before. */
  before: Tag;
}

async function findCollision(
  replica: Replica,
  a: ArrivingRecord,
  leaves: RawLeaf[],
): Promise<Collision | null> {
  const live = leaves.filter((l) => !l.deleted);
  const removals = leaves.filter((l) => l.deleted && !l.settled);
  if (live.length !== 1 || removals.length === 0) return null;
  const renamedTag = recordFromDoc('tag', a.id, { record: live[0]!.record });
  const removal = removals[0]!;
  const ancestor = await replica.commonAncestor(a.docId, live[0]!.rev, removal.rev);
  const before = recordFromDoc('tag', a.id, { record: ancestor });
  if (!renamedTag || !before || renamedTag.name === before.name) return null;
  return { renamed: { ...live[0]!, tag: renamedTag }, removals, before };
}

/** What became of the passages the tag had, read from the highlights' histories in the replica. */
interface Removal {
  /** `merged`: its passages now carry other tags instead; `deleted`: it went to the Trash; else unknown. */
  how: 'merged' | 'deleted' | 'removed';
  /** Who removed it, when the passages it touched say so. */
  by: string | null;
  /** The names of the tags it was merged into. */
  into: string[];
  /** Passages that carry the tag now (coded with it after the rename, on the renaming machine). */
  carriers: number;
}

async function settle(
  replica: Replica,
  id: string,
  collision: Collision,
): Promise<{ kept: boolean; marker: RawLeaf }> {
  const removal = await describeRemoval(replica.db, id);
  const kept = removal.carriers > 0;
  const notice = noticeText(collision, removal, kept);
  const docId = recordDocId('tag', id);
  const [first, ...rest] = [...collision.removals].sort((x, y) => x.rev.localeCompare(y.rev));
  const docs: BranchDoc[] = [
    closing(docId, first!.rev, notice),
    ...rest.map((l) => closing(docId, l.rev, null)),
  ];
  // Kept, it gets a new revision of its own: were another machine to settle the same collision as a removal, the
  // live version would win there too and stay flagged, rather than the tag vanishing from passages that carry it.
  docs.push(
    kept
      ? revision(docId, collision.renamed.rev, {
          type: 'record',
          kind: 'tag',
          record: collision.renamed.record,
        })
      : revision(docId, collision.renamed.rev, null),
  );
  await replica.db.bulkDocs(docs, { new_edits: false });
  const marker = docs[0]!;
  return { kept, marker: { rev: marker._rev, deleted: true, settled: true, record: null, notice } };
}

async function describeRemoval(db: Db, tagId: string): Promise<Removal> {
  const trash = await db.get(recordDocId('trash', tagId)).catch(() => null);
  const { rows } = await db.allDocs({
    startkey: 'highlight:',
    endkey: 'highlight:\uffff',
    include_docs: true,
  });
  let carriers = 0;
  const into = new Set<string>();
  const by = new Set<string>();
  for (const row of rows) {
    const doc = row.doc;
    if (!doc || row.value?.deleted) continue;
    const tagIds = tagIdsOf(doc.record);
    if (tagIds.includes(tagId)) {
      carriers++;
      continue;
    }
    const previous = await parentRecord(db, row.key, doc._rev);
    if (!tagIdsOf(previous).includes(tagId)) continue;
    for (const t of tagIds) if (!tagIdsOf(previous).includes(t)) into.add(t);
    const who = updatedByOf(doc.record);
    if (who) by.add(who);
  }
  const names = await tagNames(db, [...into]);
  const how = trash && !trash._deleted ? 'deleted' : names.length > 0 ? 'merged' : 'removed';
  return { how, by: by.size === 1 ? [...by][0]! : null, into: names, carriers };
}

function noticeText(collision: Collision, removal: Removal, kept: boolean): string {
  const old = `“${collision.before.name}”`;
  const renamed = `“${collision.renamed.tag.name}”`;
  const renamer = collision.renamed.tag.updatedBy ?? 'someone';
  const remover = removal.by ?? 'someone';
  const into = removal.into.map((n) => `“${n}”`).join(' and ');
  const what =
    removal.how === 'merged'
      ? `${remover} merged ${old} into ${into} while ${renamer} renamed it to ${renamed}: its passages are under ${into}`
      : removal.how === 'deleted'
        ? `${remover} deleted ${old} while ${renamer} renamed it to ${renamed}: the deletion stands (${old} is in the Trash)`
        : `${old} was removed on one machine while ${renamer} renamed it to ${renamed} on another: the removal stands`;
  const outcome = kept
    ? `${renamed} stays for the ${plural(removal.carriers, 'passage')} coded with it since.`
    : `no passage carries ${renamed}, so that name is gone too.`;
  return `${what}; ${outcome}`;
}

// --- replica documents ---

type BranchDoc = SyncDocBody & {
  _id: string;
  _rev: string;
  _revisions: { start: number; ids: string[] };
  _deleted?: boolean;
  notice?: string;
};

/** A deleted revision closing `parentRev`, marked settled (the collision is explained, not a deletion of anyone's). */
function closing(docId: string, parentRev: string, notice: string | null): BranchDoc {
  const doc = branch(docId, parentRev, ['closing', notice]);
  return { ...doc, type: 'settled', _deleted: true, ...(notice === null ? {} : { notice }) };
}

/** A revision on `parentRev` holding `content` (null: deleted). */
function revision(docId: string, parentRev: string, content: SyncDocBody | null): BranchDoc {
  const doc = branch(docId, parentRev, ['collision', content]);
  return content ? { ...doc, ...content } : { ...doc, _deleted: true };
}

/** Its id hashes parent and content, so every machine settling the same collision writes the same revision. */
function branch(docId: string, parentRev: string, content: unknown): BranchDoc {
  const [gen, parentHash] = parentRev.split('-');
  const hash = createHash('md5')
    .update(canonicalJson([parentRev, content]))
    .digest('hex');
  const start = Number(gen) + 1;
  return {
    _id: docId,
    _rev: `${start}-${hash}`,
    _revisions: { start, ids: [hash, parentHash ?? ''] },
    type: 'record',
  };
}

async function rawLeaves(db: Db, docId: string): Promise<RawLeaf[]> {
  const open = await db.get(docId, { open_revs: 'all' }).catch(() => []);
  const leaves: RawLeaf[] = [];
  for (const entry of open) {
    if (!('ok' in entry)) continue;
    const notice: unknown = Reflect.get(entry.ok, 'notice');
    leaves.push({
      rev: entry.ok._rev,
      deleted: !!entry.ok._deleted,
      settled: !!entry.ok._deleted && entry.ok.type === 'settled',
      record: entry.ok._deleted ? null : (entry.ok.record ?? null),
      notice: typeof notice === 'string' ? notice : null,
    });
  }
  return leaves;
}

async function parentRecord(db: Db, docId: string, rev: string): Promise<unknown> {
  const gen = Number(rev.split('-')[0]);
  if (!(gen > 1)) return null;
  try {
    const doc = await db.get(docId, { rev, revs: true });
    const parentHash = doc._revisions?.ids[1];
    if (!parentHash) return null;
    const parent = await db.get(docId, { rev: `${gen - 1}-${parentHash}` });
    return parent._deleted ? null : (parent.record ?? null);
  } catch {
    // An older version this replica never held (it joined later): the history says nothing here.
    return null;
  }
}

async function tagNames(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.allDocs({ keys: ids.map((id) => recordDocId('tag', id)), include_docs: true });
  const names = rows.flatMap((row, i) => {
    const tag = row.doc && !row.value?.deleted ? recordFromDoc('tag', ids[i]!, row.doc) : null;
    return tag ? [tag.name] : [];
  });
  return names.sort((x, y) => x.localeCompare(y));
}

function tagIdsOf(record: unknown): string[] {
  const value: unknown = record && typeof record === 'object' ? Reflect.get(record, 'tagIds') : null;
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
}

function updatedByOf(record: unknown): string | null {
  const value: unknown = record && typeof record === 'object' ? Reflect.get(record, 'updatedBy') : null;
  return typeof value === 'string' ? value : null;
}

async function readAnnounced(db: Db): Promise<Set<string>> {
  const doc = await db.get(ANNOUNCED).catch(() => null);
  const revs: unknown = doc ? Reflect.get(doc, 'revs') : null;
  return new Set(Array.isArray(revs) ? revs.filter((r): r is string => typeof r === 'string') : []);
}

async function writeAnnounced(db: Db, revs: ReadonlySet<string>): Promise<void> {
  const doc = await db.get(ANNOUNCED).catch(() => null);
  await db.put({ _id: ANNOUNCED, ...(doc ? { _rev: doc._rev } : {}), type: 'mark', revs: [...revs] });
}

const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;
