// What goes wrong between a notebook and its server: the server stops mid-replication, the connection drops, the
// app restarts mid-sync, the password is wrong, the server answers garbage. Each time: nothing lost, the state
// said in words, and the next sync completes.
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/core/sync/docs';
import { statusWords } from '../../../src/main/core/sync/status';
import { seedFiles, seedsDir } from '../../helpers/notebook';
import { startTestCouch, type TestCouch } from '../../helpers/couch-server';
import { openMember, type Member } from '../../helpers/sync-member';

const members: Member[] = [];
const couches: TestCouch[] = [];
afterEach(async () => {
  await Promise.all(members.splice(0).map((m) => m.cleanup()));
  await Promise.all(couches.splice(0).map((c) => c.stop()));
});

async function setup(users?: Record<string, string>) {
  const couch = await startTestCouch(users ? { users, controllable: true } : { controllable: true });
  couches.push(couch);
  return couch;
}

function state(m: Member): string {
  const { store } = m.core.session();
  const kinds = ['article', 'tag', 'highlight', 'note', 'trash'] as const;
  return canonicalJson(
    Object.fromEntries(kinds.map((k) => [k, [...store.list(k)].sort((a, b) => a.id.localeCompare(b.id))])),
  );
}

async function notes(m: Member, n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++)
    await m.call('noteCreate', { title: `${prefix} ${i}`, body: `${prefix} body ${i}` });
}

describe('sync faults', () => {
  it('the server stops mid-replication: "Offline — your work is kept", and the next sync completes', async () => {
    const couch = await setup();
    const ana = await openMember('ana', couch.url, 'kill');
    const ben = await openMember('ben', couch.url, 'kill');
    members.push(ana, ben);
    await ana.call('importPaths', { paths: [seedsDir] });
    await notes(ana, 150, 'Ana');
    const before = state(ana);
    const running = ana.engine.syncOnce();
    setTimeout(() => void couch.stop(), 30);
    const status = await running;
    // Depending on the moment it stopped, the push either finished first or did not.
    if (status.state !== 'synced') {
      expect(status.state).toBe('offline');
      expect(statusWords(status)).toBe('Offline — your work is kept');
    }
    const offline = await ana.engine.syncOnce();
    expect(offline.state).toBe('offline');
    expect(state(ana)).toBe(before);

    await couch.start();
    expect((await ana.engine.syncOnce()).state).toBe('synced');
    expect((await ben.engine.syncOnce()).state).toBe('synced');
    expect(state(ben)).toBe(before);
  }, 60_000);

  it('the connection drops while article texts and original files are on their way: the next sync completes', async () => {
    const couch = await setup();
    const ana = await openMember('ana', couch.url, 'drop');
    const ben = await openMember('ben', couch.url, 'drop');
    members.push(ana, ben);
    await ana.call('importPaths', { paths: [seedsDir] });
    await ana.engine.syncOnce();
    const pulling = ben.engine.syncOnce();
    const dropping = setInterval(() => couch.dropConnections(), 5);
    await pulling;
    clearInterval(dropping);
    expect((await ben.engine.syncOnce()).state).toBe('synced');
    expect(state(ben)).toBe(state(ana));
    for (const a of ben.core.session().store.list('article')) {
      const body = await ben.core.session().body(a);
      expect(body.text.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('the app restarts mid-sync: what was committed is kept, and sync picks up where it was', async () => {
    const couch = await setup();
    const ana = await openMember('ana', couch.url, 'restart');
    const ben = await openMember('ben', couch.url, 'restart');
    members.push(ana, ben);
    await notes(ana, 100, 'Ana');
    const syncing = ana.engine.syncOnce().catch(() => null);
    await new Promise((r) => setTimeout(r, 20));
    await ana.restart();
    await syncing;
    await notes(ana, 5, 'After restart');
    expect(ana.core.session().store.list('note')).toHaveLength(105);
    expect((await ana.engine.syncOnce()).state).toBe('synced');
    expect((await ben.engine.syncOnce()).state).toBe('synced');
    expect(state(ben)).toBe(state(ana));
  }, 60_000);

  it('a wrong password: "Sign-in failed" with the server\'s reason; work waits, and goes once the password is right', async () => {
    const couch = await setup({ ana: 'right' });
    const wrong = await openMember('ana', couch.url, 'auth', { username: 'ana', password: 'wrong' });
    members.push(wrong);
    await notes(wrong, 3, 'Ana');
    const status = await wrong.engine.syncOnce();
    expect(status).toMatchObject({ state: 'auth-failed', reason: 'Name or password is incorrect.' });
    expect(statusWords(status)).toBe(
      'Sign-in failed: check the password (the server said: Name or password is incorrect.)',
    );
    expect(wrong.core.session().store.list('note')).toHaveLength(3);
    const reader = await openMember('ben', couch.url, 'auth', { username: 'ana', password: 'right' });
    members.push(reader);
    await reader.engine.syncOnce();
    expect(reader.core.session().store.list('note')).toHaveLength(0);
  }, 60_000);

  it('a server that answers garbage: a clear error, nothing changed here, and sync resumes once it behaves', async () => {
    const couch = await setup();
    const ana = await openMember('ana', couch.url, 'garbage');
    members.push(ana);
    await ana.call('importPaths', { paths: [seedFiles.ties] });
    const before = state(ana);
    couch.garbage = '<html><body>502 Bad Gateway</body></html>';
    const status = await ana.engine.syncOnce();
    expect(status.state).toBe('error');
    expect(statusWords(status)).toMatch(
      /^Sync stopped — your work is kept: the server did not answer like a CouchDB server/,
    );
    expect(state(ana)).toBe(before);
    couch.garbage = null;
    expect((await ana.engine.syncOnce()).state).toBe('synced');
  }, 60_000);
});
