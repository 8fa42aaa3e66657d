// One member of a shared notebook in a test: a real notebook in a temp folder (ids of its own, so two members
// never invent the same id) and its sync engine pointed at a test server.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, type Services } from '../../src/main/core/app/create';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../src/main/core/api-contract';
import { dispatch } from '../../src/main/core/dispatch';
import type { IdKind } from '../../src/main/core/ids';
import { SyncEngine } from '../../src/main/core/sync/engine';
import { writeSyncConfig } from '../../src/main/core/sync/sync-files';
import { tempDir } from './notebook';

export interface Member extends Services {
  name: string;
  dir: string;
  engine: SyncEngine;
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  /** Closes the engine and the notebook and opens both again (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function openMember(
  name: string,
  server: string,
  db: string,
  credentials: { username: string; password: string } | null = testCouchAdmin(server),
): Promise<Member> {
  const root = await tempDir(`quire-sync-${name}-`);
  const dir = join(root, 'notebook');
  const counters = new Map<IdKind, number>();
  const ids = (kind: IdKind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${kind[0]}${name}${n}`;
  };
  let tick = Date.parse('2026-11-22T10:00:00Z');
  const config = { server, db, author: name, username: credentials?.username ?? null };
  const make = async () => {
    const services = createServices({
      appVersion: '0.0.0-test',
      userDataDir: join(root, 'user-data'),
      ids,
      clock: () => new Date((tick += 1000)),
    });
    await services.core.open(dir, { create: true });
    await writeSyncConfig(dir, config);
    const engine = await SyncEngine.open(services.core.session(), config, credentials);
    return { services, engine };
  };
  let current = await make();
  const member: Member = {
    name,
    dir,
    get core() {
      return current.services.core;
    },
    get api() {
      return current.services.api;
    },
    get events() {
      return current.services.events;
    },
    get engine() {
      return current.engine;
    },
    async call(method, input) {
      const result = await dispatch(current.services.api, method, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    async restart() {
      await member.close();
      current = await make();
    },
    async close() {
      await current.engine.close();
      await current.services.core.close();
    },
    async cleanup() {
      await member.close().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
  return member;
}

/** A real CouchDB under test (QUIRE_TEST_COUCHDB) is signed in to as its admin. */
function testCouchAdmin(server: string): { username: string; password: string } | null {
  const real = process.env.QUIRE_TEST_COUCHDB;
  if (!real) return null;
  const url = new URL(real);
  url.username = '';
  url.password = '';
  if (url.toString().replace(/\/+$/, '') !== server || !new URL(real).username) return null;
  return {
    username: decodeURIComponent(new URL(real).username),
    password: decodeURIComponent(new URL(real).password),
  };
}
