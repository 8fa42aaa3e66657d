// The UI's only door to the core: one typed `api` object over either transport.
// Desktop: the preload's `window.quire`. Browser mode: POST /api/<method> + an SSE event stream.
import type {
  ApiMethod,
  ApiResult,
  DesktopBridge,
  ErrorCode,
  QuireApi,
  QuireBridge,
  QuireEventName,
  QuireEvents,
} from '../../../main/core/api-contract';

declare global {
  interface Window {
    quire?: QuireBridge;
  }
}

export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

const bridge: QuireBridge | null = typeof window !== 'undefined' && window.quire ? window.quire : null;

export const desktop: DesktopBridge | null = bridge?.desktop ?? null;

const TOKEN_KEY = 'quire.token';

/** The token arrives once in `?token=`; keep it for this tab only and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = bridge ? '' : takeToken();

function isResult(v: unknown): v is ApiResult<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof v.ok === 'boolean';
}

async function httpCall(method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiCallError(
      'IO_ERROR',
      'Quire’s local server did not answer. Is `quire serve` still running?',
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiCallError('INTERNAL', `Quire’s server sent an unreadable answer (HTTP ${response.status}).`);
  }
  if (!isResult(body)) {
    throw new ApiCallError('INTERNAL', `Quire’s server sent an unexpected answer (HTTP ${response.status}).`);
  }
  if (!body.ok && response.status === 401) {
    return {
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'This page’s access token is missing or expired: open the link `quire serve` printed.',
      },
    };
  }
  return body;
}

async function call(method: ApiMethod, input: unknown): Promise<unknown> {
  const result = bridge
    ? await (bridge.api[method] as (i: unknown) => Promise<ApiResult<unknown>>)(input ?? {})
    : await httpCall(method, input);
  if (result.ok) return result.value;
  throw new ApiCallError(result.error.code, result.error.message);
}

/** Every method unwraps the envelope: it resolves with the value or throws ApiCallError with a human message. */
export const api = new Proxy(
  {},
  {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined;
      return (input: unknown) => call(name as ApiMethod, input);
    },
  },
) as QuireApi;

type Listener<E extends QuireEventName> = (payload: QuireEvents[E]) => void;

let source: EventSource | null = null;
function eventSource(): EventSource {
  source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  return source;
}

/** Subscribes to a core event; returns the unsubscribe function. */
export function onEvent<E extends QuireEventName>(name: E, cb: Listener<E>): () => void {
  if (bridge) return bridge.on(name, cb);
  const es = eventSource();
  const handler = (e: MessageEvent<string>): void => {
    try {
      cb(JSON.parse(e.data) as QuireEvents[E]);
    } catch {
      // A malformed event is dropped: views reload on the next one or on the next call.
    }
  };
  es.addEventListener(name, handler);
  return () => es.removeEventListener(name, handler);
}

/** A message fit for a toast or an inline error, whatever was thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  if (e instanceof Error) return `Something went wrong: ${e.message}`;
  return `Something went wrong: ${String(e)}`;
}
