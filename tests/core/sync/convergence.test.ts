// Many offline operations on two machines, then sync: both converge, every collision is listed, and nothing
// either researcher wrote is lost (checked record by record).
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/core/sync/docs';
import { seedFiles } from '../../helpers/notebook';
import { runTag, startTestCouch } from '../../helpers/couch-server';
import { openMember, type Member } from '../../helpers/sync-member';
import { randomWork, type Written } from '../../helpers/random-ops';

// 1,000 per side in `npm run test:faults` (about 2 minutes here); fewer in `npm test` to keep it quick.
const OPS = Number(process.env.QUIRE_SYNC_OPS ?? 250);
const members: Member[] = [];
afterAll(async () => {
  await Promise.all(members.map((m) => m.cleanup()));
});

function snapshot(m: Member): string {
  const { store } = m.core.session();
  const kinds = ['article', 'tag', 'highlight', 'note', 'trash'] as const;
  return canonicalJson(
    Object.fromEntries(kinds.map((k) => [k, [...store.list(k)].sort((a, b) => a.id.localeCompare(b.id))])),
  );
}

/** Each record a member wrote is the notebook's current version or one of its listed conflict versions. */
async function lost(m: Member, written: Written): Promise<string[]> {
  const missing: string[] = [];
  for (const [docId, record] of written) {
    const leaves = await m.engine.replica.leaves(docId);
    if (!leaves.some((l) => !l.deleted && canonicalJson(l.record) === canonicalJson(record)))
      missing.push(docId);
  }
  return missing;
}

describe('two machines working offline', () => {
  it(`${OPS} random operations on each side, then sync: both converge and nothing written is lost`, async () => {
    const couch = await startTestCouch();
    try {
      const ana = await openMember('ana', couch.url, `${runTag}-converge`);
      const ben = await openMember('ben', couch.url, `${runTag}-converge`);
      members.push(ana, ben);
      await ana.call('importPaths', { paths: [seedFiles.ties] });
      const [article] = await ana.call('articleList', {});
      await ana.engine.syncOnce();
      await ben.engine.syncOnce();

      const [aWrote, bWrote] = await Promise.all([
        randomWork(ana, article!.id, OPS, 1),
        randomWork(ben, article!.id, OPS, 2),
      ]);
      for (const m of [ana, ben, ana, ben]) expect((await m.engine.syncOnce()).state).toBe('synced');

      expect(snapshot(ben)).toBe(snapshot(ana));
      expect(await lost(ana, aWrote)).toEqual([]);
      expect(await lost(ana, bWrote)).toEqual([]);
      expect(await lost(ben, aWrote)).toEqual([]);
      expect(await lost(ben, bWrote)).toEqual([]);
      // Every record both touched apart is listed as a conflict, the same on both sides.
      expect(ben.engine.conflictIds()).toEqual(ana.engine.conflictIds());
      const both = [...aWrote.keys()].filter((k) => bWrote.has(k));
      for (const docId of both) {
        if (canonicalJson(aWrote.get(docId)) !== canonicalJson(bWrote.get(docId))) {
          expect(ana.engine.conflictIds()).toContain(docId);
        }
      }
    } finally {
      await couch.stop();
    }
  }, 180_000);
});
