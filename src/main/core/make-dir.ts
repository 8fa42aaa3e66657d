// `mkdir -p` that always ends. Node's own (`mkdir(dir, { recursive: true })`) loops forever, at 100% CPU and
// holding one of libuv's four threads, where mkdir answers ENOENT for a child of a folder that exists, as /proc and
// /sys do: four such calls would stall every file operation of the process. Here each missing level is created
// once, from the top down, and an answer that cannot be right ends it with a sentence.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QuireError } from './errors';

export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const kind = await kindOf(at);
    if (kind === 'folder') break;
    if (kind === 'other') {
      // The same error fs.mkdir gives for a file in the way.
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), {
        code: 'ENOTDIR',
        path: at,
      });
    }
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    try {
      await fs.mkdir(level);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await kindOf(level)) === 'folder') continue;
      if (code !== 'ENOENT' && code !== 'EEXIST') throw e;
      throw new QuireError(
        'IO_ERROR',
        `Quire cannot create the folder ${level}: that place does not hold folders (a system folder such as ` +
          '/proc, or a link to something that is gone). Choose another folder.',
        { cause: e },
      );
    }
  }
}

async function kindOf(p: string): Promise<'folder' | 'other' | 'missing'> {
  try {
    return (await fs.stat(p)).isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'other';
    throw e;
  }
}
