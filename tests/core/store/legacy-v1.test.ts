// Notebooks written before the journal: articles.json, annotations.json, notes.json (format 1).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook, SCHEMA_VERSION } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import { listAll, note, options, smallArticle, tag, tempDir } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A format-1 notebook as Quire 0.1 wrote it (pretty-printed small files, bodies by article id). */
async function v1Notebook(notes = 6): Promise<string> {
  const dir = path.join(await tempDir(), 'Old notebook');
  await fs.mkdir(dir, { recursive: true });
  const write = (name: string, data: unknown, indent?: number) =>
    fs.writeFile(path.join(dir, name), JSON.stringify(data, null, indent) + '\n');
  const a = smallArticle(1);
  await write(
    'notebook.json',
    { schemaVersion: 1, appVersion: '0.1.0', created: '2026-11-01T10:00:00.000Z', name: 'Fieldwork' },
    2,
  );
  await write('articles.json', { schemaVersion: 1, articles: [a.record] });
  await fs.mkdir(path.join(dir, 'bodies', 'a1'), { recursive: true });
  await fs.writeFile(path.join(dir, 'bodies', 'a1', 'a1.json'), JSON.stringify(a.body));
  await write(
    'annotations.json',
    {
      schemaVersion: 1,
      tags: [tag(1)],
      highlights: [
        {
          id: 'h1',
          articleId: 'a1',
          passageId: 'a1-p0',
          tagIds: ['t1'],
          position: { start: 0, end: 8 },
          quote: { exact: 'Headline', prefix: '', suffix: ' 1' },
          memo: 'first memo',
          createdAt: '2026-11-01T10:00:00.000Z',
          orphaned: false,
        },
      ],
    },
    2,
  );
  await write(
    'notes.json',
    {
      schemaVersion: 1,
      notes: Array.from({ length: notes }, (_, i) => note(i + 1, `Body ${i + 1} `.repeat(20))),
    },
    2,
  );
  return dir;
}

describe('a notebook from Quire 0.1 (format 1)', () => {
  it('moves to the current format with every record, keeps its texts readable, and sets the old files aside', async () => {
    const dir = await v1Notebook();
    const store = await openNotebook(dir, { ...options(), create: false });
    open.push(store);
    expect(store.name).toBe('Fieldwork');
    expect(store.list('note')).toHaveLength(6);
    expect(store.list('highlight')[0]?.memo).toBe('first memo');
    const article = store.get('article', 'a1');
    expect(article?.bodyKey).toBeUndefined();
    expect((await store.readBody(article ?? { id: 'a1' })).text).toMatch(/^Headline 1/);
    expect(store.notices()).toEqual([]);
    const files = await listAll(dir);
    expect(files).toContain('backups/format-1/notes.json');
    expect(files).not.toContain('notes.json');
    expect(JSON.parse(await fs.readFile(path.join(dir, 'notebook.json'), 'utf8')).schemaVersion).toBe(
      SCHEMA_VERSION,
    );
    await store.close();
    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(again.list('note')).toHaveLength(6);
  });

  it('a truncated notes.json: the whole notes in it are saved, the file is set aside, and the researcher is told', async () => {
    const dir = await v1Notebook(6);
    const file = path.join(dir, 'notes.json');
    const bytes = await fs.readFile(file);
    const cut = bytes.subarray(0, bytes.indexOf('"n4"'));
    await fs.writeFile(file, cut);
    const store = await openNotebook(dir, { ...options(), create: false });
    open.push(store);
    expect(store.list('note').map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    const [notice] = store.notices();
    expect(notice?.message).toMatch(
      /notes\.json was damaged and has been set aside in \.quarantine\/notes\.json\./,
    );
    expect(notice?.message).toMatch(/3 notes were saved from it\./);
    expect(notice?.message).toMatch(
      /There was no backup: anything in the damaged part of the file may be missing\./,
    );
    const quarantined = (await listAll(dir)).filter((f) => f.startsWith('.quarantine/'));
    expect(quarantined).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, quarantined[0] ?? ''))).toEqual(cut);
  });

  it('records a damaged file lost come back from its newest readable backup', async () => {
    const dir = await v1Notebook(6);
    await fs.mkdir(path.join(dir, 'backups'));
    await fs.copyFile(
      path.join(dir, 'notes.json'),
      path.join(dir, 'backups', 'notes.2026-11-02T09-00-00-000Z.json'),
    );
    const file = path.join(dir, 'notes.json');
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, bytes.indexOf('"n5"')));
    const store = await openNotebook(dir, { ...options(), create: false });
    open.push(store);
    expect(
      store
        .list('note')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(store.notices()[0]?.message).toMatch(
      /4 notes were saved from it; 2 notes were restored from the backup of /,
    );
  });
});
