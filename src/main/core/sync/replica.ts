// The notebook's replica: a local PouchDB holding every record as a document, which PouchDB replicates to and
// from the team's server. Writing to it never waits for the network, so work done offline is kept here until the
// server is reachable. A local change becomes a new revision of the version it was made on: when another version
// arrived meanwhile, the two are sibling revisions (a CouchDB conflict), both kept, never one overwriting the other.
import { createHash } from 'node:crypto';
import type { ArticleBody } from '../types';
import type { Change } from '../store/records';
import { bodyDocId, canonicalJson, recordDocId, sameRecord, sourceDocId } from './docs';
import type { Db, SyncDocBody } from './pouch';

const BODY_ATTACHMENT = 'body.json';
const SOURCE_ATTACHMENT = 'original';

/** One version of a record document: its revision and the record (null: deleted). */
export interface Leaf {
  rev: string;
  record: unknown;
  deleted: boolean;
  /** A branch closed when the researcher settled a conflict (not a deletion of theirs). */
  settled: boolean;
}

type BranchDoc = SyncDocBody & {
  _id: string;
  _rev: string;
  _revisions: { start: number; ids: string[] };
  _deleted?: boolean;
};

export class Replica {
  /** Writes of this machine's own changes begun so far (replication's writes are not counted). */
  writes = 0;

  constructor(readonly db: Db) {}

  /**
   * Writes record changes made in the notebook (its commits); changes the replica already holds are skipped.
   * Returns the documents written.
   */
  async writeChanges(
    changes: readonly Pick<Change, 'kind' | 'id' | 'before' | 'after'>[],
  ): Promise<string[]> {
    if (changes.length === 0) return [];
    const ids = changes.map((c) => recordDocId(c.kind, c.id));
    const { rows } = await this.db.allDocs({ keys: ids, include_docs: true, conflicts: true });
    const docs: BranchDoc[] = [];
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]!;
      const row = rows[i]!;
      const winner = row.value ?? null;
      const winnerRecord = winner && !winner.deleted && row.doc ? row.doc.record : null;
      if (sameRecord(winnerRecord ?? null, c.after)) continue;
      let parent = winner?.rev ?? null;
      // Made on a version that lost to another one: branch from that version, so both stay visible.
      if (!sameRecord(winnerRecord ?? null, c.before) && row.doc?._conflicts) {
        let already = false;
        for (const rev of row.doc._conflicts) {
          const other = await this.db.get(ids[i]!, { rev });
          if (sameRecord(other.record, c.after)) already = true;
          if (sameRecord(other.record, c.before)) parent = rev;
        }
        if (already) continue;
      }
      docs.push(
        branchDoc(ids[i]!, parent, c.after ? { type: 'record', kind: c.kind, record: c.after } : null),
      );
    }
    if (docs.length > 0) {
      this.writes++;
      await this.db.bulkDocs(docs, { new_edits: false });
    }
    return docs.map((d) => d._id);
  }

  /** Every current version of a document (the winner first), deleted ones included. */
  async leaves(docId: string): Promise<Leaf[]> {
    let winnerRev: string | null = null;
    try {
      winnerRev = (await this.db.get(docId))._rev;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    const open = await this.db.get(docId, { open_revs: 'all' }).catch((e: unknown) => {
      if (isNotFound(e)) return [];
      throw e;
    });
    const leaves: Leaf[] = [];
    for (const entry of open) {
      if (!('ok' in entry) || !entry.ok) continue;
      const doc = entry.ok;
      leaves.push({
        rev: doc._rev,
        record: doc._deleted ? null : (doc.record ?? null),
        deleted: !!doc._deleted,
        settled: !!doc._deleted && doc.type === 'settled',
      });
    }
    return leaves.sort((a, b) => (a.rev === winnerRev ? -1 : b.rev === winnerRev ? 1 : 0));
  }

  /**
   * Makes `content` (null: deleted) the current version, as a new revision of the current one, and closes every
   * other version (the researcher settled the conflict). The closed versions stay in the history, marked settled.
   */
  async settle(docId: string, content: SyncDocBody | null): Promise<void> {
    const [current, ...others] = await this.leaves(docId);
    if (!current) return;
    const docs = others.filter((l) => !l.settled).map((l) => branchDoc(docId, l.rev, null, 'settled'));
    if (!sameRecord(current.record, content?.record ?? null))
      docs.push(branchDoc(docId, current.rev, content));
    this.writes++;
    await this.db.bulkDocs(docs, { new_edits: false });
  }

  /** The record as it was where two versions parted, when the replica still holds it. */
  async commonAncestor(docId: string, revA: string, revB: string): Promise<unknown> {
    const history = async (rev: string) => {
      const doc = await this.db.get(docId, { rev, revs: true });
      const { start, ids } = doc._revisions ?? { start: 0, ids: [] };
      return ids.map((id, i) => `${start - i}-${id}`);
    };
    const a = await history(revA);
    const b = new Set(await history(revB));
    const common = a.find((rev) => b.has(rev));
    if (!common) return null;
    try {
      const doc = await this.db.get(docId, { rev: common });
      return doc._deleted ? null : (doc.record ?? null);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** Of these documents, the ones the replica does not hold (an article text or original file not stored yet). */
  async missing(docIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let start = 0; start < docIds.length; start += CHUNK) {
      const { rows } = await this.db.allDocs({ keys: docIds.slice(start, start + CHUNK) });
      for (const row of rows) if (!row.value || row.value.deleted) out.add(row.key);
    }
    return out;
  }

  /** Stores article texts (by key) and original files (by hash) in one write; content-addressed, so each once. */
  async putFiles(files: {
    bodies?: ReadonlyMap<string, Omit<ArticleBody, 'id'>>;
    sources?: ReadonlyMap<string, Uint8Array>;
  }): Promise<void> {
    const docs: NewFileDoc[] = [];
    for (const [key, body] of files.bodies ?? []) {
      const bytes = Buffer.from(
        JSON.stringify(body.blocks ? body : { text: body.text, passages: body.passages }),
      );
      docs.push(fileDoc(bodyDocId(key), 'body', BODY_ATTACHMENT, 'application/json', bytes));
    }
    for (const [hash, bytes] of files.sources ?? []) {
      docs.push(
        fileDoc(
          sourceDocId(hash),
          'source',
          SOURCE_ATTACHMENT,
          'application/octet-stream',
          Buffer.from(bytes),
        ),
      );
    }
    if (docs.length === 0) return;
    this.writes++;
    const results = await this.db.bulkDocs(docs);
    for (const r of results) {
      // Content-addressed: a document already there (a 409) holds the same bytes.
      if ('error' in r && r.error !== 'conflict') {
        throw new Error(`The sync copy could not store ${r.id}: ${r.error}`);
      }
    }
  }

  /** Article texts by key, as stored (missing keys left out): many in one read. */
  readBodies(keys: readonly string[]): Promise<Map<string, Buffer>> {
    return this.attachments(keys, bodyDocId, BODY_ATTACHMENT);
  }

  /** Original files by hash (missing ones left out). */
  readSources(hashes: readonly string[]): Promise<Map<string, Buffer>> {
    return this.attachments(hashes, sourceDocId, SOURCE_ATTACHMENT);
  }

  private async attachments(
    names: readonly string[],
    docId: (name: string) => string,
    attachment: string,
  ): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (let start = 0; start < names.length; start += CHUNK) {
      const slice = names.slice(start, start + CHUNK);
      const { rows } = await this.db.allDocs({
        keys: slice.map(docId),
        include_docs: true,
        attachments: true,
        binary: true,
      });
      rows.forEach((row, i) => {
        const data = row.doc?._attachments?.[attachment]?.data;
        if (Buffer.isBuffer(data)) out.set(slice[i]!, data);
      });
    }
    return out;
  }
}

/** Documents per read or write when texts are moved in bulk: bounds memory on a 10,000-article notebook. */
const CHUNK = 200;

type NewFileDoc = SyncDocBody & {
  _id: string;
  _attachments: Record<string, { content_type: string; data: Buffer }>;
};

function fileDoc(
  docId: string,
  type: SyncDocBody['type'],
  name: string,
  contentType: string,
  data: Buffer,
): NewFileDoc {
  return { _id: docId, type, _attachments: { [name]: { content_type: contentType, data } } };
}

export function isNotFound(e: unknown): boolean {
  return (e as { status?: number } | null)?.status === 404;
}

/**
 * A revision on `parentRev` (a new document when null). Its id is a hash of parent and content, so two replicas
 * making the same change to the same version agree on it instead of conflicting.
 */
function branchDoc(
  docId: string,
  parentRev: string | null,
  content: SyncDocBody | null,
  closing: 'deleted' | 'settled' = 'deleted',
): BranchDoc {
  const [parentGen, parentHash] = parentRev ? parentRev.split('-') : ['0', undefined];
  const gen = Number(parentGen) + 1;
  const hash = createHash('md5')
    .update(canonicalJson([parentRev, content, closing]))
    .digest('hex');
  const revisions = { start: gen, ids: parentHash ? [hash, parentHash] : [hash] };
  const doc: BranchDoc = { _id: docId, _rev: `${gen}-${hash}`, _revisions: revisions, type: 'record' };
  if (content) return { ...doc, ...content };
  return { ...doc, _deleted: true, ...(closing === 'settled' ? { type: 'settled' } : {}) };
}
