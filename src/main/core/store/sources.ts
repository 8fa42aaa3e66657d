// The original imported bytes, by sha256 (`sources/<hash>`), so an article can always be extracted again. The
// name is the checksum: a damaged original is detected, never handed to the extractor as if it were whole.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors';
import { exists, fsyncDir, readFileIfExists, writeFileAtomic } from './atomic-file';
import { SOURCES_DIR, sourcePath } from './layout';
import { mapLimit } from './map-limit';

const WRITE_CONCURRENCY = 8;

export async function writeSourceFiles(dir: string, sources: ReadonlyMap<string, Uint8Array>): Promise<void> {
  if (sources.size === 0) return;
  const folder = path.join(dir, SOURCES_DIR);
  await fs.mkdir(folder, { recursive: true });
  await mapLimit([...sources], WRITE_CONCURRENCY, async ([hash, bytes]) => {
    const target = sourcePath(dir, hash);
    if (!(await exists(target))) await writeFileAtomic(target, bytes, { syncDir: false });
  });
  await fsyncDir(folder);
}

export async function readSourceFile(dir: string, hash: string): Promise<Uint8Array> {
  const bytes = await readFileIfExists(sourcePath(dir, hash));
  if (bytes === null)
    throw new QuireError('NOT_FOUND', `The original file (sources/${hash}) is not in this notebook.`);
  if (createHash('sha256').update(bytes).digest('hex') !== hash)
    throw new QuireError('NOTEBOOK_ERROR', `The original file kept in sources/${hash} is damaged.`);
  return bytes;
}
