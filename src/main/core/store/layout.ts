// Where everything lives inside a notebook folder (GUIDE §3). Every name that comes from outside the store
// (ids, hashes, cache names) is checked here so no path can escape the folder.
import path from 'node:path';
import { QuireError } from '../errors';
import { fileNameOf, type MetadataName } from './schema';

export const BODIES_DIR = 'bodies';
export const SOURCES_DIR = 'sources';
export const CACHE_DIR = 'cache';

const safeId = /^[A-Za-z0-9_-]{1,200}$/;
const sha256Hex = /^[0-9a-f]{64}$/;
const safeCacheName = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export function metadataPath(dir: string, name: MetadataName): string {
  return path.join(dir, fileNameOf(name));
}

export function isSafeId(id: string): boolean {
  return safeId.test(id);
}

/** `bodies/<first 2 chars of id>/<id>.json`: a few hundred articles per folder at 10^5 articles. */
export function bodyPath(dir: string, id: string): string {
  if (!isSafeId(id)) throw new QuireError('NOT_FOUND', `There is no article with the id "${id}".`);
  return path.join(dir, BODIES_DIR, id.slice(0, 2), `${id}.json`);
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
