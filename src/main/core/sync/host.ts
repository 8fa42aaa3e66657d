// The one sync engine of the open notebook, for the app and browser mode: opened when a shared notebook is first
// asked about, live while it is open, closed with it (the session's close hook). Status changes go to every UI as
// the `sync` event.
import type { Core } from '../app/core';
import type { NotebookSession } from '../app/session';
import { FileCredentialStore, type CredentialStore } from './credentials';
import { openSync, share, type ShareRequest } from './connect';
import type { SyncEngine } from './engine';
import { statusWords } from './status';
import type { SyncView } from './views';

interface Hosted {
  session: NotebookSession;
  engine: SyncEngine | null;
}

const hosted = new WeakMap<Core, Hosted>();
const credentialStores = new WeakMap<Core, CredentialStore>();

/** The desktop app keeps passwords with Electron's safeStorage; elsewhere a 0600 file in the config folder. */
export function useCredentialStore(core: Core, store: CredentialStore): void {
  credentialStores.set(core, store);
}

function credentialsOf(core: Core): CredentialStore {
  return credentialStores.get(core) ?? new FileCredentialStore(core.options.userDataDir);
}

/** The open notebook's engine, opened and made live on first use; null when the notebook is not shared. */
export async function syncEngine(core: Core): Promise<SyncEngine | null> {
  const session = core.session();
  const current = hosted.get(core);
  if (current?.session === session) return current.engine;
  const engine = session.store.readOnly ? null : await openSync(session, credentialsOf(core));
  adopt(core, session, engine);
  return engine;
}

export async function shareOpenNotebook(core: Core, request: ShareRequest): Promise<SyncEngine> {
  const session = core.writable();
  const previous = hosted.get(core);
  if (previous?.session === session) await previous.engine?.close();
  const engine = await share(session, request, credentialsOf(core));
  adopt(core, session, engine);
  return engine;
}

function adopt(core: Core, session: NotebookSession, engine: SyncEngine | null): void {
  hosted.set(core, { session, engine });
  if (!engine) return;
  engine.onStatus(() => core.emit('sync', viewOf(engine)));
  engine.startLive();
}

export function viewOf(engine: SyncEngine | null): SyncView {
  if (!engine) {
    const status = { state: 'off' } as const;
    return {
      shared: false,
      server: null,
      db: null,
      author: null,
      status,
      words: statusWords(status),
      conflicts: 0,
    };
  }
  const { server, db, author } = engine.config;
  const status = engine.status;
  return {
    shared: true,
    server,
    db,
    author,
    status,
    words: statusWords(status),
    conflicts: engine.conflictIds().length,
  };
}
