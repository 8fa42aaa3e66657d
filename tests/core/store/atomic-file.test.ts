import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook, readFileIfExists, writeFileAtomic } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import type { Note } from '../../../src/main/core/types';
import { createNotebook, listAll, options, readJson, tempDir } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const note = (i: number): Note => ({
  id: `n${i}`,
  title: `Note ${i}`,
  body: `Body ${i}`,
  createdAt: '2026-11-22T18:40:00.000Z',
  updatedAt: '2026-11-22T18:40:00.000Z',
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

describe('concurrent updates', () => {
  it('100 parallel updateNotes calls all land, in memory and after reopen', async () => {
    const { dir, store } = await createNotebook();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.updateNotes((d) => {
          d.notes.push(note(i));
          return d.notes.length;
        }),
      ),
    );
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(store.notes()).toHaveLength(100);
    await store.close();
    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(
      again
        .notes()
        .map((n) => n.id)
        .sort(),
    ).toEqual(Array.from({ length: 100 }, (_, i) => `n${i}`).sort());
    expect((await listAll(dir)).filter((f) => path.basename(f).startsWith('.tmp-'))).toEqual([]);
  });

  it('an updater that throws, or produces data Quire could not read back, changes nothing', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    await store.updateNotes((d) => void d.notes.push(note(1)));
    const before = await fs.readFile(path.join(dir, 'notes.json'));
    await expect(
      store.updateNotes((d) => {
        d.notes.push(note(2));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(
      store.updateNotes((d) => {
        d.notes.push({ ...note(3), title: 42 } as unknown as Note);
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(store.notes().map((n) => n.id)).toEqual(['n1']);
    expect(await fs.readFile(path.join(dir, 'notes.json'))).toEqual(before);
    await store.updateNotes((d) => void d.notes.push(note(4)));
    expect(await readJson(path.join(dir, 'notes.json'))).toMatchObject({
      notes: [{ id: 'n1' }, { id: 'n4' }],
    });
  });
});
