import { execFileSync } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSource } from '../../../src/main/core/app/import-batch';
import { readImportFile } from '../../../src/main/core/import/read-file';
import { isQuireError } from '../../../src/main/core/errors';
import { tempDir } from '../../helpers/notebook';

const posix = process.platform !== 'win32';
if (!posix)
  console.info('read-file: device, FIFO and symlink cases skipped: Windows has no /dev/zero or mkfifo.');
const onPosix = posix ? it : it.skip;

let dir: string;
const fifos: string[] = [];
beforeEach(async () => {
  dir = await tempDir('quire-read-');
});
afterEach(async () => {
  // Should a read ever block on a FIFO again, a writer opening it releases the thread, so one failing
  // test cannot hang the rest of the run.
  for (const fifo of fifos.splice(0)) {
    await fs
      .open(fifo, constants.O_WRONLY | constants.O_NONBLOCK)
      .then((h) => h.close())
      .catch(() => undefined);
  }
  await fs.rm(dir, { recursive: true, force: true });
});

/** The promise's outcome, or a failure if it takes over `ms` (a read blocked on a FIFO never answers). */
async function within<T>(promise: Promise<T>, ms = 2_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The refusal's message; fails the test if the read succeeds or does not answer in time. */
async function refusal(read: Promise<Uint8Array>): Promise<string> {
  try {
    await within(read);
  } catch (e) {
    if (isQuireError(e)) return e.message;
    throw e;
  }
  throw new Error('expected the read to be refused');
}

function mkfifo(name: string): string {
  const fifo = path.join(dir, name);
  execFileSync('mkfifo', [fifo]);
  fifos.push(fifo);
  return fifo;
}

describe('reading a file to import', () => {
  it('reads a regular file whole', async () => {
    const file = path.join(dir, 'a.txt');
    await fs.writeFile(file, 'Fomin visited Naypyitaw.');
    expect(Buffer.from(await fileSource(file).read()).toString()).toBe('Fomin visited Naypyitaw.');
  });

  onPosix('refuses /dev/zero at once instead of reading it without end', async () => {
    expect(await refusal(fileSource('/dev/zero').read())).toMatch(/a device, not a file/);
  });

  onPosix('refuses a FIFO without waiting for a writer', async () => {
    expect(await refusal(fileSource(mkfifo('pipe.txt')).read())).toMatch(/named pipe/);
  });

  onPosix(
    'leaves the thread pool free after many FIFO imports, so later file writes still finish',
    async () => {
      const fifo = mkfifo('pipe.txt');
      const reads = await within(
        Promise.allSettled(Array.from({ length: 8 }, () => fileSource(fifo).read())),
      );
      expect(reads.map((r) => r.status)).toEqual(Array(8).fill('rejected'));
      await within(fs.writeFile(path.join(dir, 'after.txt'), 'still writable'));
      expect(await fs.readFile(path.join(dir, 'after.txt'), 'utf8')).toBe('still writable');
    },
  );

  onPosix('reads a file through a symlink, but refuses a symlink to a device', async () => {
    const file = path.join(dir, 'a.txt');
    await fs.writeFile(file, 'through a link');
    await fs.symlink(file, path.join(dir, 'link.txt'));
    await fs.symlink('/dev/zero', path.join(dir, 'zero.txt'));
    expect(Buffer.from(await readImportFile(path.join(dir, 'link.txt'), 100)).toString()).toBe(
      'through a link',
    );
    expect(await refusal(readImportFile(path.join(dir, 'zero.txt'), 100))).toMatch(/device/);
  });

  it('refuses a folder, naming what to do instead', async () => {
    expect(await refusal(fileSource(dir).read())).toMatch(/a folder.*import the folder itself/);
  });

  it('reads up to the limit and refuses one byte more', async () => {
    const file = path.join(dir, 'a.txt');
    await fs.writeFile(file, 'x'.repeat(1000));
    expect((await readImportFile(file, 1000)).byteLength).toBe(1000);
    await fs.appendFile(file, 'x');
    expect(await refusal(readImportFile(file, 1000))).toMatch(/Quire imports files up to/);
  });

  it('reads a file larger than one read chunk completely', async () => {
    const file = path.join(dir, 'big.txt');
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 'a');
    await fs.writeFile(file, data);
    expect(Buffer.from(await readImportFile(file, 50 * 1024 * 1024)).equals(data)).toBe(true);
  });

  it('says in plain words that a file vanished before it could be read', async () => {
    const file = path.join(dir, 'gone.txt');
    const source = fileSource(file);
    expect(await refusal(source.read())).toMatch(/File not found: it was moved or deleted/);
  });
});
