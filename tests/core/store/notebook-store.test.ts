import { bodyFile } from '../../../src/main/core/store/bodies';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NEWER_FORMAT_MESSAGE, openNotebook, SCHEMA_VERSION } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import {
  addArticles,
  createNotebook,
  listAll,
  manualClock,
  note,
  options,
  put,
  smallArticle,
  snapshot,
  tag,
  tempDir,
} from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function reopen(dir: string, extra: Partial<Parameters<typeof openNotebook>[1]> = {}) {
  const store = await openNotebook(dir, { ...options(), create: false, ...extra });
  open.push(store);
  return store;
}

describe('a new notebook', () => {
  it('is a folder with notebook.json; nothing else is written until something is', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    expect(store.name).toBe('My notebook');
    expect(store.seq).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'notebook.json'), 'utf8'))).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      name: 'My notebook',
    });
  });

  it('refuses a folder that holds other files, and says to choose an empty one', async () => {
    const dir = path.join(await tempDir(), 'busy');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'thesis.docx'), 'mine');
    await expect(openNotebook(dir, options())).rejects.toMatchObject({
      code: 'NOTEBOOK_ERROR',
      message: expect.stringMatching(/not empty.*choose an empty folder/),
    });
    expect(await fs.readdir(dir)).toEqual(['thesis.docx']);
  });

  it('says plainly when a folder is not a notebook and creating was not asked for', async () => {
    const dir = await tempDir();
    await expect(openNotebook(dir, { ...options(), create: false })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('commits', () => {
  it('are acknowledged once in the journal: a reopen without a checkpoint replays them', async () => {
    const { dir, store } = await createNotebook();
    await put(store, note(1), tag(1));
    await put(store, { ...note(1), body: 'edited' });
    await store.commit({ label: 'remove tag', origin: 'user' }, (tx) => void tx.remove('tag', 't1'));
    // Simulate a crash: the lock and the journal stay, no checkpoint ran.
    await fs.rm(path.join(dir, '.lock'), { force: true });
    const again = await reopen(dir);
    expect(again.seq).toBe(3);
    expect(again.list('note')).toEqual([{ ...note(1), body: 'edited' }]);
    expect(again.list('tag')).toEqual([]);
    expect(await fs.readdir(path.join(dir, 'journal'))).toHaveLength(1);
  });

  it('changes replayed from the journal at open are kept by the next checkpoint (crash, then a clean session)', async () => {
    const { dir, store } = await createNotebook();
    await put(store, note(1), tag(1));
    await store.checkpoint();
    await put(store, { ...tag(1), name: 'renamed after the checkpoint' });
    // A crash: the tag's new name is only in the journal.
    await fs.rm(path.join(dir, '.lock'), { force: true });
    const second = await openNotebook(dir, { ...options(), create: false });
    // The next session changes only a note, then closes cleanly: its checkpoint lets the journal go.
    await put(second, { ...note(1), body: 'edited in the second session' });
    await second.close();
    const third = await reopen(dir);
    expect(third.get('tag', 't1')?.name).toBe('renamed after the checkpoint');
    expect(third.get('note', 'n1')?.body).toBe('edited in the second session');
  });

  it('temp files of writes a crash interrupted are gone after the next open, article texts included', async () => {
    const { dir, store } = await createNotebook();
    await addArticles(store, [smallArticle(1)]);
    // A crash mid-import (between writing a text's temp file and renaming it) and mid-checkpoint.
    const bodies = path.join(dir, 'bodies');
    const [shard] = await fs.readdir(bodies);
    await fs.writeFile(path.join(bodies, shard ?? 'ab', '.tmp-cafe.json.0123456789ab'), 'half a text');
    await fs.mkdir(path.join(dir, 'store'), { recursive: true });
    await fs.writeFile(path.join(dir, 'store', '.tmp-note-01.json.0123456789ab'), 'half a file');
    await fs.rm(path.join(dir, '.lock'), { force: true });
    const again = await reopen(dir);
    expect((await listAll(dir)).filter((f) => path.basename(f).startsWith('.tmp-'))).toEqual([]);
    expect(again.list('article').map((a) => a.id)).toEqual(['a1']);
  });

  it('a checkpoint writes the record files, lets the journal go, and reopens to the same state', async () => {
    const { dir, store } = await createNotebook();
    await addArticles(store, [smallArticle(1), smallArticle(2)]);
    await put(store, note(1), tag(1));
    await store.checkpoint();
    await put(store, note(2));
    await store.close();
    const files = await listAll(dir);
    expect(files.some((f) => /^store\/article-\d\d\.json$/.test(f))).toBe(true);
    expect(files.some((f) => /^store\/note-\d\d\.json$/.test(f))).toBe(true);
    const again = await reopen(dir);
    expect(again.seq).toBe(3);
    expect(
      again
        .list('article')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['a1', 'a2']);
    expect(
      again
        .list('note')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['n1', 'n2']);
    expect((await again.readBody(again.get('article', 'a1') ?? { id: 'x' })).text).toMatch(/^Headline 1/);
  });

  it('a write touches the journal, not the record files: their size does not grow the write', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    await addArticles(
      store,
      Array.from({ length: 300 }, (_, i) => smallArticle(i)),
    );
    await store.checkpoint();
    const before = await snapshot(path.join(dir, 'store'));
    await store.commit({ label: 'edit', origin: 'user' }, (tx) => {
      const a = tx.get('article', 'a7');
      if (a) tx.put('article', { ...a, author: 'Ko Ye' });
    });
    expect(await snapshot(path.join(dir, 'store'))).toEqual(before);
    expect(store.get('article', 'a7')?.author).toBe('Ko Ye');
  });

  it('an empty change set commits nothing and does not move the journal', async () => {
    const { store } = await createNotebook();
    open.push(store);
    const { committed } = await store.commit({ label: 'nothing', origin: 'user' }, () => 1);
    expect(committed).toBeNull();
    expect(store.seq).toBe(0);
  });
});

describe('read-only', () => {
  it('a notebook from a newer Quire opens read-only, refuses writes with a sentence, and is left as it was', async () => {
    const { dir, store } = await createNotebook();
    await put(store, note(1));
    await store.close();
    const file = path.join(dir, 'notebook.json');
    const { sum: _sum, ...data } = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...data, schemaVersion: SCHEMA_VERSION + 1 }));
    const before = await snapshot(dir);
    const again = await reopen(dir);
    expect(again.readOnly).toBe(true);
    expect(again.readOnlyReason).toBe(NEWER_FORMAT_MESSAGE);
    expect(again.list('note')).toHaveLength(1);
    await expect(put(again, note(2))).rejects.toMatchObject({ code: 'READ_ONLY' });
    await again.close();
    expect(await snapshot(dir)).toEqual(before);
  });

  it('opened read-only beside a writer: reads everything the writer acknowledged, takes no lock, writes nothing', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    await put(store, note(1));
    const reader = await reopen(dir, { readOnly: true, readOnlyReason: 'Open elsewhere.' });
    expect(reader.readOnlyReason).toBe('Open elsewhere.');
    expect(reader.list('note').map((n) => n.id)).toEqual(['n1']);
    await put(store, note(2));
    await reader.close();
    expect(store.list('note')).toHaveLength(2);
  });
});

describe('notices', () => {
  it('stay in notebook.json until acknowledged', async () => {
    const clock = manualClock();
    const { dir, store } = await createNotebook(clock.now);
    await store.addNotice('Something was set aside.');
    await store.close();
    const again = await reopen(dir);
    expect(again.notices().map((n) => n.message)).toEqual(['Something was set aside.']);
    await again.acknowledgeNotices(again.notices().map((n) => n.id));
    await again.close();
    expect((await reopen(dir)).notices()).toEqual([]);
  });
});

describe('article texts', () => {
  it('are stored by content: the same text is one file; the name is the checksum', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    const a = smallArticle(1);
    const [k1] = await store.writeBodies([a.body]);
    const [k2] = await store.writeBodies([{ text: a.body.text, passages: a.body.passages }]);
    expect(k1).toBe(k2);
    const file = bodyFile(dir, k1 ?? '');
    const bytes = await fs.readFile(file);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    await fs.writeFile(file, bytes);
    await expect(store.readBody({ id: 'a1', bodyKey: k1 })).rejects.toMatchObject({ reason: 'damaged' });
  });

  it('texts no article refers to are removed when the notebook closes; others stay', async () => {
    const { dir, store } = await createNotebook();
    await addArticles(store, [smallArticle(1)]);
    const [orphan] = await store.writeBodies([{ text: 'never used', passages: [] }]);
    const kept = store.get('article', 'a1')?.bodyKey ?? '';
    await store.close();
    const files = await listAll(path.join(dir, 'bodies'));
    expect(files.some((f) => f.includes(kept))).toBe(true);
    expect(files.some((f) => f.includes(orphan ?? '?'))).toBe(false);
  });
});
