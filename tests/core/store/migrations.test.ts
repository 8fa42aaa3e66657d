import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openNotebook } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import { MigrationError, migrations, type MigrationTable } from '../../../src/main/core/store/migrations';
import { createNotebook, options, readJson } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const v0Notes = { notes: [{ id: 'n1', title: 'Old', body: 'from v0', createdAt: 'x', updatedAt: 'x' }] };

describe('migrate', () => {
  it('upgrades a v0 file (no schemaVersion) to v1 without changing its content', () => {
    expect(migrate('notes', v0Notes)).toEqual({ data: { ...v0Notes, schemaVersion: 1 }, from: 0, to: 1 });
    expect(migrate('notes', { ...v0Notes, schemaVersion: 1 })).toMatchObject({ from: 1, to: 1 });
  });

  it('chains steps up to the target version', () => {
    const table: MigrationTable = {
      ...migrations,
      notes: {
        ...migrations.notes,
        1: (d) => ({ ...d, schemaVersion: 2, folders: [] }),
      },
    };
    expect(migrate('notes', v0Notes, 2, table)).toEqual({
      data: { ...v0Notes, schemaVersion: 2, folders: [] },
      from: 0,
      to: 2,
    });
  });

  it('refuses what it cannot upgrade', () => {
    expect(() => migrate('notes', { ...v0Notes, schemaVersion: 3 })).toThrow(MigrationError);
    expect(() => migrate('notes', { ...v0Notes, schemaVersion: 'one' })).toThrow(MigrationError);
    expect(() => migrate('notes', [1, 2])).toThrow(MigrationError);
    expect(() => migrate('notes', v0Notes, 2)).toThrow(/no migration from version 1/);
    const broken: MigrationTable = { ...migrations, notes: { 0: (d) => d } };
    expect(() => migrate('notes', v0Notes, 1, broken)).toThrow(/did not reach 1/);
  });
});

describe('opening a notebook with v0 files', () => {
  it('upgrades them on disk and keeps the original in backups/', async () => {
    const { dir, store } = await createNotebook();
    await store.close();
    const original = JSON.stringify(v0Notes);
    await fs.writeFile(path.join(dir, 'notes.json'), original);
    await fs.writeFile(path.join(dir, 'articles.json'), JSON.stringify({ articles: [] }));

    const again = await openNotebook(dir, { ...options(), create: false });
    open.push(again);
    expect(again.warnings).toEqual([]);
    expect(again.notes()).toEqual(v0Notes.notes);
    expect(await readJson(path.join(dir, 'notes.json'))).toEqual({ schemaVersion: 1, ...v0Notes });
    const backups = (await fs.readdir(path.join(dir, 'backups'))).filter((f) => f.startsWith('notes.'));
    expect(backups).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, 'backups', backups[0] ?? ''), 'utf8')).toBe(original);
  });
});
