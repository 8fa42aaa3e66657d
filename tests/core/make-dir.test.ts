import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDir } from '../../src/main/core/make-dir';
import { openTestNotebook, type TestNotebook } from '../helpers/notebook';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'quire-make-dir-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// Node's recursive mkdir never returns for these (issue 8 point 8: export into /proc/self/x spun forever).
const onLinux = process.platform === 'linux';

describe('makeDir', () => {
  it('creates every missing level, and is content when the folder exists', async () => {
    const dir = path.join(tmp, 'a', 'b', 'c');
    await makeDir(dir);
    await makeDir(dir);
    expect(await readdir(path.join(tmp, 'a', 'b'))).toEqual(['c']);
  });

  it('refuses a path below a file, creating nothing', async () => {
    await writeFile(path.join(tmp, 'file'), 'x');
    await expect(makeDir(path.join(tmp, 'file', 'sub', 'deeper'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(await readdir(tmp)).toEqual(['file']);
  });

  it('ends with a sentence for a path through a link to nothing', async () => {
    await symlink(path.join(tmp, 'gone'), path.join(tmp, 'link'));
    await expect(makeDir(path.join(tmp, 'link', 'sub'))).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/cannot create the folder .*link.*Choose another folder/),
    });
  });

  it.runIf(onLinux)('ends with a sentence under /proc (Linux only: /proc is there alone)', async () => {
    await expect(makeDir('/proc/self/quire-make-dir/sub')).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});

describe.runIf(onLinux)('folders a researcher picks under /proc (Linux only: /proc is there alone)', () => {
  let nb: TestNotebook;
  beforeEach(async () => {
    nb = await openTestNotebook();
    await nb.call('noteCreate', { title: 'A note', body: 'text' });
  });
  afterEach(async () => {
    await nb.cleanup();
  });

  it('exportMarkdown answers with an error instead of spinning', async () => {
    await expect(nb.call('exportMarkdown', { dir: '/proc/self/quire-export' })).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
  });

  it('notebookOpen with create answers with an error, and the open notebook stays open', async () => {
    await expect(
      nb.call('notebookOpen', { path: '/proc/self/quire-notebook', create: true }),
    ).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect((await nb.call('notebookInfo', {})).path).toBe(nb.dir);
  });

  it('exportMarkdown into a folder that does not exist yet still creates it', async () => {
    const dir = path.join(nb.root, 'vault', 'new');
    await mkdir(path.join(nb.root, 'vault'));
    expect((await nb.call('exportMarkdown', { dir })).written).toHaveLength(1);
  });
});
