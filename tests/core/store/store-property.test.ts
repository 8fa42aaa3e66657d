import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import type { Highlight, Note, Tag } from '../../../src/main/core/types';
import { createNotebook, options } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

interface Model {
  notes: Note[];
  tags: Tag[];
  highlights: Highlight[];
}

// Arbitrary text includes lone surrogates, NULs and emoji: whatever a person types must come back intact.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('addNote' as const), title: text, body: text }),
  fc.record({ kind: fc.constant('editNote' as const), pick: fc.nat(), body: text }),
  fc.record({ kind: fc.constant('deleteNote' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('addTag' as const), name: text }),
  fc.record({ kind: fc.constant('renameTag' as const), pick: fc.nat(), name: text }),
  fc.record({ kind: fc.constant('deleteTag' as const), pick: fc.nat() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Applies one op to plain data; the same function mutates the model and the store's draft. */
function apply(m: Model, o: Op, id: string): void {
  switch (o.kind) {
    case 'addNote':
      m.notes.push({ id: `n${id}`, title: o.title, body: o.body, createdAt: 'c', updatedAt: 'u' });
      return;
    case 'editNote': {
      const n = m.notes[o.pick % Math.max(1, m.notes.length)];
      if (n) n.body = o.body;
      return;
    }
    case 'deleteNote':
      m.notes.splice(o.pick % Math.max(1, m.notes.length), 1);
      return;
    case 'addTag':
      m.tags.push({ id: `t${id}`, name: o.name, color: '#000000', memo: '', createdAt: 'c' });
      m.highlights.push({
        id: `h${id}`,
        articleId: 'a1',
        passageId: 'p1',
        tagIds: [`t${id}`],
        position: { start: 0, end: 1 },
        quote: { exact: o.name, prefix: '', suffix: '' },
        memo: o.name,
        createdAt: 'c',
        orphaned: false,
      });
      return;
    case 'renameTag': {
      const t = m.tags[o.pick % Math.max(1, m.tags.length)];
      if (t) t.name = o.name;
      return;
    }
    case 'deleteTag':
      m.tags.splice(o.pick % Math.max(1, m.tags.length), 1);
      return;
  }
}

describe('store round trip (property)', () => {
  it('any sequence of note and tag updates reads back the same after reopening', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const { dir, store } = await createNotebook();
        const model: Model = { notes: [], tags: [], highlights: [] };
        for (const [i, o] of ops.entries()) {
          const id = `x${i}`;
          apply(model, o, id);
          if (o.kind.endsWith('Note'))
            await store.updateNotes((d) => apply({ ...d, tags: [], highlights: [] }, o, id));
          else await store.updateAnnotations((d) => apply({ ...d, notes: [] }, o, id));
        }
        expect(store.notes()).toEqual(model.notes);
        await store.close();
        const again = await openNotebook(dir, { ...options(), create: false });
        open.push(again);
        expect(again.warnings).toEqual([]);
        expect(again.notes()).toEqual(model.notes);
        expect(again.tags()).toEqual(model.tags);
        expect(again.highlights()).toEqual(model.highlights);
      }),
      { numRuns: 40 },
    );
  });
});
