// How long settling one renamed-vs-merged tag collision takes when the replica holds many highlights: the only
// costly step reads each highlight's previous version to learn what the tag was merged into.
// `npx tsx scripts/bench-tag-collision.ts [--n 2000]`
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLocalDb } from '../src/main/core/sync/pouch';
import { Replica } from '../src/main/core/sync/replica';
import { settleTagCollisions } from '../src/main/core/sync/tag-collisions';

const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' } } });
const n = Number(values.n);
const dir = await mkdtemp(join(tmpdir(), 'quire-bench-collision-'));
const replica = new Replica(openLocalDb(join(dir, 'replica')));
const tag = (id: string, name: string) => ({
  id,
  name,
  parentId: null,
  description: '',
  order: 0,
  color: '#888888',
  memo: '',
  createdAt: '2026-11-22T10:00:00.000Z',
});
const highlight = (i: number, tagIds: string[], by: string) => ({
  id: `h${i}`,
  articleId: 'a1',
  passageId: 'p1',
  tagIds,
  position: { type: 'TextPositionSelector', start: i, end: i + 5 },
  quote: { type: 'TextQuoteSelector', exact: 'words', prefix: '', suffix: '' },
  memo: '',
  createdAt: '2026-11-22T10:00:00.000Z',
  orphaned: false,
  updatedBy: by,
});
const ids = (r: unknown) => (r as { id: string }).id;
await replica.writeChanges(
  [tag('war', 'war'), tag('conflict', 'conflict')].map((t) => ({
    kind: 'tag',
    id: t.id,
    before: null,
    after: t,
  })) as never,
);
// Half of the highlights carried “war” and were merged into “conflict”; the other half were edited otherwise.
const first = Array.from({ length: n }, (_, i) => highlight(i, i % 2 ? ['war'] : ['other'], 'ana'));
await replica.writeChanges(
  first.map((h) => ({ kind: 'highlight', id: ids(h), before: null, after: h })) as never,
);
const second = first.map((h, i) => ({
  ...h,
  tagIds: i % 2 ? ['conflict'] : ['other', 'x'],
  updatedBy: 'ben',
}));
await replica.writeChanges(
  second.map((h, i) => ({ kind: 'highlight', id: ids(h), before: first[i], after: h })) as never,
);
// The tag renamed on one branch and removed on another: two leaves.
const base = await replica.db.get('tag:war');
await replica.db.bulkDocs(
  [
    {
      _id: 'tag:war',
      _rev: '2-aaaa',
      _revisions: { start: 2, ids: ['aaaa', base._rev.split('-')[1]!] },
      type: 'record',
      kind: 'tag',
      record: { ...tag('war', 'armed conflict'), updatedBy: 'ana' },
    },
    {
      _id: 'tag:war',
      _rev: '2-bbbb',
      _revisions: { start: 2, ids: ['bbbb', base._rev.split('-')[1]!] },
      type: 'record',
      _deleted: true,
    },
  ] as never,
  { new_edits: false },
);
const notices: string[] = [];
const started = performance.now();
await settleTagCollisions(replica, { addNotice: async (m) => void notices.push(m) }, [
  { kind: 'tag', id: 'war', docId: 'tag:war', record: null },
]);
const ms = performance.now() - started;
console.log(
  `| highlights in the replica | settle one collision |\n|---|---|\n| ${n} | ${ms.toFixed(0)} ms |`,
);
console.log(notices[0]);
await replica.db.close();
await rm(dir, { recursive: true, force: true });
