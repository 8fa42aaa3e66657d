// The UI's only door to the core: one typed `api` object over either transport.
// Desktop: the preload's `window.quire`. Browser mode: POST /api/<method> + an SSE event stream (http-transport.ts).
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
import { HttpTransport, type Link } from './http-transport';

export type { Link } from './http-transport';

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

/** The desktop app's preload, or browser mode's HTTP transport. */
const door: { bridge: QuireBridge; http: null } | { bridge: null; http: HttpTransport } = bridge
  ? { bridge, http: null }
  : { bridge: null, http: new HttpTransport() };

async function call(method: ApiMethod, input: unknown): Promise<unknown> {
  const result = door.bridge
    ? await (door.bridge.api[method] as (i: unknown) => Promise<ApiResult<unknown>>)(input ?? {})
    : await door.http.call(method, input);
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

/** Subscribes to a core event; returns the unsubscribe function. */
export function onEvent<E extends QuireEventName>(name: E, cb: Listener<E>): () => void {
  if (door.bridge) return door.bridge.on(name, cb);
  return door.http.on(name, (data) => {
    try {
      cb(JSON.parse(data) as QuireEvents[E]);
    } catch {
      // A malformed event is dropped: views reload on the next one or on the next call.
    }
  });
}

/** Whether the server answers (browser mode; the desktop app is always connected). */
export function onLink(cb: (link: Link) => void): () => void {
  return door.http?.onLink(cb) ?? (() => undefined);
}

/** Called when the server is reachable again after contact was lost: events may have been missed. */
export function onReconnect(cb: () => void): () => void {
  return door.http?.onReconnect(cb) ?? (() => undefined);
}

/** A message fit for a toast or an inline error, whatever was thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  if (e instanceof Error) return `Something went wrong: ${e.message}`;
  return `Something went wrong: ${String(e)}`;
}
