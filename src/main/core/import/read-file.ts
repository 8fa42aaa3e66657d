// Reading a file someone asked to import. Only regular files are read, and never more than the limit:
// a device (/dev/zero) reports size 0 and never ends, and opening a FIFO blocks a libuv thread until a
// writer comes (four such opens starve the thread pool and every later file write hangs).
import { constants, promises as fs, type Stats } from 'node:fs';
import { QuireError } from '../errors';

const MB = 1024 * 1024;
const CHUNK = MB;

// O_NONBLOCK: opening a FIFO swapped in after the check returns at once instead of waiting for a writer.
// O_NOFOLLOW: the path is already resolved, so a symlink appearing there now is a swap, not the user's file.
// O_NOCTTY: a terminal device must never become our controlling terminal. (All three are 0 on Windows.)
const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of the regular file at `path`, at most `limit` of them. Anything else (folder, device, FIFO,
 * socket), a file larger than `limit`, or a file that vanishes or changes kind while being opened is
 * refused with a QuireError that says what to do. The file is checked before it is opened and again
 * through the open handle, so a swap between the two cannot make Quire block or read without bound.
 */
export async function readImportFile(path: string, limit: number): Promise<Uint8Array> {
  let real: string;
  let before: Stats;
  try {
    real = await fs.realpath(path);
    before = await fs.stat(real);
  } catch (e) {
    throw unreadable(e);
  }
  refuseIrregular(before);
  if (before.size > limit) throw tooLarge(before.size, limit);

  let handle: fs.FileHandle;
  try {
    handle = await fs.open(real, OPEN_FLAGS);
  } catch (e) {
    throw unreadable(e);
  }
  try {
    const after = await handle.stat();
    refuseIrregular(after);
    if (after.ino !== before.ino || after.dev !== before.dev) throw changed();
    return await readBounded(handle, Math.min(after.size, limit), limit);
  } catch (e) {
    throw e instanceof QuireError ? e : unreadable(e);
  } finally {
    await handle.close();
  }
}

/** Reads until end of file or until more than `limit` bytes have come: a file still growing is bounded too. */
async function readBounded(handle: fs.FileHandle, expected: number, limit: number): Promise<Uint8Array> {
  let buffer = Buffer.allocUnsafeSlow(Math.min(expected, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) throw tooLarge(length, limit);
      const grown = Buffer.allocUnsafeSlow(
        Math.min(buffer.length + Math.max(buffer.length, CHUNK), limit + 1),
      );
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > limit) throw tooLarge(length, limit);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

function refuseIrregular(stat: Stats): void {
  if (stat.isFile()) return;
  const what = stat.isDirectory()
    ? 'a folder'
    : stat.isFIFO()
      ? 'a named pipe (FIFO)'
      : stat.isSocket()
        ? 'a socket'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
  const hint = stat.isDirectory()
    ? 'import the folder itself to read the files inside it.'
    : 'Quire imports only ordinary files; save the text to a file and import that.';
  throw new QuireError('BAD_INPUT', `This is ${what}, not a file: ${hint}`);
}

function tooLarge(size: number, limit: number): QuireError {
  const over = size > limit + 1 ? `is ${Math.round(size / MB)} MB` : `is larger than ${limit / MB} MB`;
  return new QuireError(
    'BAD_INPUT',
    `The file ${over}; Quire imports files up to ${limit / MB} MB. Split it or remove what is not the article.`,
  );
}

function changed(): QuireError {
  return new QuireError(
    'IO_ERROR',
    'The file was replaced while Quire was opening it; import it again once it has stopped changing.',
  );
}

function unreadable(e: unknown): QuireError {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new QuireError(
        'IO_ERROR',
        'File not found: it was moved or deleted before Quire could read it. Check the path and import it again.',
        { cause: e },
      );
    case 'EACCES':
    case 'EPERM':
      return new QuireError('IO_ERROR', 'Permission denied: check that you may read this file.', {
        cause: e,
      });
    case 'ELOOP':
      return new QuireError(
        'BAD_INPUT',
        'This path is a loop of symbolic links, or a link was swapped in while Quire opened it; it was not read.',
        { cause: e },
      );
    case 'EISDIR':
      return new QuireError('BAD_INPUT', 'This is a folder, not a file: import the folder itself.', {
        cause: e,
      });
    default:
      return new QuireError(
        'IO_ERROR',
        `The file could not be read (${typeof code === 'string' ? code : 'unknown error'}); check the disk and try again.`,
        { cause: e },
      );
  }
}
