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

export async function startTestCouch(
  options: { users?: Record<string, string>; port?: number } = {},
): Promise<TestCouch> {
  // Each server its own in-memory databases, kept across stop/start (a server restart keeps its data).
  const prefix = `couch${++serverCount}-${process.pid}-`;
  const Db = PouchDB.defaults({ adapter: 'memory', prefix } as Parameters<typeof PouchDB.defaults>[0]);
  // express-pouchdb is an Express 4 app of its own; it is served as is, behind the checks below.
  const couchApp = expressPouchdb(Db, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const couch: TestCouch = {
    url: '',
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
