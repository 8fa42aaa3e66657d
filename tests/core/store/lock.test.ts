import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openNotebook } from '../../../src/main/core/store';
import type { NotebookStore } from '../../../src/main/core/store';
import {
  acquireLock,
  FOREIGN_LOCK_FORCE_AGE_MS,
  isLockedByThisProcess,
  isProcessAlive,
  readLockHolder,
  type LockInfo,
} from '../../../src/main/core/store/lock';
import { createNotebook, note, options, put, readJson } from './helpers';

const open: NotebookStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
const reopen = (dir: string) => openNotebook(dir, { ...options(), create: false });
const now = () => new Date('2026-11-22T18:40:00.000Z');

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(isProcessAlive(child.pid)).toBe(false);
  return child.pid;
}

/** Linux only: field 22 of /proc/<pid>/stat, what the lock records as the process start. */
function startTicks(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}
const procfs = existsSync('/proc/self/stat') && existsSync('/proc/sys/kernel/random/boot_id');
if (!procfs) console.log('lock.test: no /proc here, so the start-tick and boot-id cases are skipped.');
const linuxOnly = it.skipIf(!procfs);

/** A closed notebook whose lock file the test writes by hand. */
async function closedNotebook(lock: Partial<LockInfo> & { pid: number }): Promise<string> {
  const { dir, store } = await createNotebook();
  await store.close();
  const info = { host: os.hostname(), createdAt: '2026-01-01T00:00:00.000Z', ...lock };
  await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(info));
  return dir;
}

async function expectTakenOver(dir: string): Promise<void> {
  const again = await reopen(dir);
  open.push(again);
  expect(await readJson(path.join(dir, '.lock'))).toMatchObject({ pid: process.pid, host: os.hostname() });
  expect(await readLockHolder(dir)).toMatchObject({ pid: process.pid, thisProcess: true });
}

/** Another live process on this machine, for the lock to name. */
let other: ChildProcess;
let otherPid: number;
beforeAll(() => {
  other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  otherPid = other.pid ?? 0;
  expect(isProcessAlive(otherPid)).toBe(true);
});
afterAll(() => {
  other.kill();
});

describe('the single-writer lock', () => {
  it('records pid, host, process start and boot, and is released on close', async () => {
    const { dir, store } = await createNotebook();
    const lock = await readJson(path.join(dir, '.lock'));
    expect(lock).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(Date.parse(String((lock as LockInfo).startedAt))).toBeLessThanOrEqual(Date.now());
    if (procfs) {
      expect(lock).toMatchObject({
        startTicks: startTicks('self'),
        bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
      });
    }
    await store.close();
    await expect(fs.access(path.join(dir, '.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readLockHolder(dir)).toBeNull();
    const again = await reopen(dir);
    open.push(again);
    expect(again.readOnly).toBe(false);
  });

  it('reports a second open from this very process as such, distinct from another holder', async () => {
    const { dir, store } = await createNotebook();
    open.push(store);
    const err = await reopen(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message: 'This notebook is already open in this Quire window or process.',
      holder: { pid: process.pid, thisProcess: true, otherHost: false },
    });
    expect(isLockedByThisProcess(err)).toBe(true);
    expect(await readLockHolder(dir)).toMatchObject({
      pid: process.pid,
      thisProcess: true,
      lockFile: path.join(dir, '.lock'),
    });
  });

  it('takes over a lock left behind by a process that no longer exists', async () => {
    const dir = await closedNotebook({ pid: deadPid() });
    expect(await readLockHolder(dir)).toBeNull();
    await expectTakenOver(dir);
    const [store] = open;
    if (!store) throw new Error('the notebook did not open');
    await put(store, note(1));
    expect(store.list('note')).toHaveLength(1);
  });

  it('takes over a lock naming our pid but written by an earlier process (pid reused)', async () => {
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    const dir = await closedNotebook({
      pid: process.pid,
      startedAt: earlier,
      ...(procfs ? { startTicks: startTicks('self') - 1 } : {}),
    });
    expect(await readLockHolder(dir)).toBeNull();
    await expectTakenOver(dir);
  });

  it('takes over a lock in the old format that names our pid (it cannot be ours)', async () => {
    await expectTakenOver(await closedNotebook({ pid: process.pid }));
  });

  linuxOnly('takes over a lock whose live pid now belongs to a process started later', async () => {
    const dir = await closedNotebook({ pid: otherPid, startTicks: startTicks(otherPid) - 100 });
    expect(await readLockHolder(dir)).toBeNull();
    await expectTakenOver(dir);
  });

  it('takes over a lock written before the last reboot, even if its pid is alive now', async () => {
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const dir = await closedNotebook({
      pid: otherPid,
      bootId: '00000000-0000-4000-8000-000000000000',
      bootedAt: weekAgo,
      startedAt: weekAgo,
    });
    expect(await readLockHolder(dir)).toBeNull();
    await expectTakenOver(dir);
  });

  linuxOnly('refuses a live holder with the same start time, naming its pid', async () => {
    const dir = await closedNotebook({ pid: otherPid, startTicks: startTicks(otherPid) });
    const err = await reopen(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message:
        `This notebook is open in another Quire window or process (pid ${otherPid}, since 2026-01-01 00:00). ` +
        'Close it there, then try again.',
    });
    expect(isLockedByThisProcess(err)).toBe(false);
    expect(await readLockHolder(dir)).toMatchObject({ pid: otherPid, thisProcess: false, otherHost: false });
  });

  it('refuses a live pid it cannot check further, and says which file to delete if nothing runs', async () => {
    const dir = await closedNotebook({ pid: otherPid });
    await expect(reopen(dir)).rejects.toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message: expect.stringContaining(
        `(pid ${otherPid}, since 2026-01-01 00:00). Close it there, then try again. ` +
          `If no Quire is running, delete ${path.join(dir, '.lock')} and try again.`,
      ) as unknown as string,
    });
  });

  it('takes over an unreadable lock that is old, but not a fresh one', async () => {
    const { dir, store } = await createNotebook();
    await store.close();
    const lock = path.join(dir, '.lock');
    await fs.writeFile(lock, '');
    await expect(reopen(dir)).rejects.toMatchObject({ code: 'NOTEBOOK_LOCKED' });
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lock, old, old);
    await expectTakenOver(dir);
  });

  it('refuses a lock held on another computer, naming the lock file and what to do', async () => {
    const dir = await closedNotebook({ pid: deadPid(), host: 'lab-laptop' });
    const lock = path.join(dir, '.lock');
    const err = await reopen(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message: expect.stringMatching(
        new RegExp(
          `^This notebook is open in Quire on another computer \\(lab-laptop, pid \\d+, since 2026-01-01 00:00\\)\\. ` +
            `Close it there, then try again\\. If Quire is not running on lab-laptop, delete ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} and try again\\.$`,
        ),
      ) as unknown as string,
    });
    expect(await readLockHolder(dir)).toMatchObject({ host: 'lab-laptop', otherHost: true });
  });

  it('forces a lock from another computer only when asked and when it is older than a day', async () => {
    const dir = await closedNotebook({ pid: 4242, host: 'lab-laptop' });
    const lock = path.join(dir, '.lock');
    await expect(acquireLock(dir, now, { force: true })).rejects.toMatchObject({
      code: 'NOTEBOOK_LOCKED',
      message: expect.stringContaining('Quire does not force a lock younger than a day') as unknown as string,
    });
    const old = new Date(Date.now() - FOREIGN_LOCK_FORCE_AGE_MS - 60_000);
    await fs.utimes(lock, old, old);
    await expect(acquireLock(dir, now)).rejects.toMatchObject({ code: 'NOTEBOOK_LOCKED' });
    const taken = await acquireLock(dir, now, { force: true });
    expect(await readJson(lock)).toMatchObject({ pid: process.pid, host: os.hostname() });
    await taken.release();
  });

  linuxOnly('knows its own machine by the boot id when the host name changed', async () => {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const dir = await closedNotebook({ pid: deadPid(), host: 'old-name.local', bootId });
    await expectTakenOver(dir);
  });

  it('does not remove a lock that another process took over meanwhile', async () => {
    const { dir, store } = await createNotebook();
    const lock = path.join(dir, '.lock');
    const theirs = JSON.stringify({ pid: 4242, host: 'lab-laptop', createdAt: '2026-01-01T00:00:00.000Z' });
    await fs.writeFile(lock, theirs);
    await store.close();
    expect(await fs.readFile(lock, 'utf8')).toBe(theirs);
  });

  it('refuses writes after close', async () => {
    const { store } = await createNotebook();
    await store.close();
    await expect(put(store, note(1))).rejects.toMatchObject({ code: 'NOTEBOOK_ERROR' });
  });
});
