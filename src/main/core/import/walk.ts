import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { isSupportedFile } from './extract';

export interface CollectedFiles {
  files: string[];
  skipped: { file: string; error: string }[];
}

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/**
 * The files an import of `paths` should read. Files named directly are taken as given (an unsupported one
 * is then reported by extractFile); folders are walked for supported files, skipping hidden entries.
 * Folders are identified by their real path, so symlink loops end instead of recursing forever.
 */
export async function collectImportFiles(paths: string[]): Promise<CollectedFiles> {
  const files = new Set<string>();
  const skipped: { file: string; error: string }[] = [];
  const visited = new Set<string>();

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ file: dir, error: describe(e) });
      return;
    }
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const full = path.join(dir, entry.name);
      let stat;
      try {
        stat = await fs.stat(full);
      } catch {
        continue; // a dangling symlink inside a folder is not something the researcher asked for
      }
      if (stat.isDirectory()) await walk(full);
      // A FIFO or device with an article's name is offered too: the reader refuses it with a reason, so the
      // researcher sees why it was not imported instead of it silently missing.
      else if (isSupportedFile(entry.name)) files.add(path.resolve(full));
    }
  }

  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (e) {
      skipped.push({ file: p, error: describe(e) });
      continue;
    }
    if (stat.isDirectory()) await walk(p);
    else files.add(path.resolve(p));
  }
  return { files: [...files].sort(), skipped };
}

function describe(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'File or folder not found.';
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied: check that you can read it.';
  if (code === 'ELOOP') return 'This path is a loop of symbolic links.';
  return 'This file or folder could not be read.';
}
