// The PouchDB build Quire uses: a LevelDB database in the notebook's `sync/` folder replicating over HTTP to a
// CouchDB-protocol server. Kept in one place so every part of sync talks to the same constructor.
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import replication from 'pouchdb-replication';

PouchDB.plugin(leveldb).plugin(http).plugin(replication);

export type Db = PouchDB.Database<SyncDocBody>;
export type FeedChange = PouchDB.ChangesResult<SyncDocBody>;
export type ChangesFeed = PouchDB.Changes<SyncDocBody>;
export type LiveSync = PouchDB.Sync;
export type Replication = PouchDB.Replication;
export type SyncedDoc = PouchDB.Doc<SyncDocBody>;

/** What a synced document holds beside CouchDB's own fields. */
export interface SyncDocBody {
  /** `record`: one notebook record; `body` / `source`: an article text or original file, as an attachment. */
  type: 'record' | 'body' | 'source' | 'mark' | 'settled';
  kind?: string;
  record?: unknown;
  /** `mark` documents (local only): a replication position. */
  seq?: number | string;
  /** `mark` documents: when. */
  at?: string;
}

export function openLocalDb(folder: string): Db {
  return new PouchDB<SyncDocBody>(folder, { adapter: 'leveldb', auto_compaction: false });
}

export function openRemoteDb(url: string, auth: { username: string; password: string } | null): Db {
  return new PouchDB<SyncDocBody>(url, {
    adapter: 'http',
    skip_setup: false,
    ...(auth ? { auth } : {}),
  });
}

export { PouchDB };
