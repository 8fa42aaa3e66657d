// Which servers Quire will send a notebook to. Passwords and notes must not cross a network in clear text, so
// plain http is only for a server on this computer (loopback); anything else must be https.
import { QuireError } from '../errors';

export interface RemoteTarget {
  /** Origin and path of the server, without credentials or trailing slash. */
  server: string;
  db: string;
  /** Credentials written into the URL (user:password@host), taken out of it. */
  username: string | null;
  password: string | null;
}

const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

export function parseRemote(url: string, dbName?: string): RemoteTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QuireError(
      'BAD_INPUT',
      `“${url}” is not a server address. Give one like https://couch.example.org/`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new QuireError(
      'BAD_INPUT',
      `Quire syncs over http(s) only; “${parsed.protocol}” is not supported.`,
    );
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new QuireError(
      'SYNC_REFUSED',
      `Quire refuses to sync with ${parsed.host} over plain http: your password and your notes would cross the ` +
        'network readable by anyone on the way. Use the https:// address of the server (TLS); plain http is only ' +
        'allowed for a server on this computer.',
    );
  }
  const username = parsed.username ? decodeURIComponent(parsed.username) : null;
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.username = '';
  parsed.password = '';
  const segments = parsed.pathname.split('/').filter(Boolean);
  // The database is the last path segment unless it is given on its own.
  const db = dbName ?? (segments.length > 0 ? decodeURIComponent(segments.pop()!) : '');
  if (!DB_NAME.test(db)) {
    throw new QuireError(
      'BAD_INPUT',
      db === ''
        ? 'Say which database to use: --db NAME (lower-case letters, digits and _$()+-/ , starting with a letter).'
        : `“${db}” is not a CouchDB database name: use lower-case letters, digits and _$()+-/ , starting with a letter.`,
    );
  }
  parsed.pathname = segments.join('/');
  const server = parsed.toString().replace(/\/+$/, '');
  return { server, db, username, password };
}

export function databaseUrl(target: Pick<RemoteTarget, 'server' | 'db'>): string {
  return `${target.server}/${encodeURIComponent(target.db)}`;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
