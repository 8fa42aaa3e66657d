import { readFile } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, ImportReport } from '../../src/main/core/api-contract';
import { startServer, type RunningServer, type ServerLimits } from '../../src/main/server/http-server';
import { openTestNotebook, type TestNotebook } from '../helpers/notebook';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Reply {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
  at: number;
}

let nb: TestNotebook;
let server: RunningServer;
let staticDir: string;
/** The concurrent calls of the (slow) importFiles below, and the most seen at once. */
let running = 0;
let mostAtOnce = 0;
let importMs = 0;

/** The real handlers, except an importFiles that only holds its request for `importMs`. */
function slowImportApi(api: ApiHandlers): ApiHandlers {
  return {
    ...api,
    importFiles: async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(importMs);
      running--;
      return { imported: [], duplicates: [], failed: [], cancelled: false } satisfies ImportReport;
    },
    notebookInfo: async (input) => {
      await sleep(importMs);
      return api.notebookInfo(input);
    },
  };
}

async function serve(limits: Partial<ServerLimits>): Promise<RunningServer> {
  server = await startServer({ api: slowImportApi(nb.api), events: nb.events, staticDir, port: 0, limits });
  return server;
}

function post(method: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/${method}`,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${server.port}`,
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers, at: Date.now() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** An upload body of about `bytes`: one file of base64 data, as the browser sends it. */
const upload = (bytes: number) => JSON.stringify({ files: [{ name: 'a.txt', data: 'A'.repeat(bytes) }] });

/** A raw connection; resolves how long it stayed open and what the server sent. */
function raw(send: (s: Socket) => void): Promise<{ openMs: number; received: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let received = '';
    const socket = connect(server.port, '127.0.0.1', () => send(socket));
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ openMs: Date.now() - started, received }));
  });
}

beforeEach(async () => {
  nb = await openTestNotebook();
  staticDir = join(nb.root, 'renderer');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Quire</title>');
  running = 0;
  mostAtOnce = 0;
  importMs = 0;
});
afterEach(async () => {
  await server.close();
  await nb.cleanup();
});

describe('browser mode closes what would otherwise stay open', () => {
  it('closes a connection that never sends a request', async () => {
    await serve({ idleSocketMs: 300 });
    const silent = await raw(() => undefined);
    expect(silent.openMs).toBeLessThan(5_000);
    const oneByte = await raw((s) => s.write('P'));
    expect(oneByte.openMs).toBeLessThan(5_000);
  });

  it('closes a connection whose headers never end, with 408', async () => {
    await serve({ headersMs: 500 });
    const r = await raw((s) => s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`));
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.openMs).toBeLessThan(5_000);
  });

  it('answers a body that stops arriving with an envelope saying so, and closes the connection', async () => {
    await serve({ idleMs: 300 });
    const r = await raw((s) =>
      s.write(
        `POST /api/notebookInfo HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
      ),
    );
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.received).toContain('"code":"IO_ERROR"');
    expect(r.received).toContain('The request body stopped arriving');
    expect(r.openMs).toBeLessThan(5_000);
  });

  it('does not blame the client when its own event loop was too busy to read the body', async () => {
    await serve({ idleMs: 300, keepAliveMs: 300 });
    // The client runs on another thread, so it can send the last byte while this thread (the server's) is busy.
    const client = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const socket = require('node:net').connect(workerData.port, '127.0.0.1', () => {
         socket.write(workerData.head);
         setTimeout(() => parentPort.postMessage('sent'), 100);
       });
       let received = '';
       socket.setEncoding('utf8');
       socket.on('data', (d) => (received += d));
       socket.on('close', () => parentPort.postMessage(received));
       parentPort.on('message', () => socket.write('}'));`,
      {
        eval: true,
        workerData: {
          port: server.port,
          head:
            `POST /api/notebookInfo HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{',
        },
      },
    );
    const messages: string[] = [];
    const answered = new Promise<string>((resolve) =>
      client.on('message', (m: string) => {
        messages.push(m);
        if (m !== 'sent') resolve(m);
        // Busy in an I/O callback (as a long store write would be) for longer than the idle limit, while the
        // client sends the last byte.
        else
          readFile(import.meta.filename, () => {
            client.postMessage('go');
            const until = Date.now() + 900;
            while (Date.now() < until);
          });
      }),
    );
    const received = await answered;
    await client.terminate();
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('"ok":true');
  });

  it('answers a body that trickles in for ever once its time is up', async () => {
    await serve({ idleMs: 1_000, totalMs: 600 });
    const r = await raw((s) => {
      s.write(
        `POST /api/notebookInfo HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
          'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const drip = setInterval(() => (s.writable ? s.write('1\r\n \r\n') : clearInterval(drip)), 100);
      s.on('close', () => clearInterval(drip));
    });
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.received).toContain('took longer than');
  });

  it('closes an idle keep-alive connection', async () => {
    await serve({ keepAliveMs: 300 });
    const r = await raw((s) =>
      s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: keep-alive\r\n\r\n`),
    );
    expect(r.received).toMatch(/^HTTP\/1\.1 200/);
    expect(r.openMs).toBeLessThan(5_000);
  });

  it('keeps a long request and the event stream open past every idle limit', async () => {
    importMs = 1_200;
    await serve({ idleSocketMs: 300, keepAliveMs: 300, idleMs: 300, headersMs: 500 });
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        path: `/api/events?token=${server.token}`,
        headers: { host: `127.0.0.1:${server.port}` },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
    let events = '';
    let closed = false;
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (events += c));
    stream.on('close', () => (closed = true));

    const slow = await post('notebookInfo', '{}');
    expect(JSON.parse(slow.body)).toMatchObject({ ok: true });
    expect(closed).toBe(false);
    nb.events.emit('indexProgress', { done: 1, total: 2 });
    await sleep(100);
    expect(events).toContain('data: {"done":1,"total":2}');
    stream.destroy();
  });
});

describe('browser mode bounds the memory of concurrent uploads', () => {
  const MB = 1024 * 1024;

  it('holds at most the byte budget of bodies at once; the others wait their turn and all succeed', async () => {
    importMs = 300;
    await serve({ maxBytes: 2 * MB, budgetBytes: 5 * MB });
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => post('importFiles', upload(2 * MB - 100))),
    );
    for (const r of replies) expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { imported: [] } });
    expect(mostAtOnce).toBe(2);
    expect(server.budget.peak).toBeLessThanOrEqual(5 * MB);
    expect(server.budget.inUse).toBe(0);
  });

  it('lets a small API call pass uploads waiting for room', async () => {
    importMs = 500;
    await serve({ maxBytes: 2 * MB, budgetBytes: 3 * MB });
    const uploads = Promise.all(Array.from({ length: 3 }, () => post('importFiles', upload(2 * MB - 100))));
    await sleep(100);
    const small = await post('noteList', '{}');
    expect(JSON.parse(small.body)).toMatchObject({ ok: true });
    const last = Math.max(...(await uploads).map((r) => r.at));
    expect(small.at).toBeLessThan(last);
  });

  it('answers an upload that waited too long with a retryable error', async () => {
    importMs = 1_500;
    await serve({ maxBytes: 2 * MB, budgetBytes: 2 * MB, waitMs: 300 });
    const first = post('importFiles', upload(2 * MB - 100));
    await sleep(100);
    const second = await post('importFiles', upload(2 * MB - 100));
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('5');
    expect(JSON.parse(second.body)).toEqual({
      ok: false,
      error: {
        code: 'IMPORT_BUSY',
        message: 'Quire is busy receiving other uploads. Try again in a moment.',
      },
    });
    expect(JSON.parse((await first).body)).toMatchObject({ ok: true });
  });

  it('refuses a body over the limit before reading it, declared or not', async () => {
    await serve({ maxBytes: 1 * MB, budgetBytes: 2 * MB });
    const declared = await post('importFiles', upload(1 * MB + 10));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'The request is too large (over 1 MB): send fewer files at a time.',
      },
    });
    const chunked = await post('importFiles', upload(1 * MB + 10), { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(server.budget.inUse).toBe(0);
  });
});
