// The search index cache is saved every few thousand changes. Saving serializes the whole index on the main
// thread, so a burst of edits while one save is on its way must not line up a save per edit.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Derived } from '../../../src/main/core/app/derived';
import { SearchKeeper } from '../../../src/main/core/app/search-keeper';
import { openNotebook, type NotebookStore } from '../../../src/main/core/store/index';
import { tempDir } from '../../helpers/notebook';

let root: string | null = null;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = null;
});

describe('saving the search index cache', () => {
  it('writes once for a burst of changes that arrive while a save is on its way; on close only when many changed', async () => {
    root = await tempDir();
    const store = await openNotebook(join(root, 'nb'), {
      appVersion: 'test',
      create: true,
      now: () => new Date(),
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const written: number[] = [];
    // The real store, with a cache write that takes as long as the test says (a large index on a slow disk).
    const slow: NotebookStore = Object.create(store, {
      writeCache: {
        value: async (name: string, data: Uint8Array) => {
          written.push(data.byteLength);
          await gate;
          return store.writeCache(name, data);
        },
      },
    });
    const keeper = await SearchKeeper.open({
      store: slow,
      derived: new Derived(store),
      emit: () => undefined,
      rebuildWorker: null,
      body: (record) => store.readBody(record),
    });
    const at = '2026-11-22T10:00:00.000Z';
    // Past the save threshold, then a burst of edits while that save waits on the disk.
    for (let seq = 5000; seq < 5200; seq++) {
      await keeper.apply({ seq, at, label: 'Edit', origin: 'user', changes: [] }, new Map());
    }
    expect(written).toHaveLength(1);
    release();
    // A few changes since: the journal catches them up at the next open, so closing does not hold up quitting.
    await keeper.close();
    expect(written).toHaveLength(1);

    // Too many to catch up cheaply: closing saves.
    for (let i = 0; i < 1001; i++) {
      const change = { kind: 'note' as const, id: `n${i}`, before: null, after: null };
      await keeper.apply({ seq: 5200 + i, at, label: 'Edit', origin: 'user', changes: [change] }, new Map());
    }
    await keeper.close();
    expect(written).toHaveLength(2);
    await store.close();
  });
});
