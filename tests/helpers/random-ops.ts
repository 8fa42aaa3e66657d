// Random researcher work on one member of a shared notebook, from a seed: notes, highlights, memos, tags, written
// and rewritten and deleted. Records what this member last wrote in each record it changed, to check afterwards
// that none of it disappeared.
import type { Member } from './sync-member';

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** docId -> the record as this member last wrote it (only records it created or changed, not ones it deleted). */
export type Written = Map<string, unknown>;

export async function randomWork(m: Member, articleId: string, ops: number, seed: number): Promise<Written> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const store = () => m.core.session().store;
  const written: Written = new Map();
  const textLength = 400;
  for (let i = 0; i < ops; i++) {
    const r = rnd();
    const notes = store().list('note');
    const highlights = store().list('highlight');
    const tags = store().list('tag');
    if (r < 0.2 || notes.length === 0) {
      const n = await m.call('noteCreate', { title: `${m.name} note ${i}`, body: `${m.name} wrote ${i}` });
      written.set(`note:${n.id}`, n);
    } else if (r < 0.4) {
      const n = await m.call('noteUpdate', { id: pick(notes)!.id, body: `${m.name} rewrote ${i}\n` });
      written.set(`note:${n.id}`, store().get('note', n.id));
    } else if (r < 0.45) {
      const id = pick(notes)!.id;
      await m.call('noteDelete', { id });
      written.delete(`note:${id}`);
    } else if (r < 0.6 || highlights.length === 0) {
      const start = Math.floor(rnd() * (textLength - 20));
      const h = await m.call('highlightCreate', {
        articleId,
        start,
        end: start + 5 + Math.floor(rnd() * 15),
        tagNames: [`${m.name}-code-${Math.floor(rnd() * 5)}`],
      });
      written.set(`highlight:${h.id}`, store().get('highlight', h.id));
      for (const t of h.tagIds) written.set(`tag:${t}`, store().get('tag', t));
    } else if (r < 0.8) {
      const h = await m.call('highlightUpdate', { id: pick(highlights)!.id, memo: `${m.name} memo ${i}` });
      written.set(`highlight:${h.id}`, store().get('highlight', h.id));
    } else if (r < 0.85) {
      const id = pick(highlights)!.id;
      await m.call('highlightDelete', { id });
      written.delete(`highlight:${id}`);
    } else if (tags.length > 0) {
      const t = await m.call('tagUpdate', { id: pick(tags)!.id, memo: `${m.name} tag memo ${i}` });
      written.set(`tag:${t.id}`, store().get('tag', t.id));
    }
  }
  // Later changes by this member (a tag's count, a highlight re-stamped) are what it last wrote.
  for (const docId of written.keys()) {
    const [kind, id] = docId.split(/:(.*)/s) as ['note' | 'highlight' | 'tag', string];
    const now = store().get(kind, id);
    if (now) written.set(docId, now);
    else written.delete(docId);
  }
  return written;
}
