import { unzipSync } from 'fflate';
import { QuireError } from '../errors';

// Limits for zip-based formats (.docx, .epub). A real article never comes near them; a zip bomb does.
export const ZIP_LIMITS = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  /** Small entries (a run of spaces in styles.xml) can compress better than 200:1 and harm nothing. */
  ratioFloorBytes: 1024 * 1024,
} as const;

export interface ZipEntryInfo {
  name: string;
  size: number;
  originalSize: number;
}

const MB = 1024 * 1024;

/** `.docx` → "This .docx file"; used so every refusal names the kind of file the researcher picked. */
function thisFile(kind: string): string {
  return `This ${kind} file`;
}

/** Reads the central directory only (nothing is inflated), so a bomb costs no memory to inspect. */
export function listZipEntries(bytes: Uint8Array, kind: string): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, size: file.size, originalSize: file.originalSize });
        if (entries.length > ZIP_LIMITS.maxEntries) throw new ZipLimit('entries');
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ZipLimit) {
      throw new QuireError(
        'BAD_INPUT',
        `${thisFile(kind)} holds more than ${ZIP_LIMITS.maxEntries.toLocaleString('en')} files inside, which no real document does; Quire did not open it.`,
      );
    }
    throw new QuireError(
      'BAD_INPUT',
      `${thisFile(kind)} is damaged or is not really a ${kind} file (it is not a readable zip archive); Quire could not open it.`,
      { cause: e },
    );
  }
  return entries;
}

class ZipLimit extends Error {}

/** Refuses archives whose declared sizes look like a zip bomb, before anything is inflated. */
export function guardZip(entries: readonly ZipEntryInfo[], kind: string): void {
  const it = thisFile(kind);
  if (entries.length > ZIP_LIMITS.maxEntries) {
    throw new QuireError(
      'BAD_INPUT',
      `${it} holds more than ${ZIP_LIMITS.maxEntries.toLocaleString('en')} files inside, which no real document does; Quire did not open it.`,
    );
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.originalSize;
    if (total > ZIP_LIMITS.maxTotalBytes) {
      throw new QuireError(
        'BAD_INPUT',
        `${it} expands to more than ${ZIP_LIMITS.maxTotalBytes / MB} MB when unpacked, which looks like a zip bomb; Quire did not open it.`,
      );
    }
    if (entry.originalSize > ZIP_LIMITS.maxEntryBytes) {
      throw new QuireError(
        'BAD_INPUT',
        `${it} contains a part that expands to more than ${ZIP_LIMITS.maxEntryBytes / MB} MB, which looks like a zip bomb; Quire did not open it.`,
      );
    }
    const ratio = entry.originalSize / Math.max(entry.size, 1);
    if (entry.originalSize > ZIP_LIMITS.ratioFloorBytes && ratio > ZIP_LIMITS.maxRatio) {
      const mb = Math.round(entry.originalSize / MB);
      throw new QuireError(
        'BAD_INPUT',
        `${it} contains a part that expands ${Math.round(ratio).toLocaleString('en')} times over (${entry.size.toLocaleString('en')} bytes to ${mb} MB), which looks like a zip bomb; Quire did not open it.`,
      );
    }
  }
}

export interface ZipContents {
  /** Every entry name in the archive, inflated or not. */
  names: ReadonlySet<string>;
  /** The inflated entries that were asked for. */
  files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Inflates the entries `want` accepts, after the guard has passed. fflate inflates each entry into a buffer
 * of its declared size, so a header that lies about the size cannot make it allocate more.
 */
export function readZip(
  bytes: Uint8Array,
  kind: string,
  want: (name: string) => boolean = () => true,
): ZipContents {
  const entries = listZipEntries(bytes, kind);
  guardZip(entries, kind);
  try {
    const files = unzipSync(bytes, { filter: (file) => want(file.name) });
    return { names: new Set(entries.map((e) => e.name)), files: new Map(Object.entries(files)) };
  } catch (e) {
    throw new QuireError(
      'BAD_INPUT',
      `${thisFile(kind)} is damaged (a part of it could not be unpacked); Quire could not open it.`,
      { cause: e },
    );
  }
}

/** A zip entry as UTF-8 text (XML parts of .docx/.epub are UTF-8 in practice; a BOM is dropped). */
export function zipText(zip: ZipContents, name: string): string | null {
  const data = zip.files.get(name);
  if (!data) return null;
  return new TextDecoder('utf-8').decode(data).replace(/^\ufeff/, '');
}
