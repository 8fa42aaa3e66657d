import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotebookStore } from '../../../src/main/core/store';
import { backupFileName, parseBackupFileName } from '../../../src/main/core/store/backups';
import type { Tag } from '../../../src/main/core/types';
import { createNotebook, manualClock, readJson, smallArticle } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const tag = (i: number): Tag => ({
  id: `t${i}`,
  name: `tag ${i}`,
  color: '#112233',
  memo: '',
  createdAt: 'x',
});
const backupsOf = async (dir: string, prefix: string) =>
  (await fs.readdir(path.join(dir, 'backups')).catch(() => []))
    .filter((f) => f.startsWith(`${prefix}.`))
    .sort();

describe('backups', () => {
  it('keeps the five newest copies per file, each the state before a save', async () => {
    const clock = manualClock();
    const { dir, store } = await createNotebook(clock.now);
    open.push(store);
    for (let i = 1; i <= 8; i++) {
      clock.advance(2 * 60_000);
      await store.updateAnnotations((d) => void d.tags.push(tag(i)));
    }
    const files = await backupsOf(dir, 'annotations');
    expect(files).toHaveLength(5);
    // Saves 4..8 backed up the states holding 3..7 tags.
    const counts = await Promise.all(
      files.map(
        async (f) => ((await readJson(path.join(dir, 'backups', f))) as { tags: unknown[] }).tags.length,
      ),
    );
    expect(counts).toEqual([3, 4, 5, 6, 7]);
    expect(await backupsOf(dir, 'articles')).toEqual([]);
  });

  it('makes one backup for a burst of edits within a minute', async () => {
    const clock = manualClock();
    const { dir, store } = await createNotebook(clock.now);
    open.push(store);
    for (let i = 1; i <= 10; i++) {
      clock.advance(5_000);
      await store.updateAnnotations((d) => void d.tags.push(tag(i)));
    }
    expect(await backupsOf(dir, 'annotations')).toHaveLength(1);
    clock.advance(60_000);
    await store.updateAnnotations((d) => void d.tags.push(tag(11)));
    expect(await backupsOf(dir, 'annotations')).toHaveLength(2);
  });

  it('backs up the article index but never bodies or sources', async () => {
    const clock = manualClock();
    const { dir, store } = await createNotebook(clock.now);
    open.push(store);
    await store.addArticles([smallArticle(1)]);
    clock.advance(2 * 60_000);
    await store.addArticles([smallArticle(2)]);
    const files = await fs.readdir(path.join(dir, 'backups'));
    expect(files.sort()).toEqual(
      ['articles.2026-11-22T18-40-00-000Z.json', 'articles.2026-11-22T18-42-00-000Z.json'].sort(),
    );
  });

  it('names backups so they sort by time and parse back', () => {
    const t = new Date('2026-11-22T18:40:05.123Z');
    expect(backupFileName('notes', t)).toBe('notes.2026-11-22T18-40-05-123Z.json');
    expect(parseBackupFileName('notes.2026-11-22T18-40-05-123Z.json')).toEqual({ name: 'notes', time: t });
    expect(parseBackupFileName('notes.json')).toBeNull();
  });
});
