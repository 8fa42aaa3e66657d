// Browser mode's transport: POST /api/<method> with the access key, and one watched event stream. A server
// that is gone (stopped, restarting) or that refuses the key is a state the page shows in words, never an HTTP
// status; the page keeps trying, and once the server is back it reconnects and catches up by itself.
import type { ApiMethod, ApiResult } from '../../../main/core/api-contract';

/** `up`: the server answers; `down`: nothing answers; `refused`: a server answers but not to this page's key. */
export type Link = 'up' | 'down' | 'refused';

export const SERVER_GONE =
  'Quire’s server is not running: start it with `quire serve` — this page reconnects by itself.';
export const KEY_REFUSED =
  'Quire’s server did not accept this page’s access key: open the link `quire serve` printed (it ends in ?token=…).';

const KEY = 'quire.key';
/** Waits between attempts to reach a server that is gone: quick at first, then every few seconds. */
const RETRY_MS = [500, 1000, 2000, 3000, 5000];

/**
 * The key arrives once in `?token=`. It is kept in this origin's storage (the server keeps the same key from
 * run to run, so a restart needs no new link) and taken out of the address bar.
 */
function takeKey(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    try {
      localStorage.setItem(KEY, fromUrl);
    } catch {
      // Storage refused: this page still works until it is reloaded.
    }
    return fromUrl;
  }
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

function isResult(v: unknown): v is ApiResult<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof v.ok === 'boolean';
}

const failure = (code: 'IO_ERROR' | 'FORBIDDEN' | 'INTERNAL', message: string): ApiResult<unknown> => ({
  ok: false,
  error: { code, message },
});

export class HttpTransport {
  private readonly key = takeKey();
  private link: Link = 'up';
  private source: EventSource | null = null;
  /** Event name → the page's handlers (kept here, so a new stream after a reconnect gets them all). */
  private readonly handlers = new Map<string, Set<(data: string) => void>>();
  private readonly linkListeners = new Set<(link: Link) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  /** Contact was lost since the stream last opened: events may have been missed. */
  private lost = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  async call(method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.key}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      this.lostContact();
      return failure('IO_ERROR', SERVER_GONE);
    }
    if (response.status === 401) {
      this.lostContact('refused');
      return failure('FORBIDDEN', KEY_REFUSED);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failure('INTERNAL', `Quire’s server sent an unreadable answer (HTTP ${response.status}).`);
    }
    return isResult(body)
      ? body
      : failure('INTERNAL', `Quire’s server sent an unexpected answer (HTTP ${response.status}).`);
  }

  /** Subscribes to a server event (raw JSON text); returns the unsubscribe function. */
  on(name: string, handler: (data: string) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      this.handlers.set(name, (set = new Set()));
      this.source?.addEventListener(name, (e) => this.dispatch(name, e));
    }
    set.add(handler);
    if (!this.source && this.link === 'up') this.openStream();
    return () => set.delete(handler);
  }

  onLink(listener: (link: Link) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  /** Called once the server is reachable again after contact was lost (events may have been missed). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private dispatch(name: string, e: Event): void {
    const data = (e as MessageEvent<unknown>).data;
    if (typeof data !== 'string') return;
    for (const h of this.handlers.get(name) ?? []) h(data);
  }

  private openStream(): void {
    const es = new EventSource(`/api/events?token=${encodeURIComponent(this.key)}`);
    this.source = es;
    for (const name of this.handlers.keys()) es.addEventListener(name, (e) => this.dispatch(name, e));
    es.onopen = () => {
      this.attempt = 0;
      this.setLink('up');
      if (!this.lost) return;
      this.lost = false;
      for (const l of this.reconnectListeners) l();
    };
    // The browser would retry by itself, but not after a refusal (401), and without telling the page: the
    // page finds out what is wrong with a call of its own and retries at its own pace.
    es.onerror = () => {
      es.close();
      if (this.source === es) this.source = null;
      this.lostContact();
    };
  }

  private lostContact(link?: Link): void {
    this.lost = true;
    if (link) this.setLink(link);
    if (this.retry === undefined) this.retry = setTimeout(() => void this.probe(), 0);
  }

  /** One look at the server: back (reopen the stream), gone, or refusing the key; then again until back. */
  private async probe(): Promise<void> {
    let next: Link;
    try {
      const response = await fetch('/api/notebookInfo', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.key}` },
        body: '{}',
      });
      next = response.status === 401 ? 'refused' : 'up';
    } catch {
      next = 'down';
    }
    this.retry = undefined;
    if (next === 'up') {
      if (this.handlers.size > 0) this.openStream();
      else this.setLink('up');
      return;
    }
    this.setLink(next);
    const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)] ?? 5000;
    this.retry = setTimeout(() => void this.probe(), wait);
  }

  private setLink(link: Link): void {
    if (link === this.link) return;
    this.link = link;
    for (const l of this.linkListeners) l(link);
  }
}
