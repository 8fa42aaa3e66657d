// Older files are upgraded in memory on load; the upgraded shape is written at the next ordinary write,
// after the old file has been copied to backups/. Each step takes version n to n + 1.
import type { MetadataName } from './schema';
import { SCHEMA_VERSION } from './types';

export type JsonObject = Record<string, unknown>;
export type MigrationStep = (data: JsonObject) => JsonObject;
/** `steps[file][n]` turns a version-n file into a version-(n + 1) file. */
export type MigrationTable = Record<MetadataName, Readonly<Record<number, MigrationStep>>>;

/** Version 0 is the pre-release layout: the same shape, without `schemaVersion`. */
const addVersion1: MigrationStep = (data) => ({ ...data, schemaVersion: 1 });

export const migrations: MigrationTable = {
  notebook: { 0: addVersion1 },
  articles: { 0: addVersion1 },
  annotations: { 0: addVersion1 },
  notes: { 0: addVersion1 },
};

export class MigrationError extends Error {}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's schemaVersion (0 when absent), or null when the file is not a versioned object at all. */
export function schemaVersionOf(data: unknown): number | null {
  if (!isJsonObject(data)) return null;
  const v = data.schemaVersion;
  if (v === undefined) return 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

export interface Migrated {
  data: JsonObject;
  from: number;
  to: number;
}

/**
 * Brings `data` up to `target`. Throws MigrationError when the data has no usable version, is newer than
 * `target` (the caller opens read-only instead), or a step is missing.
 */
export function migrate(
  file: MetadataName,
  data: unknown,
  target: number = SCHEMA_VERSION,
  table: MigrationTable = migrations,
): Migrated {
  const from = schemaVersionOf(data);
  if (from === null || !isJsonObject(data)) throw new MigrationError(`${file}: no usable schemaVersion`);
  if (from > target) throw new MigrationError(`${file}: version ${from} is newer than ${target}`);
  let current = data;
  for (let v = from; v < target; v++) {
    const step = table[file][v];
    if (!step) throw new MigrationError(`${file}: no migration from version ${v}`);
    current = step(current);
    if (schemaVersionOf(current) !== v + 1)
      throw new MigrationError(`${file}: step ${v} did not reach ${v + 1}`);
  }
  return { data: current, from, to: target };
}
