import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { QuireError } from '../errors';
import { makeDir } from '../make-dir';
import type { ConflictPolicy } from './write';

async function createNew(file: string, data: Uint8Array): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Writes one export file. An existing file is left alone ('ask': nothing written, `written` false), replaced
 * through a temp file and rename ('overwrite'), or kept beside a new `name (2).ext` ('keep-both').
 */
export async function writeSingleFile(
  target: string,
  data: Uint8Array,
  onConflict: ConflictPolicy,
): Promise<{ file: string; written: boolean }> {
  const file = path.resolve(target);
  try {
    await makeDir(path.dirname(file));
    if (await createNew(file, data)) return { file, written: true };
    if (onConflict === 'ask') return { file, written: false };
    if (onConflict === 'overwrite') {
      const temp = path.join(path.dirname(file), `.quire-export-${randomBytes(6).toString('hex')}.tmp`);
      try {
        if (!(await createNew(temp, data))) throw new Error(`temporary file ${temp} already exists`);
        await rename(temp, file);
      } finally {
        await rm(temp, { force: true });
      }
      return { file, written: true };
    }
    const ext = path.extname(file);
    const stem = file.slice(0, file.length - ext.length);
    for (let n = 2; n < 1000; n++) {
      const candidate = `${stem} (${n})${ext}`;
      if (await createNew(candidate, data)) return { file: candidate, written: true };
    }
    throw new QuireError('IO_ERROR', `Quire found no free name beside ${file}. Choose another file name.`);
  } catch (e) {
    if (e instanceof QuireError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new QuireError('IO_ERROR', `Quire cannot write ${file} (${code}). Choose another place.`, {
      cause: e,
    });
  }
}
