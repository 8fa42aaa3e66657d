import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook, READ_ONLY_MESSAGE } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import type { Tag } from '../../../src/main/core/types';
import { createNotebook, manualClock, options, readJson, smallArticle, snapshot } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const tag = (id: string, name: string): Tag => ({
  id,
  name,
  color: '#aa3300',
  memo: '',
  createdAt: '2026-11-22T18:40:00.000Z',
});

/** A notebook whose annotations were saved three times, minutes apart, so backups exist. */
async function notebookWithTagHistory() {
  const clock = manualClock();
  const { dir, store } = await createNotebook(clock.now);
  await store.updateAnnotations((d) => void d.tags.push(tag('t1', 'first')));
  clock.advance(5 * 60_000);
  await store.updateAnnotations((d) => void d.tags.push(tag('t2', 'second')));
  clock.advance(5 * 60_000);
  await store.updateAnnotations((d) => void d.tags.push(tag('t3', 'third')));
  await store.close();
  return { dir, clock };
}

async function quarantined(dir: string): Promise<string[]> {
  return fs.readdir(path.join(dir, '.quarantine')).catch(() => []);
}

describe('a damaged metadata file on open', () => {
  const damage: [string, string][] = [
    ['garbage bytes', '\u0000\u0001{{{ not json at all \uFFFD'],
    ['JSON that fails the schema', JSON.stringify({ schemaVersion: 1, tags: 'oops', highlights: [{}] })],
    ['a truncated file', '{"schemaVersion":1,"tags":[{"id":"t1","na'],
  ];

  it.each(damage)(
    '%s: is set aside byte-for-byte, the newest good backup restored, and the user told',
    async (_, bad) => {
      const { dir, clock } = await notebookWithTagHistory();
      const file = path.join(dir, 'annotations.json');
      await fs.writeFile(file, bad);
      clock.advance(60_000);

      const store = await openNotebook(dir, { ...options(clock.now), create: false });
      open.push(store);
      // The newest backup is the state before the last save: tags t1 and t2.
      expect(store.tags().map((t) => t.id)).toEqual(['t1', 't2']);
      expect(store.readOnly).toBe(false);
      expect(store.warnings).toHaveLength(1);
      expect(store.warnings[0]).toMatch(
        /^annotations\.json was damaged and has been set aside in \.quarantine\/; Quire restored the backup from \d{4}-\d\d-\d\d \d\d:\d\d\. Nothing else was changed\.$/,
      );
      const [copy, ...more] = await quarantined(dir);
      expect(more).toEqual([]);
      expect(copy).toMatch(/^annotations\.json\.2026-11-22T18-51-00-000Z$/);
      expect(await fs.readFile(path.join(dir, '.quarantine', copy ?? ''))).toEqual(Buffer.from(bad));

      // The restored data is what is on disk now, and later writes never touch the quarantined copy.
      expect(await readJson(file)).toMatchObject({ tags: [{ id: 't1' }, { id: 't2' }] });
      await store.updateAnnotations((d) => void d.tags.push(tag('t9', 'after')));
      expect(await fs.readFile(path.join(dir, '.quarantine', copy ?? ''))).toEqual(Buffer.from(bad));
      expect(store.warnings).toHaveLength(1);
    },
  );

  it('without any usable backup, starts the file empty and says so', async () => {
    const { dir, store } = await createNotebook();
    await store.updateNotes(
      (d) => void d.notes.push({ id: 'n1', title: 'T', body: '', createdAt: 'x', updatedAt: 'x' }),
    );
    await store.close();
    await fs.rm(path.join(dir, 'backups'), { recursive: true });
    await fs.writeFile(path.join(dir, 'notes.json'), '[1,2,');

    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(again.notes()).toEqual([]);
    expect(again.warnings).toEqual([
      'notes.json was damaged and has been set aside in .quarantine/; there was no usable backup, so Quire started it afresh. Nothing else was changed.',
    ]);
    expect(await quarantined(dir)).toHaveLength(1);
  });

  it('skips a damaged backup and restores an older good one', async () => {
    const { dir, clock } = await notebookWithTagHistory();
    const backups = (await fs.readdir(path.join(dir, 'backups')))
      .filter((f) => f.startsWith('annotations.'))
      .sort();
    expect(backups).toHaveLength(3);
    await fs.writeFile(path.join(dir, 'backups', backups[2] ?? ''), 'broken');
    await fs.writeFile(path.join(dir, 'annotations.json'), 'broken too');
    const store = await openNotebook(dir, { ...options(clock.now), create: false });
    open.push(store);
    expect(store.tags().map((t) => t.id)).toEqual(['t1']);
  });

  it('restores a damaged notebook.json and keeps the articles', async () => {
    const { dir, store } = await createNotebook();
    await store.addArticles([smallArticle(1)]);
    await store.close();
    await fs.writeFile(path.join(dir, 'notebook.json'), '{"schemaVersion": 1}');
    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(again.name).toBe('My notebook');
    expect(again.articles()).toHaveLength(1);
    expect(again.warnings[0]).toContain('notebook.json was damaged and has been set aside in .quarantine/');
  });
});

describe('a file written by a newer Quire', () => {
  it('opens the whole notebook read-only, refuses every write, and changes nothing on disk', async () => {
    const { dir, store } = await createNotebook();
    await store.addArticles([smallArticle(1)]);
    await store.updateNotes(
      (d) => void d.notes.push({ id: 'n1', title: 'T', body: 'b', createdAt: 'x', updatedAt: 'x' }),
    );
    await store.close();
    await fs.writeFile(
      path.join(dir, 'notes.json'),
      JSON.stringify({ schemaVersion: 2, notes: [], folders: ['future'] }),
    );
    await fs.writeFile(path.join(dir, 'annotations.json'), 'damaged, but a newer Quire may own it');
    const before = await snapshot(dir);

    const ro = await openNotebook(dir, { ...options(), create: false });
    expect(ro.readOnly).toBe(true);
    expect(ro.warnings[0]).toBe(
      'This notebook was written by a newer version of Quire; it is open read-only. Update Quire to edit it.',
    );
    expect(ro.warnings[0]).toBe(READ_ONLY_MESSAGE);
    expect(ro.articles()).toHaveLength(1);
    expect(await ro.readBody('a1')).toMatchObject({ id: 'a1' });

    const writes: Promise<unknown>[] = [
      ro.addArticles([smallArticle(2)]),
      ro.deleteArticle('a1'),
      ro.updateAnnotations((d) => d.tags.length),
      ro.updateNotes((d) => d.notes.length),
      ro.writeCache('index', 'x'),
    ];
    for (const w of writes)
      await expect(w).rejects.toMatchObject({ code: 'READ_ONLY', message: READ_ONLY_MESSAGE });
    // A second window may open it too: a read-only notebook holds no lock.
    const second = await openNotebook(dir, { ...options(), create: false });
    expect(second.readOnly).toBe(true);
    await ro.close();
    await second.close();
    expect(await snapshot(dir)).toEqual(before);
  });
});
