// Writing a vault export into a folder, again and again. A manifest (`.quire/export.json`) remembers the
// content hash of every file Quire wrote; on the next export a file still as Quire wrote it is updated (or
// removed when its record is gone), and a file the researcher changed is never overwritten: Quire's new version
// goes beside it as `Name (Quire).md` and both are listed as a conflict.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { QuireError } from '../../errors';
import { sha256 } from '../../import/text-stats';
import { makeDir } from '../../make-dir';
import { writeFileAtomic as atomicWrite } from '../../store/atomic-file';
import type { VaultFile } from './plan';

export const MANIFEST_PATH = '.quire/export.json';

interface Manifest {
  format: 'quire-vault-export';
  version: 1;
  files: Record<string, { key: string; sha256: string }>;
}

export interface VaultReport {
  dir: string;
  written: string[];
  updated: string[];
  unchanged: number;
  /** Files the researcher changed since Quire wrote them: kept; Quire's version is in `copy`. */
  conflicts: { file: string; copy: string }[];
  /** Files of records no longer exported, removed because nobody had changed them. */
  removed: string[];
  /** Files of records no longer exported that the researcher changed: left in place. */
  kept: string[];
}

const MAX_WALK = 100_000;

/** Every `.md` file in the vault (relative, `/`-separated), skipping hidden folders such as `.obsidian`. */
async function markdownFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || out.length > MAX_WALK) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(child);
    }
  };
  await walk('');
  return out;
}

async function readManifest(root: string): Promise<Manifest> {
  const empty: Manifest = { format: 'quire-vault-export', version: 1, files: {} };
  let raw: string;
  try {
    raw = await readFile(path.join(root, MANIFEST_PATH), 'utf8');
  } catch {
    return empty;
  }
  try {
    const data = JSON.parse(raw) as Partial<Manifest>;
    if (data.format !== 'quire-vault-export' || typeof data.files !== 'object' || data.files === null)
      return empty;
    return { ...empty, files: data.files };
  } catch {
    // A damaged manifest makes every existing file count as the researcher's: nothing is overwritten.
    return empty;
  }
}

/** What is in the vault already: Quire's manifest, and the names of the researcher's own files (reserved). */
export async function vaultState(dir: string): Promise<{ manifest: Manifest; reserved: string[] }> {
  const root = path.resolve(dir);
  const manifest = await readManifest(root);
  const existing = await markdownFiles(root);
  const reserved = existing
    .filter((f) => !manifest.files[f])
    .map((f) => path.posix.basename(f).replace(/\.md$/i, ''));
  return { manifest, reserved };
}

function inside(root: string, rel: string): string {
  const target = path.resolve(root, ...rel.split('/'));
  const back = path.relative(root, target);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back) || rel.includes('\0')) {
    throw new QuireError(
      'FORBIDDEN',
      `Quire refused to write "${rel}": it would land outside the vault folder.`,
    );
  }
  return target;
}

async function hashOf(file: string): Promise<string | null> {
  try {
    return sha256(await readFile(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export async function syncVault(
  dir: string,
  files: readonly VaultFile[],
  manifest: Manifest,
): Promise<VaultReport> {
  const root = path.resolve(dir);
  await makeDir(root);
  const report: VaultReport = {
    dir: root,
    written: [],
    updated: [],
    unchanged: 0,
    conflicts: [],
    removed: [],
    kept: [],
  };
  const next: Manifest = { format: 'quire-vault-export', version: 1, files: {} };
  const planned = new Set(files.map((f) => f.path));

  for (const f of files) {
    const target = inside(root, f.path);
    const hash = sha256(f.content);
    const disk = await hashOf(target);
    const recorded = manifest.files[f.path]?.sha256;
    if (disk === null) {
      await makeDir(path.dirname(target));
      await atomicWrite(target, f.content);
      report.written.push(f.path);
      next.files[f.path] = { key: f.key, sha256: hash };
    } else if (disk === hash) {
      report.unchanged++;
      next.files[f.path] = { key: f.key, sha256: hash };
    } else if (recorded === disk) {
      await atomicWrite(target, f.content);
      report.updated.push(f.path);
      next.files[f.path] = { key: f.key, sha256: hash };
    } else {
      // Changed by the researcher (or never Quire's): theirs stays; Quire's version goes beside it.
      const copy = conflictCopy(f.path, planned);
      await atomicWrite(inside(root, copy), f.content);
      report.conflicts.push({ file: f.path, copy });
      if (recorded) next.files[f.path] = { key: f.key, sha256: recorded };
      next.files[copy] = { key: `${f.key}:conflict`, sha256: hash };
    }
  }

  for (const [rel, entry] of Object.entries(manifest.files)) {
    if (next.files[rel]) continue;
    const target = inside(root, rel);
    const disk = await hashOf(target);
    if (disk === null) continue;
    if (disk === entry.sha256) {
      await rm(target, { force: true });
      report.removed.push(rel);
    } else {
      report.kept.push(rel);
    }
  }

  await makeDir(path.join(root, '.quire'));
  await atomicWrite(path.join(root, MANIFEST_PATH), `${JSON.stringify(next, null, 2)}\n`);
  return report;
}

function conflictCopy(rel: string, planned: Set<string>): string {
  const stem = rel.replace(/\.md$/i, '');
  let copy = `${stem} (Quire).md`;
  for (let n = 2; planned.has(copy); n++) copy = `${stem} (Quire ${n}).md`;
  return copy;
}

/** The vault as one zip (browser mode downloads it), manifest included so a later export can update it. */
export function zipVault(files: readonly VaultFile[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  const manifest: Manifest = { format: 'quire-vault-export', version: 1, files: {} };
  for (const f of files) {
    entries[f.path] = strToU8(f.content);
    manifest.files[f.path] = { key: f.key, sha256: sha256(f.content) };
  }
  entries[MANIFEST_PATH] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  return zipSync(entries, { level: 6 });
}
