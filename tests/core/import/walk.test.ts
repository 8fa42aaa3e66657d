import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectImportFiles } from '../../../src/main/core/import/walk';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-walk-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function touch(rel: string): Promise<string> {
  const file = path.join(dir, rel);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, 'text');
  return file;
}

describe('collectImportFiles', () => {
  it('walks folders for supported files, ignoring hidden ones and other types, sorted and de-duplicated', async () => {
    const b = await touch('corpus/b.txt');
    const a = await touch('corpus/sub/a.md');
    const c = await touch('corpus/c.HTML');
    await touch('corpus/.git/config.txt');
    await touch('corpus/.DS_Store');
    await touch('corpus/image.png');
    const result = await collectImportFiles([path.join(dir, 'corpus'), b, path.join(dir, 'corpus')]);
    expect(result).toEqual({ files: [a, b, c].sort(), skipped: [] });
  });

  it('takes files named directly even when unsupported, so the import can report them', async () => {
    const doc = await touch('report.docx');
    expect((await collectImportFiles([doc])).files).toEqual([doc]);
  });

  it('reports paths that do not exist', async () => {
    const missing = path.join(dir, 'nope.txt');
    expect(await collectImportFiles([missing])).toEqual({
      files: [],
      skipped: [{ file: missing, error: 'File or folder not found.' }],
    });
  });

  it('does not loop forever on symlinked folders', async () => {
    const a = await touch('root/x.txt');
    await fs.symlink(path.join(dir, 'root'), path.join(dir, 'root/loop'), 'dir');
    const result = await collectImportFiles([path.join(dir, 'root')]);
    expect(result.files).toEqual([a]);
  });

  it('ends on symlink cycles that run through several folders', async () => {
    const a = await touch('root/a/x.txt');
    const b = await touch('root/b/y.md');
    await fs.symlink(path.join(dir, 'root/b'), path.join(dir, 'root/a/to-b'), 'dir');
    await fs.symlink(path.join(dir, 'root/a'), path.join(dir, 'root/b/to-a'), 'dir');
    await fs.symlink(path.join(dir, 'root'), path.join(dir, 'root/b/up'), 'dir');
    const { files } = await collectImportFiles([path.join(dir, 'root')]);
    // Each file once, by whichever path the walk reached it first.
    expect((await Promise.all(files.map((f) => fs.realpath(f)))).sort()).toEqual(
      (await Promise.all([a, b].map((f) => fs.realpath(f)))).sort(),
    );
  });

  const posixIt = process.platform === 'win32' ? it.skip : it;
  if (process.platform === 'win32') console.info('walk: FIFO case skipped: Windows has no mkfifo.');
  posixIt('offers a FIFO with an article name, so the import can say why it was not read', async () => {
    const a = await touch('root/a.txt');
    const fifo = path.join(dir, 'root/pipe.txt');
    execFileSync('mkfifo', [fifo]);
    expect((await collectImportFiles([path.join(dir, 'root')])).files).toEqual([a, fifo]);
  });
});
