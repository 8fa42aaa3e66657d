import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { ApiHandlers, ApiResult } from '../core/api-contract';
import type { EventHub } from '../core/app/events';
import { dispatch, isApiMethod } from '../core/dispatch';
import { ByteBudget } from './byte-budget';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './guards';
import { listenOnFreePort } from './listen';
import { readJsonBody, type BodyLimits, type BodyResult } from './read-body';
import { findStaticFile, readStatic } from './static-files';

const HEARTBEAT_MS = 15_000;

/** Every time limit and memory bound of browser mode; tests shrink them. */
export interface ServerLimits extends BodyLimits {
  /** Bytes of request bodies held at once across all requests (at least `maxBytes`). */
  budgetBytes: number;
  /** A connection that has not started a request (or sits idle between requests) is closed after this. */
  idleSocketMs: number;
  /** Request headers must arrive within this. */
  headersMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

/**
 * Sized for one person on loopback: the largest upload (a 50 MB file as base64) fits, and a little more than
 * one such upload is held at once, so concurrent uploads cannot multiply memory (four 63 MB uploads took the
 * server from 91 MB to 667 MB RSS). Loopback delivers a full body in well under a second, so the body limits
 * only ever end stalled clients (with room for the slow uplink the end-to-end tests emulate).
 */
export const defaultLimits: ServerLimits = {
  maxBytes: 72 * 1024 * 1024,
  budgetBytes: 96 * 1024 * 1024,
  idleMs: 30_000,
  totalMs: 120_000,
  waitMs: 60_000,
  idleSocketMs: 30_000,
  headersMs: 20_000,
  keepAliveMs: 5_000,
};

export interface ServerOptions {
  api: ApiHandlers;
  events: EventHub;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  /** The port to listen on (0: any free port). */
  port: number;
  /** The user chose the port: if it is taken, fail instead of trying the next ones. */
  explicitPort?: boolean;
  token?: string;
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** The body-byte budget, for tests and benchmarks to read its peak. */
  budget: ByteBudget;
  close(): Promise<void>;
}

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const pageCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Browser mode: the same handlers as the desktop app, over HTTP on 127.0.0.1 only. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limits = { ...defaultLimits, ...options.limits };
  const budget = new ByteBudget(Math.max(limits.budgetBytes, limits.maxBytes));
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const server = createServer(
    {
      headersTimeout: limits.headersMs,
      // Node's own backstop for a request that is never complete; ours answer first, with an envelope.
      requestTimeout: limits.waitMs + limits.totalMs + limits.headersMs,
      keepAliveTimeout: limits.keepAliveMs,
      connectionsCheckingInterval: Math.min(1000, limits.headersMs),
    },
    (req, res) => {
      // A request in progress may run long (an import of many files) with no bytes moving: no idle limit.
      req.socket.setTimeout(0);
      void handle(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, { error: 'Internal error' });
        else res.end();
      });
    },
  );
  // Node's header and request timeouts apply once a request has begun: a connection that sends nothing (or a
  // stray byte) would stay open for ever. Node's own timeout handler destroys the socket.
  server.on('connection', (socket) => socket.setTimeout(limits.idleSocketMs));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) return send(res, 421, { error: 'Unknown host' });
    if (!isAllowedOrigin(req.headers.origin, port))
      return send(res, 403, { error: 'Cross-origin request refused' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!tokenMatches(url.searchParams.get('token'), token))
        return send(res, 401, { error: 'Missing or wrong token' });
      return openEventStream(res);
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, { error: 'Use POST' });
      if (!tokenMatches(bearerToken(req.headers.authorization), token)) {
        return send(res, 401, { error: 'Missing or wrong token' });
      }
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return send(res, 415, { error: 'Send JSON' });
      }
      const method = url.pathname.slice('/api/'.length);
      if (!isApiMethod(method)) return send(res, 404, { error: `Unknown method ${method}` });
      const body = await readJsonBody(req, budget, limits);
      if (!body) return; // the client went away while waiting
      if (!body.ok) return refuse(res, body);
      // The parsed body lives until the answer is sent: so does its share of the budget.
      res.once('close', body.release);
      const result: ApiResult<unknown> = await dispatch(options.api, method, body.value);
      return send(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Method not allowed' });
    const file = await findStaticFile(options.staticDir, url.pathname);
    if (!file) return send(res, 404, { error: 'Not found' });
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': file.type,
      'Cache-Control': file.type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
      ...(file.type.startsWith('text/html') ? { 'Content-Security-Policy': pageCsp } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : await readStatic(file.path));
  }

  /** Stays open for as long as the page does (no idle limit, see the request handler); heartbeats keep it alive. */
  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const unsubscribe = options.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  port = await listenOnFreePort(server, options.port, { explicit: options.explicitPort ?? false });

  return {
    port,
    token,
    budget,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of streams) s.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(json);
}

/** A body Quire would not read: an envelope the UI shows, and the connection closed rather than drained. */
function refuse(res: ServerResponse, body: Extract<BodyResult, { ok: false }>): void {
  const headers: Record<string, string> = body.close ? { Connection: 'close' } : {};
  if (body.retryAfterS !== undefined) headers['Retry-After'] = String(body.retryAfterS);
  send(res, body.status, { ok: false, error: body.error }, headers);
}
