// Damaged files are never overwritten or deleted: their exact bytes are copied into .quarantine/ first, so
// nothing a researcher wrote can be lost by a repair.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileStamp } from './stamps';

export const QUARANTINE_DIR = '.quarantine';

/** Copies the exact bytes into .quarantine/<name>.<time>, never replacing an earlier quarantined copy. */
export async function quarantine(dir: string, name: string, bytes: Uint8Array, now: Date): Promise<string> {
  const folder = path.join(dir, QUARANTINE_DIR);
  await fs.mkdir(folder, { recursive: true });
  const base = path.join(folder, `${name}.${fileStamp(now)}`);
  for (let n = 0; n < 10_000; n++) {
    const target = n === 0 ? base : `${base}-${n}`;
    try {
      await fs.writeFile(target, bytes, { flag: 'wx' });
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`Could not find a free name for ${name} in ${folder}.`);
}
