// Sharing a notebook, joining one, and starting sync on a notebook already shared: the steps every edge (CLI,
// browser mode, desktop) takes, with the credentials kept where that edge keeps them.
import type { NotebookSession } from '../app/session';
import { QuireError } from '../errors';
import type { CredentialStore, Credentials } from './credentials';
import { SyncEngine } from './engine';
import { parseRemote } from './remote-url';
import { readSyncConfig, writeSyncConfig, type SyncConfig } from './sync-files';

export interface ShareRequest {
  /** The server (and optionally the database) as the researcher typed it: https://user@couch.example.org/team */
  remote: string;
  db?: string;
  username?: string;
  password?: string;
  /** The name their work is signed with in this notebook. */
  author: string;
}

/**
 * Connects the notebook to a database on the team's server: records where (in the notebook), keeps the password
 * outside it, and opens sync. An empty notebook connected to a database that holds a notebook joins it.
 */
export async function share(
  session: NotebookSession,
  request: ShareRequest,
  credentials: CredentialStore,
): Promise<SyncEngine> {
  const target = parseRemote(request.remote, request.db);
  const username = request.username ?? target.username;
  const password = request.password ?? target.password;
  if (!request.author.trim()) {
    throw new QuireError('BAD_INPUT', 'Give the name your work is signed with in this notebook (--as NAME).');
  }
  if (password !== null && password !== undefined && !username) {
    throw new QuireError('BAD_INPUT', 'A password was given without a user name: give the user name too.');
  }
  const config: SyncConfig = {
    server: target.server,
    db: target.db,
    author: request.author.trim(),
    username: username ?? null,
  };
  let secret: Credentials | null = null;
  if (username && password) {
    secret = { username, password };
    await credentials.set(target.server, target.db, secret);
  } else if (username) {
    secret = await credentials.get(target.server, target.db);
  }
  await writeSyncConfig(session.store.dir, config);
  return SyncEngine.open(session, config, secret);
}

/** Sync for a notebook already shared, or null when it is not shared. */
export async function openSync(
  session: NotebookSession,
  credentials: CredentialStore,
): Promise<SyncEngine | null> {
  const config = await readSyncConfig(session.store.dir);
  if (!config) return null;
  // Checked again here: a config copied in from elsewhere must not send the notebook over plain http.
  parseRemote(`${config.server}/${config.db}`);
  const secret = config.username ? await credentials.get(config.server, config.db) : null;
  return SyncEngine.open(session, config, secret);
}
