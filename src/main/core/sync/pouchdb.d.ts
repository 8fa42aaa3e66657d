// The part of PouchDB's API that sync uses, typed here: DefinitelyTyped's @types/pouchdb-core declares a global
// `Buffer` and pulls in the DOM library, which breaks Node's own types across the whole project.
declare module 'pouchdb-core' {
  namespace PouchDB {
    interface Meta {
      _id: string;
      _rev: string;
      _deleted?: boolean;
      _conflicts?: string[];
      _revisions?: { start: number; ids: string[] };
      /** With `attachments` and `binary`: each attachment's bytes; otherwise stubs. */
      _attachments?: Record<string, { content_type: string; data?: Buffer; digest?: string; stub?: boolean }>;
    }
    type Doc<T> = T & Meta;
    interface NewDoc {
      _id: string;
      _rev?: string;
      _deleted?: boolean;
      _revisions?: { start: number; ids: string[] };
      _attachments?: Record<string, { content_type: string; data: Buffer }>;
    }
    /** A row for a missing key has `error` and no `value`. */
    interface AllDocsRow<T> {
      key: string;
      id?: string;
      error?: string;
      value?: { rev: string; deleted?: boolean };
      doc?: Doc<T> | null;
    }
    interface ChangesResult<T> {
      id: string;
      seq: number | string;
      changes: { rev: string }[];
      deleted?: boolean;
      doc?: Doc<T>;
    }
    interface ChangesOptions {
      since?: number | string;
      live?: boolean;
      include_docs?: boolean;
      conflicts?: boolean;
      style?: 'main_only' | 'all_docs';
      limit?: number;
    }
    interface Changes<T> extends Promise<{ results: ChangesResult<T>[]; last_seq: number | string }> {
      on(event: 'change', listener: (change: ChangesResult<T>) => void): Changes<T>;
      on(event: 'error', listener: (error: unknown) => void): Changes<T>;
      cancel(): void;
    }
    interface ReplicationResult {
      ok: boolean;
      docs_read: number;
      docs_written: number;
      last_seq: number | string;
    }
    interface Replication extends Promise<ReplicationResult> {
      on(event: 'change' | 'complete', listener: (info: unknown) => void): Replication;
      on(event: 'error' | 'denied', listener: (error: unknown) => void): Replication;
      cancel(): void;
    }
    interface SyncOptions {
      live?: boolean;
      retry?: boolean;
      back_off_function?: (delay: number) => number;
    }
    interface Sync {
      on(event: 'active', listener: () => void): Sync;
      on(event: 'paused', listener: (error: unknown) => void): Sync;
      on(event: 'change' | 'complete', listener: (info: unknown) => void): Sync;
      on(event: 'error' | 'denied', listener: (error: unknown) => void): Sync;
      cancel(): void;
    }
    interface Database<T = object> {
      name: string;
      info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
      get(id: string): Promise<Doc<T>>;
      get(id: string, options: { rev?: string; revs?: boolean; conflicts?: boolean }): Promise<Doc<T>>;
      get(id: string, options: { open_revs: 'all' }): Promise<({ ok: Doc<T> } | { missing: string })[]>;
      put(
        doc: NewDoc & Partial<T> & Record<string, unknown>,
      ): Promise<{ ok: boolean; id: string; rev: string }>;
      bulkDocs(
        docs: (NewDoc & Partial<T>)[],
        options?: { new_edits?: boolean },
      ): Promise<({ ok: boolean; id: string; rev: string } | { error: string; id: string })[]>;
      allDocs(options: {
        keys?: string[];
        include_docs?: boolean;
        conflicts?: boolean;
        /** With `include_docs`: the attachments' bytes too (as Buffers with `binary`). */
        attachments?: boolean;
        binary?: boolean;
        startkey?: string;
        endkey?: string;
        limit?: number;
      }): Promise<{ total_rows: number; rows: AllDocsRow<T>[] }>;
      changes(options: ChangesOptions): Changes<T>;
      replicate: {
        /** `since`: start from this sequence (written as the checkpoint), not from the last checkpoint. */
        to(
          target: Database<T> | string,
          options?: { batch_size?: number; since?: number | string },
        ): Replication;
        from(source: Database<T> | string, options?: { batch_size?: number }): Replication;
      };
      sync(remote: Database<T> | string, options?: SyncOptions): Sync;
      close(): Promise<void>;
      destroy(): Promise<void>;
    }
    interface Options {
      adapter?: string;
      auto_compaction?: boolean;
      skip_setup?: boolean;
      auth?: { username: string; password: string };
      fetch?: (url: string | URL, init?: RequestInit) => Promise<Response>;
    }
    interface Static {
      new <T = object>(name: string, options?: Options): Database<T>;
      plugin(plugin: unknown): Static;
      defaults(options: Options): Static;
    }
  }
  const PouchDB: PouchDB.Static;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type PouchDB from 'pouchdb-core';
  import type { IncomingMessage, ServerResponse } from 'node:http';
  function expressPouchdb(
    db: typeof PouchDB,
    options?: {
      mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
      inMemoryConfig?: boolean;
      logPath?: string;
    },
  ): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  export default expressPouchdb;
}
