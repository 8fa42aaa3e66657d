// Where things live inside a notebook folder. Every name that comes from outside the store (ids, hashes, cache
// names) is checked here so no path can escape the folder.
import path from 'node:path';
import { QuireError } from '../errors';

export const SOURCES_DIR = 'sources';
export const CACHE_DIR = 'cache';

const safeId = /^[A-Za-z0-9_-]{1,200}$/;
const sha256Hex = /^[0-9a-f]{64}$/;
const safeCacheName = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export function isSafeId(id: string): boolean {
  return safeId.test(id);
}

export function sourcePath(dir: string, hash: string): string {
  if (!sha256Hex.test(hash))
    throw new QuireError('NOT_FOUND', `There is no original file with the hash "${hash}".`);
  return path.join(dir, SOURCES_DIR, hash);
}

export function cachePath(dir: string, name: string): string {
  if (!safeCacheName.test(name)) {
    throw new QuireError(
      'BAD_INPUT',
      `"${name}" is not a valid cache name: use letters, digits, '.', '-' and '_'.`,
    );
  }
  return path.join(dir, CACHE_DIR, name);
}
