// The browser-mode access key. One per user, kept in the user data folder where only that user can read it,
// so a restarted `quire serve` accepts the tabs it served before (they keep the key in their own origin's
// storage): a restart is invisible, and the guard stays what it was (loopback only, Host and Origin checked,
// every API call and the event stream carrying the key). One key per user rather than per notebook, because a
// tab follows the notebook the researcher opens in it, and `quire serve` reopens that one next time.
// Not a cookie: cookies are shared by every port of 127.0.0.1, so any other local server the browser visits
// would be sent the key.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const FILE = 'browser-mode-key';
const KEY_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

export interface AccessKey {
  token: string;
  file: string;
  /** Why a new key replaced the one on disk (said on stderr), or null. */
  replaced: string | null;
}

const newToken = (): string => randomBytes(24).toString('base64url');

/**
 * The key kept in `userDataDir` (made on first use); `renew` replaces it, so every page holding the old one
 * must be opened again from the new URL. A key file that other users can read, or that is damaged, is
 * replaced too, and the reason returned.
 */
export async function loadAccessKey(
  userDataDir: string,
  { renew = false, posix = process.platform !== 'win32' }: { renew?: boolean; posix?: boolean } = {},
): Promise<AccessKey> {
  await fs.mkdir(userDataDir, { recursive: true, mode: 0o700 });
  const file = join(userDataDir, FILE);
  if (renew) return { token: await replace(file), file, replaced: null };
  for (;;) {
    const found = await read(file, posix);
    if (found.kind === 'key') return { token: found.token, file, replaced: null };
    if (found.kind === 'unfit') return { token: await replace(file), file, replaced: found.reason };
    const token = newToken();
    try {
      // Exclusive create: two servers starting at once agree on one key.
      await writeNew(file, token);
      return { token, file, replaced: null };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

type Found = { kind: 'key'; token: string } | { kind: 'missing' } | { kind: 'unfit'; reason: string };

async function read(file: string, posix: boolean): Promise<Found> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'unfit', reason: `${file} is not a file` };
    if (posix && (stat.mode & 0o077) !== 0)
      return { kind: 'unfit', reason: `${file} could be read by other users` };
    const token = (await handle.readFile('utf8')).trim();
    return KEY_SHAPE.test(token) ? { kind: 'key', token } : { kind: 'unfit', reason: `${file} was damaged` };
  } finally {
    await handle.close();
  }
}

async function writeNew(file: string, token: string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(`${token}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A fresh key in a fresh 0600 file renamed over the old one (whatever that was: a folder is not replaced). */
async function replace(file: string): Promise<string> {
  const token = newToken();
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  await writeNew(temp, token);
  try {
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
  return token;
}
