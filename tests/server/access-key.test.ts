import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAccessKey } from '../../src/main/server/access-key';
import { tempDir } from '../helpers/notebook';

const posix = process.platform !== 'win32';
if (!posix)
  console.log('access-key.test: file modes do not apply on Windows, so the 0600 checks are skipped.');

describe('the browser-mode access key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await tempDir('quire-key-'), 'Quire');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('is made once and then kept, so a restarted server accepts the pages it served', async () => {
    const first = await loadAccessKey(dir);
    const again = await loadAccessKey(dir);
    expect(first.token).toMatch(/^[\w-]{32}$/);
    expect(again).toEqual({ ...first, replaced: null });
    expect((await readFile(first.file, 'utf8')).trim()).toBe(first.token);
  });

  it.skipIf(!posix)('is readable by its user alone', async () => {
    const { file } = await loadAccessKey(dir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o077).toBe(0);
  });

  it('is replaced on request, and the new one is kept', async () => {
    const old = await loadAccessKey(dir);
    const renewed = await loadAccessKey(dir, { renew: true });
    expect(renewed.token).not.toBe(old.token);
    expect((await loadAccessKey(dir)).token).toBe(renewed.token);
  });

  it.skipIf(!posix)('is replaced, saying why, when other users could read it', async () => {
    const old = await loadAccessKey(dir);
    await chmod(old.file, 0o644);
    const next = await loadAccessKey(dir);
    expect(next.token).not.toBe(old.token);
    expect(next.replaced).toBe(`${old.file} could be read by other users`);
    expect((await stat(next.file)).mode & 0o777).toBe(0o600);
  });

  it('is replaced, saying why, when the file does not hold a key', async () => {
    const { file } = await loadAccessKey(dir);
    await writeFile(file, 'short\n', { mode: 0o600 });
    const next = await loadAccessKey(dir, { posix });
    expect(next.token).toMatch(/^[\w-]{32}$/);
    expect(next.replaced).toBe(`${file} was damaged`);
  });

  it('is the same for servers that start at the same moment', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadAccessKey(dir)));
    expect(new Set(keys.map((k) => k.token)).size).toBe(1);
  });
});
