import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook, readFileIfExists, writeFileAtomic } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import type { Note } from '../../../src/main/core/types';
import { createNotebook, listAll, note, options, put, tempDir } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp files, also under concurrent writers', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    expect(await readFileIfExists(file)).toBeNull();
    await writeFileAtomic(file, 'first');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => writeFileAtomic(file, `version ${i}`.repeat(1000))),
    );
    const text = (await readFileIfExists(file))?.toString('utf8') ?? '';
    expect(text).toMatch(/^(version \d+)\1*$/);
    expect(await fs.readdir(dir)).toEqual(['data.json']);
    await writeFileAtomic(file, new Uint8Array([0, 255, 10]));
    expect([...((await readFileIfExists(file)) ?? [])]).toEqual([0, 255, 10]);
  });

  it('leaves the old file in place and no temp file when the write fails', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    await writeFileAtomic(file, 'old');
    await fs.mkdir(path.join(dir, 'blocker'));
    // Renaming a file over a folder fails: the target must survive untouched.
    await expect(writeFileAtomic(path.join(dir, 'blocker'), 'x')).rejects.toBeTruthy();
    expect((await fs.readdir(dir)).sort()).toEqual(['blocker', 'data.json']);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
  });
});

describe('concurrent commits', () => {
  it('100 parallel commits all land, in memory and after reopen, with no temp file left', async () => {
    const { dir, store } = await createNotebook();
    await Promise.all(Array.from({ length: 100 }, (_, i) => put(store, note(i))));
    expect(store.list('note')).toHaveLength(100);
    expect(store.seq).toBe(100);
    await store.close();
    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(
      again
        .list('note')
        .map((n) => n.id)
        .sort(),
    ).toEqual(Array.from({ length: 100 }, (_, i) => `n${i}`).sort());
    expect(again.seq).toBe(100);
    expect((await listAll(dir)).filter((f) => path.basename(f).startsWith('.tmp-'))).toEqual([]);
  });

  it('a change set that throws, or holds a record Quire could not read back, changes nothing', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    await put(store, note(1));
    await expect(
      store.commit({ label: 'x', origin: 'user' }, (tx) => {
        tx.put('note', note(2));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(
      store.commit({ label: 'x', origin: 'user' }, (tx) => {
        tx.put('note', { ...note(3), title: 42 } as unknown as Note);
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(store.list('note').map((n) => n.id)).toEqual(['n1']);
    expect(store.seq).toBe(1);
    await put(store, note(4));
    await store.close();
    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(again.list('note').map((n) => n.id)).toEqual(['n1', 'n4']);
  });
});
