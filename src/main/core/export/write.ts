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

/** A file system that answers "exists" for every new name must not keep the keep-both loop going. */
const MAX_NAME_ATTEMPTS = 1000;

const reasons: Record<string, string> = {
  ENOENT: 'the file system does not let Quire create files or folders there',
  EACCES: 'permission denied',
  EPERM: 'the operating system does not allow it',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'part of that path is a file, not a folder',
  EEXIST: 'a file is in the way where a folder should be',
};

/** Every failure to write the export says where, why, and what to do; the caller's loop stops there. */
function cannotWrite(root: string, e: unknown): QuireError {
  if (e instanceof QuireError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && reasons[code]) ?? (code ? `the file system reported ${code}` : String(e));
  return new QuireError('IO_ERROR', `Quire cannot write into ${root}: ${reason}. Choose another folder.`, {
    cause: e,
  });
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
 * clashing files get ` (2)`, ` (3)`…; 'overwrite': existing files are replaced. A folder Quire cannot
 * create or write into ends the export with IO_ERROR naming the folder and the reason.
 */
export async function writeExport(
  dir: string,
  files: readonly ExportFile[],
  onConflict: ConflictPolicy,
): Promise<ExportReport> {
  const root = path.resolve(dir);
  for (const f of files) targetPath(root, f.fileName);
  try {
    return await writeInto(root, files, onConflict);
  } catch (e) {
    throw cannotWrite(root, e);
  }
}

async function writeInto(
  root: string,
  files: readonly ExportFile[],
  onConflict: ConflictPolicy,
): Promise<ExportReport> {
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
      for (let attempt = 1; !(await writeNew(targetPath(root, name), f.content)); attempt++) {
        if (attempt >= MAX_NAME_ATTEMPTS) {
          throw new QuireError(
            'IO_ERROR',
            `Quire cannot write into ${root}: every name it tried for "${f.fileName}" already exists there. Choose another folder.`,
          );
        }
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
