import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { ExportReport } from '../api-contract';
import { QuireError } from '../errors';
import { makeDir } from '../make-dir';
import type { ExportFile } from './markdown';

export type ConflictPolicy = 'ask' | 'overwrite' | 'keep-both';

const key = (name: string): string => name.normalize('NFC').toLowerCase();

/** A plain file name, never a path: whatever produced it, nothing is written outside the export folder. */
function targetPath(dir: string, fileName: string): string {
  const target = path.resolve(dir, fileName);
  const rel = path.relative(dir, target);
  if (
    fileName.includes('\0') ||
    path.basename(fileName) !== fileName ||
    /[/\\]/.test(fileName) ||
    rel === '' ||
    rel.startsWith('..') ||
    path.isAbsolute(rel)
  ) {
    throw new QuireError(
      'FORBIDDEN',
      `Quire refused to export "${fileName}": it would be written outside the chosen folder.`,
    );
  }
  return target;
}

/** `Name.md` → `Name (2).md`, `Name (3).md`… until neither the folder nor this export has it. */
function freeName(fileName: string, used: Set<string>): string {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  let candidate = fileName;
  for (let n = 2; used.has(key(candidate)); n++) candidate = `${stem} (${n})${ext}`;
  return candidate;
}

async function writeNew(target: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(target, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Replace through a temp file and rename, so a crash mid-write never leaves a half-written note. */
async function replaceFile(dir: string, target: string, content: string): Promise<void> {
  const temp = path.join(dir, `.quire-export-${randomBytes(6).toString('hex')}.tmp`);
  try {
    if (!(await writeNew(temp, content))) throw new Error(`temporary file ${temp} already exists`);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Writes exported notes into `dir` (created if missing). Names compare ignoring case, as on macOS and
 * Windows. 'ask': if any file already exists nothing is written and the clashes are returned; 'keep-both':
 * clashing files get ` (2)`, ` (3)`…; 'overwrite': existing files are replaced.
 */
export async function writeExport(
  dir: string,
  files: readonly ExportFile[],
  onConflict: ConflictPolicy,
): Promise<ExportReport> {
  const root = path.resolve(dir);
  for (const f of files) targetPath(root, f.fileName);
  await makeDir(root);
  const existing = new Map((await readdir(root)).map((name) => [key(name), name]));

  if (onConflict === 'ask') {
    const conflicts = files.filter((f) => existing.has(key(f.fileName))).map((f) => f.fileName);
    if (conflicts.length > 0) return { dir: root, written: [], conflicts };
  }

  // Names on disk plus names this export has claimed; `planned` alone tells a duplicate within the export.
  const occupied = new Set(existing.keys());
  const planned = new Set<string>();
  const written: ExportReport['written'] = [];
  for (const f of files) {
    let name = f.fileName;
    const existingName = existing.get(key(name));
    if (onConflict === 'overwrite' && existingName !== undefined && !planned.has(key(name))) {
      // Reuse the name on disk so a case-only difference does not leave two copies on Linux.
      await replaceFile(root, targetPath(root, existingName), f.content);
      name = existingName;
    } else {
      name = freeName(name, occupied);
      while (!(await writeNew(targetPath(root, name), f.content))) {
        occupied.add(key(name));
        name = freeName(name, occupied);
      }
    }
    occupied.add(key(name));
    planned.add(key(name));
    written.push({ noteId: f.noteId, file: name });
  }
  return { dir: root, written, conflicts: [] };
}

/** The same files as one zip archive (browser mode downloads it). Duplicate names get a suffix. */
export function zipExport(files: readonly ExportFile[]): Uint8Array {
  const used = new Set<string>();
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    const safe = path.basename(f.fileName.replace(/\\/g, '/'));
    const name = freeName(safe === '' || safe === '.' || safe === '..' ? 'Untitled.md' : safe, used);
    used.add(key(name));
    entries[name] = strToU8(f.content);
  }
  return zipSync(entries, { level: 6 });
}
