// A real CouchDB-protocol server for tests: express-pouchdb over in-memory PouchDB on 127.0.0.1, with an optional
// sign-in check answering like CouchDB (401 + reason). Faults (refusing, garbage, dropping) are switched on here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import expressPouchdb from 'express-pouchdb';
import memory from 'pouchdb-adapter-memory';
import { PouchDB } from '../../src/main/core/sync/pouch';

// The same PouchDB build the app uses (http, replication), plus memory databases for the server.
PouchDB.plugin(memory);

export interface TestCouch {
  url: string;
  /** Sign-in for the server itself (a real CouchDB's admin); null for the in-memory server without users. */
  admin: { username: string; password: string } | null;
  port: number;
  /** Answers every request with this instead of CouchDB's protocol (null: behave). */
  garbage: string | null;
  stop(): Promise<void>;
  /** Starts again on the same port with the same databases (after `stop`). */
  start(): Promise<void>;
  /** Destroys open connections (a dropped network) without stopping the server. */
  dropConnections(): void;
}

let serverCount = 0;

/** Prefixes test database names, so runs against one real CouchDB never meet an earlier run's data. */
export const runTag = `r${Date.now().toString(36)}${process.pid}`;

/**
 * With QUIRE_TEST_COUCHDB (e.g. `http://admin:pw@127.0.0.1:5984`, the CI job's CouchDB 3 container) tests that do
 * not need to break the server use that real CouchDB; fault tests (`controllable`) and sign-in tests always get the
 * in-memory one, which can be stopped, made to answer garbage, and given users.
 */
export async function startTestCouch(
  options: { users?: Record<string, string>; port?: number; controllable?: boolean } = {},
): Promise<TestCouch> {
  const real = process.env.QUIRE_TEST_COUCHDB;
  if (real && !options.users && !options.controllable) return realCouch(real);
  // Each server its own in-memory databases, kept across stop/start (a server restart keeps its data).
  const prefix = `couch${++serverCount}-${process.pid}-`;
  const Db = PouchDB.defaults({ adapter: 'memory', prefix } as Parameters<typeof PouchDB.defaults>[0]);
  // express-pouchdb is an Express 4 app of its own; it is served as is, behind the checks below.
  const couchApp = expressPouchdb(Db, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const couch: TestCouch = {
    url: '',
    admin: null,
    port: options.port ?? 0,
    garbage: null,
    stop,
    start,
    dropConnections,
  };
  const app = createServer((req, res) => {
    if (couch.garbage !== null) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(couch.garbage);
      return;
    }
    if (options.users) {
      const header = req.headers.authorization ?? '';
      const [user, password] = Buffer.from(header.replace(/^Basic /, ''), 'base64')
        .toString('utf8')
        .split(':');
      if (!user || options.users[user] !== password) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
        return;
      }
    }
    couchApp(req, res, () => res.writeHead(404).end());
  });
  let server: Server | null = null;
  const sockets = new Set<Socket>();

  async function start(): Promise<void> {
    await new Promise<void>((resolve) => {
      server = app.listen(couch.port, '127.0.0.1', () => resolve());
      server.on('connection', (s: Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
    });
    couch.port = (server!.address() as AddressInfo).port;
    couch.url = `http://127.0.0.1:${couch.port}`;
  }
  function dropConnections(): void {
    for (const s of sockets) s.destroy();
  }
  async function stop(): Promise<void> {
    const s = server;
    server = null;
    if (!s) return;
    dropConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await start();
  return couch;
}

function realCouch(address: string): TestCouch {
  const url = new URL(address);
  const admin = url.username
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : null;
  url.username = '';
  url.password = '';
  const refuse = () => {
    throw new Error('A real CouchDB cannot be stopped or broken by a test; ask for a controllable server.');
  };
  return {
    url: url.toString().replace(/\/+$/, ''),
    admin,
    port: Number(url.port),
    garbage: null,
    stop: async () => undefined,
    start: async () => refuse(),
    dropConnections: refuse,
  };
}
