// Article texts: one file each, named by the sha256 of its bytes (`bodies/<x>/<key>.json`). A name that is its
// own checksum makes damage detectable on every read, and a file that never changes once written lets undo (and
// the Trash) bring back an earlier text by pointing the article at it again. Files no article (nor a trashed one)
// points at any more are removed when the notebook closes.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors';
import type { ArticleBody, ArticleRecord } from '../types';
import { exists, fsyncDir, readFileIfExists, TEMP_PREFIX, writeFileAtomic } from './atomic-file';
import { mapLimit } from './map-limit';
import { quarantine } from './quarantine';
import { isSafeId } from './layout';
import { articleBodySchema } from './schema';

export const BODIES_DIR = 'bodies';
/** Enough parallel writes to hide fsync latency without exhausting file handles. */
const WRITE_CONCURRENCY = 8;
const contentKey = /^[0-9a-f]{64}$/;

/** Where an article's text is: its key when it has one, else (older notebooks) its id. */
export type BodyRef = Pick<ArticleRecord, 'id' | 'bodyKey'>;

/**
 * Texts named by key go in 16 folders (its first hex digit): an import batch then syncs at most 16 folders. Texts
 * of older notebooks, named by article id, stay where they were (the id's first two characters).
 */
export function bodyFile(dir: string, name: string): string {
  if (contentKey.test(name)) return path.join(dir, BODIES_DIR, name.slice(0, 1), `${name}.json`);
  if (!isSafeId(name)) throw new QuireError('NOT_FOUND', `There is no article text named "${name}".`);
  return path.join(dir, BODIES_DIR, name.slice(0, 2), `${name}.json`);
}

/** The bytes a body is stored as (without its article id: the same text can serve any article). */
export function encodeBody(body: Omit<ArticleBody, 'id'>): { key: string; bytes: string } {
  const { text, passages, blocks } = body;
  const bytes = JSON.stringify(blocks ? { text, passages, blocks } : { text, passages });
  return { key: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** The text is missing or damaged (the original file in sources/ can restore it). */
export class BodyUnreadable extends QuireError {
  constructor(
    readonly articleId: string,
    readonly reason: 'missing' | 'damaged',
    message: string,
  ) {
    super('NOTEBOOK_ERROR', message);
  }
}

export async function readBodyFile(dir: string, ref: BodyRef, title = ref.id): Promise<ArticleBody> {
  const name = ref.bodyKey ?? ref.id;
  const bytes = await readFileIfExists(bodyFile(dir, name));
  if (bytes === null) {
    throw new BodyUnreadable(ref.id, 'missing', `The stored text of “${title}” is missing from bodies/.`);
  }
  const damaged = () =>
    new BodyUnreadable(ref.id, 'damaged', `The stored text of “${title}” is damaged (bodies/${name}.json).`);
  if (ref.bodyKey && createHash('sha256').update(bytes).digest('hex') !== ref.bodyKey) throw damaged();
  try {
    const parsed = articleBodySchema.parse({ id: ref.id, ...(JSON.parse(bytes.toString('utf8')) as object) });
    return { ...parsed, id: ref.id };
  } catch {
    throw damaged();
  }
}

/**
 * Writes each body unless a file with its key is already there; returns the keys. Folders synced once. A file
 * that is there but damaged is copied into .quarantine/ before it is replaced.
 */
export async function writeBodyFiles(
  dir: string,
  bodies: readonly Omit<ArticleBody, 'id'>[],
  now: () => Date,
): Promise<string[]> {
  const encoded = bodies.map(encodeBody);
  const folders = new Set(encoded.map(({ key }) => path.dirname(bodyFile(dir, key))));
  for (const folder of folders) await fs.mkdir(folder, { recursive: true });
  await mapLimit(encoded, WRITE_CONCURRENCY, async ({ key, bytes }) => {
    const file = bodyFile(dir, key);
    // Same name, same bytes: a file already there is right, unless it was damaged since (then it is replaced).
    if (await exists(file)) {
      const found = await readFileIfExists(file);
      if (found && createHash('sha256').update(found).digest('hex') === key) return;
      if (found) await quarantine(dir, `${BODIES_DIR}-${key}.json`, found, now());
    }
    await writeFileAtomic(file, bytes, { syncDir: false });
  });
  await mapLimit([...folders], WRITE_CONCURRENCY, fsyncDir);
  return encoded.map(({ key }) => key);
}

/**
 * Removes body files no record names, and temp files left by writes a crash interrupted. Returns how many
 * files went.
 */
export async function collectBodies(dir: string, referenced: ReadonlySet<string>): Promise<number> {
  const root = path.join(dir, BODIES_DIR);
  let removed = 0;
  let folders: string[];
  try {
    folders = await fs.readdir(root);
  } catch {
    return 0;
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = await fs.readdir(path.join(root, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      const stem = name.endsWith('.json') ? name.slice(0, -5) : null;
      if (name.startsWith(TEMP_PREFIX) || (stem !== null && !referenced.has(stem))) {
        await fs.rm(path.join(root, folder, name), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
