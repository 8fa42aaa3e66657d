// A test file's team: one CouchDB-protocol server for the file, and members sharing a fresh database per team,
// every member closed and removed after each test. (Kept apart from sync-member.ts, which the sync bench imports
// outside vitest.)
import { afterAll, afterEach, beforeAll } from 'vitest';
import { runTag, startTestCouch, type TestCouch } from './couch-server';
import { openMember, type Member } from './sync-member';

export function useTestTeams(label: string): { team(...names: string[]): Promise<Member[]> } {
  let couch: TestCouch;
  let count = 0;
  const members: Member[] = [];
  beforeAll(async () => {
    couch = await startTestCouch();
  });
  afterAll(async () => {
    await couch.stop();
  });
  afterEach(async () => {
    await Promise.all(members.splice(0).map((m) => m.cleanup()));
  });
  return {
    async team(...names) {
      const db = `${runTag}-${label}${++count}`;
      const out: Member[] = [];
      for (const name of names) out.push(await openMember(name, couch.url, db));
      members.push(...out);
      return out;
    },
  };
}
