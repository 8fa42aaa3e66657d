import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import {
  articleFrom,
  corpusDir,
  createNotebook,
  listAll,
  options,
  readJson,
  sha256,
  smallArticle,
  tempDir,
} from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function reopen(dir: string): Promise<NotebookStore> {
  const store = await openNotebook(dir, { ...options(), create: false });
  open.push(store);
  return store;
}

async function seedArticles() {
  const seeds = path.join(corpusDir, 'seeds');
  const files = (await fs.readdir(seeds)).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(
    files.map(async (f, i) => articleFrom(`as${i}`, f, await fs.readFile(path.join(seeds, f)))),
  );
}

describe('openNotebook: create, add, reopen', () => {
  it('keeps a batch of articles, their texts and original bytes across a reopen', async () => {
    const { dir, store } = await createNotebook();
    const batch = [...(await seedArticles()), smallArticle(1), smallArticle(2)];
    await store.addArticles(batch);
    expect(store.articles()).toHaveLength(batch.length);
    await store.close();

    const again = await reopen(dir);
    expect(again.name).toBe('My notebook');
    expect(again.warnings).toEqual([]);
    expect(again.articles().map((a) => a.id)).toEqual(batch.map((a) => a.record.id));
    for (const item of batch) {
      expect(again.article(item.record.id)).toEqual(item.record);
      expect(again.articleByTextHash(item.record.textHash)?.id).toBe(item.record.id);
      expect(await again.readBody(item.record.id)).toEqual(item.body);
      expect(Buffer.from(await again.readSource(item.record.sourceHash))).toEqual(Buffer.from(item.source));
    }
    const notebook = await readJson(path.join(dir, 'notebook.json'));
    expect(notebook).toMatchObject({ schemaVersion: 1, appVersion: '0.1.0', name: 'My notebook' });
    expect(await listAll(path.join(dir, 'bodies'))).toContain(path.join('as', 'as0.json'));
  });

  it('writes articles.json once per batch and never leaves temp files', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    const batch = Array.from({ length: 30 }, (_, i) => smallArticle(i));
    await store.addArticles(batch);
    const onDisk = await readJson(path.join(dir, 'articles.json'));
    expect(onDisk).toMatchObject({ schemaVersion: 1 });
    expect((onDisk as { articles: unknown[] }).articles).toHaveLength(30);
    expect((await listAll(dir)).filter((f) => path.basename(f).startsWith('.tmp-'))).toEqual([]);
  });

  it('refuses a batch with an id that is already stored, and writes nothing for it', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    await store.addArticles([smallArticle(1)]);
    const before = await listAll(dir);
    const clash = {
      ...smallArticle(2),
      record: { ...smallArticle(2).record, id: 'a1' },
      body: { ...smallArticle(2).body, id: 'a1' },
    };
    await expect(store.addArticles([smallArticle(3), clash])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await listAll(dir)).toEqual(before);
    expect(store.articles()).toHaveLength(1);
  });

  it('refuses an article whose bytes do not match its recorded hash', async () => {
    const { store } = await createNotebook();
    open.push(store);
    const bad = { ...smallArticle(1), source: Buffer.from('other bytes') };
    await expect(store.addArticles([bad])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(store.articles()).toEqual([]);
  });

  it('deletes an article record and body but keeps the original bytes', async () => {
    const { dir, store } = await createNotebook();
    const [one, two] = [smallArticle(1), smallArticle(2)];
    await store.addArticles([one, two]);
    await store.deleteArticle('a1');
    await expect(store.readBody('a1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.deleteArticle('a1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.close();
    const again = await reopen(dir);
    expect(again.articles().map((a) => a.id)).toEqual(['a2']);
    expect(again.articleByTextHash(one.record.textHash)).toBeUndefined();
    expect(await again.readSource(one.record.sourceHash)).toHaveLength(one.source.length);
  });

  it('does not let ids, hashes or cache names reach outside the notebook folder', async () => {
    const { store } = await createNotebook();
    open.push(store);
    await expect(store.readBody('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.readSource('../notebook.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.writeCache('../notebook.json', 'x')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.readCache('..')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('stores rebuildable caches under cache/ without backing them up', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    expect(await store.readCache('search-index.json')).toBeNull();
    await store.writeCache('search-index.json', '{"v":1}');
    await store.writeCache('search-index.json', '{"v":2}');
    expect(Buffer.from((await store.readCache('search-index.json')) ?? []).toString('utf8')).toBe('{"v":2}');
    expect(await fs.readFile(path.join(dir, 'cache', 'search-index.json'), 'utf8')).toBe('{"v":2}');
    expect((await listAll(dir)).filter((f) => f.startsWith('backups'))).toEqual([]);
  });
});

describe('a tag or note write', () => {
  it('does not touch articles.json (same inode, mtime and bytes)', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    await store.addArticles([smallArticle(1)]);
    const file = path.join(dir, 'articles.json');
    const before = await fs.stat(file);
    const bytes = await fs.readFile(file);
    await store.updateAnnotations((d) => {
      d.tags.push({
        id: 't1',
        name: 'Mining',
        color: '#3366cc',
        memo: '',
        createdAt: '2026-11-22T18:41:00.000Z',
      });
    });
    await store.updateNotes((d) => {
      d.notes.push({ id: 'n1', title: 'N', body: '', createdAt: 'x', updatedAt: 'x' });
    });
    const after = await fs.stat(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await fs.readFile(file)).toEqual(bytes);
    expect(store.tags().map((t) => t.name)).toEqual(['Mining']);
  });
});

describe('opening a folder', () => {
  it('without create, says there is no notebook and creates nothing', async () => {
    const dir = await tempDir();
    const err = await openNotebook(dir, { ...options(), create: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'NOT_FOUND',
      message: `No Quire notebook in ${dir}. Choose a folder that contains notebook.json, or create a new notebook.`,
    });
    expect(await fs.readdir(dir)).toEqual([]);
    await expect(
      openNotebook(path.join(dir, 'missing'), { ...options(), create: false }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('with create, refuses a folder that already holds other files and leaves it as it was', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'thesis.docx'), 'mine');
    const err = await openNotebook(dir, options()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOTEBOOK_ERROR' });
    expect((err as Error).message).toContain(
      'is not empty and is not a Quire notebook; choose an empty folder.',
    );
    expect(await fs.readdir(dir)).toEqual(['thesis.docx']);
  });

  it('with create, opens an existing notebook instead of replacing it', async () => {
    const { dir, store } = await createNotebook();
    await store.addArticles([smallArticle(1)]);
    await store.close();
    const again = await openNotebook(dir, options());
    open.push(again);
    expect(again.articles()).toHaveLength(1);
    expect(sha256(JSON.stringify(again.article('a1')))).toBe(sha256(JSON.stringify(smallArticle(1).record)));
  });
});
