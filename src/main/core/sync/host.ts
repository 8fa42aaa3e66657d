// The one sync engine of the open notebook, for the app and browser mode: opened with a shared notebook (or when
// first asked about), live while it is open, closed with it (the session's close hook). Status changes go to every
// UI as the `sync` event. CLI reads never start it: only `quire sync` and these long-running edges do.
import type { Core } from '../app/core';
import type { EventHub } from '../app/events';
import type { NotebookSession } from '../app/session';
import { FileCredentialStore, type CredentialStore } from './credentials';
import { openSync, share, type ShareRequest } from './connect';
import type { SyncEngine } from './engine';
import { statusWords } from './status';
import type { SyncView } from './views';

interface Hosted {
  session: NotebookSession;
  /** Being opened or open: two quick asks (the notebook opening, a window asking) share one engine. */
  engine: Promise<SyncEngine | null>;
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
  const engine = session.store.readOnly ? Promise.resolve(null) : openSync(session, credentialsOf(core));
  hosted.set(core, { session, engine });
  try {
    adopt(core, await engine);
  } catch (e) {
    // Not kept: the next ask tries again (a password fixed, a damaged sync folder set aside).
    if (hosted.get(core)?.engine === engine) hosted.delete(core);
    throw e;
  }
  return engine;
}

/**
 * The app and browser mode: a shared notebook starts syncing as soon as it opens, not when a window first asks
 * (work that arrived while the laptop was closed is taken in before anyone looks). A failure to start is shown by
 * `syncStatus` when asked; it never stops the notebook from opening.
 */
export function syncWhenOpened(services: { core: Core; events: EventHub }): () => void {
  return services.events.subscribe((name) => {
    if (name === 'notebook') void syncEngine(services.core).catch(() => undefined);
  });
}

export async function shareOpenNotebook(core: Core, request: ShareRequest): Promise<SyncEngine> {
  const session = core.writable();
  const previous = hosted.get(core);
  if (previous?.session === session) await (await previous.engine.catch(() => null))?.close();
  const engine = share(session, request, credentialsOf(core));
  hosted.set(core, { session, engine });
  adopt(core, await engine);
  return engine;
}

function adopt(core: Core, engine: SyncEngine | null): void {
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
