import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApiHandlers, ApiResult } from '../core/api-contract';
import type { EventHub } from '../core/app/events';
import { dispatch, isApiMethod } from '../core/dispatch';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './guards';
import { findStaticFile, readStatic } from './static-files';

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface ServerOptions {
  api: ApiHandlers;
  events: EventHub;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  port: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
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
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'Internal error' });
      else res.end();
    });
  });

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
      const body = await readJson(req);
      const result: ApiResult<unknown> = body.ok
        ? await dispatch(options.api, method, body.value)
        : { ok: false, error: { code: 'BAD_INPUT', message: body.message } };
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

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of streams) s.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      return { ok: false, message: 'The request is too large (over 64 MB): send fewer files at a time.' };
    }
    chunks.push(buf);
  }
  if (size === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
}
