import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotebook } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import { isProcessAlive } from '../../../src/main/core/store/lock';
import { createNotebook, note, options, put, readJson } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
const reopen = (dir: string) => openNotebook(dir, { ...options(), create: false });

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(isProcessAlive(child.pid)).toBe(false);
  return child.pid;
}

describe('the single-writer lock', () => {
  it('refuses a second open while the first is open, and allows it after close', async () => {
    const { dir, store } = await createNotebook();
    expect(await readJson(path.join(dir, '.lock'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    const err = await reopen(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message: `This notebook is open in another Quire window or process (pid ${process.pid}). Close it there, then try again.`,
    });
    await store.close();
    await expect(fs.access(path.join(dir, '.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await reopen(dir);
    open.push(again);
    expect(again.readOnly).toBe(false);
  });

  it('takes over a lock left behind by a process that no longer exists', async () => {
    const { dir, store } = await createNotebook();
    await store.close();
    const pid = deadPid();
    const stale = { pid, host: os.hostname(), createdAt: '2026-01-01T00:00:00.000Z' };
    await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(stale));
    const again = await reopen(dir);
    open.push(again);
    expect(await readJson(path.join(dir, '.lock'))).toMatchObject({ pid: process.pid });
    await put(again, note(1));
    expect(again.list('note')).toHaveLength(1);
  });

  it('takes over an unreadable lock that is old, but not a fresh one', async () => {
    const { dir, store } = await createNotebook();
    await store.close();
    const lock = path.join(dir, '.lock');
    await fs.writeFile(lock, '');
    await expect(reopen(dir)).rejects.toMatchObject({ code: 'NOTEBOOK_LOCKED' });
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lock, old, old);
    const again = await reopen(dir);
    open.push(again);
    expect(await readJson(lock)).toMatchObject({ pid: process.pid });
  });

  it('refuses a lock held on another computer', async () => {
    const { dir, store } = await createNotebook();
    await store.close();
    await fs.writeFile(
      path.join(dir, '.lock'),
      JSON.stringify({ pid: 4242, host: 'lab-laptop', createdAt: '2026-01-01T00:00:00.000Z' }),
    );
    await expect(reopen(dir)).rejects.toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message: expect.stringContaining('lab-laptop') as unknown as string,
    });
  });

  it('refuses writes after close', async () => {
    const { store } = await createNotebook();
    await store.close();
    await expect(put(store, note(1))).rejects.toMatchObject({ code: 'NOTEBOOK_ERROR' });
  });
});
