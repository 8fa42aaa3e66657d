// Where sync stands, as data and in the words the top bar and `quire sync status` show.
import type { SyncStatus } from './views';

export type { SyncStatus };

export function statusWords(s: SyncStatus): string {
  switch (s.state) {
    case 'off':
      return 'Not shared';
    case 'syncing':
      return 'Syncing…';
    case 'synced':
      return 'Synced';
    case 'waiting':
      return s.waiting === 1 ? '1 change waiting' : `${s.waiting} changes waiting`;
    case 'offline':
      return 'Offline — your work is kept';
    case 'auth-failed':
      return `Sign-in failed: check the password (the server said: ${s.reason})`;
    case 'error':
      return `Sync stopped — your work is kept: ${s.reason}`;
  }
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** What a replication failure means for the researcher. */
export function classifyFailure(e: unknown, waiting: number): SyncStatus {
  const err = (e ?? {}) as {
    status?: number;
    reason?: string;
    message?: string;
    name?: string;
    code?: string;
    cause?: unknown;
  };
  if (err.status === 401 || err.status === 403) {
    return { state: 'auth-failed', waiting, reason: err.reason || err.message || 'not authorised' };
  }
  const codes = [err.code, (err.cause as { code?: string } | undefined)?.code];
  const message = `${err.message ?? ''} ${err.reason ?? ''}`;
  if (
    codes.some((c) => c && OFFLINE_CODES.has(c)) ||
    /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|network/i.test(message)
  ) {
    return { state: 'offline', waiting, reason: 'the server cannot be reached' };
  }
  const detail = err.reason || err.message || String(e);
  return {
    state: 'error',
    waiting,
    reason: `the server did not answer like a CouchDB server (${detail.slice(0, 200)}). Check the address; Quire retries.`,
  };
}
