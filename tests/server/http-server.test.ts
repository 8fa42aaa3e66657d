import { mkdir, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/main/server/http-server';
import { openTestNotebook, type TestNotebook } from '../helpers/notebook';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(
  server: RunningServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: init.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...init.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('browser mode server: loopback, token, Host and Origin checks', () => {
  let nb: TestNotebook;
  let server: RunningServer;
  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server, `/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    nb = await openTestNotebook();
    const staticDir = join(nb.root, 'renderer');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Quire</title>');
    await writeFile(join(nb.root, 'secret.txt'), 'do not serve');
    server = await startServer({ api: nb.api, events: nb.events, staticDir, port: 0 });
  });
  afterEach(async () => {
    await server.close();
    await nb.cleanup();
  });

  it('prints a loopback URL carrying a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the same API as the desktop app, as envelopes', async () => {
    const created = await api('noteCreate', { title: 'From the browser' });
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { title: 'From the browser' } });
    const bad = await api('noteCreate', { title: '' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses API calls without the token, with a wrong token, or from another origin', async () => {
    expect((await api('notebookInfo', {}, { authorization: '' })).status).toBe(401);
    expect((await api('notebookInfo', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('notebookInfo', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('notebookInfo', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await send(server, '/', { headers: { host: `evil.example:${server.port}` } });
    expect(r.status).toBe(421);
  });

  it('refuses form posts and GETs to the API (CSRF), and unknown methods', async () => {
    const form = await send(server, '/api/noteCreate', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'title=x',
    });
    expect(form.status).toBe(415);
    expect((await send(server, '/api/notebookInfo')).status).toBe(405);
    expect((await api('deleteEverything', {})).status).toBe(404);
  });

  it('serves the UI with a strict CSP and never a file outside its folder', async () => {
    const page = await send(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send(server, '/../secret.txt')).status).toBe(404);
    expect((await send(server, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await send(server, '/..%2fsecret.txt')).status).toBe(404);
  });

  it('streams events to a client holding the token', async () => {
    const events: string[] = [];
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
    stream.setEncoding('utf8');
    const got = new Promise<void>((resolve) =>
      stream.on('data', (chunk: string) => {
        events.push(chunk);
        if (events.join('').includes('event: committed')) resolve();
      }),
    );
    await api('noteCreate', { title: 'Announced' });
    await got;
    expect(events.join('')).toMatch(/data: \{"seq":1,"label":"Create note “Announced”"/);
    stream.destroy();
    expect((await send(server, '/api/events?token=nope')).status).toBe(401);
  });
});
