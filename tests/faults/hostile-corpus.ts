// The files an importer must survive, laid out in a temp folder: gen-corpus's `--hostile` set plus what a
// folder walk and a file read can meet on a real disk (devices, FIFOs, symlink loops, a file that vanishes,
// a 10 MB token, HTML nested 100,000 deep). Shared by tests/faults/hostile-files.test.ts and
// scripts/faults/hostile.ts. Every file says what the importer must do with it.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_IMPORT_BYTES } from '../../src/main/core/import/extract';

export const sharedDir = resolve(import.meta.dirname, '../../../shared');
const genCorpus = join(sharedDir, 'tools', 'gen-corpus.mjs');

export type Expectation = 'import' | 'refuse';

export interface HostileFile {
  /** As the import report names it (the absolute path). */
  path: string;
  what: string;
  expect: Expectation;
  /** For refusals: what the reason must say, so a refusal for the wrong reason is caught. */
  reason?: RegExp;
  /** What to import to reach it on its own, when that is not the file itself (a folder to walk). */
  via?: string;
  /**
   * Big enough that on a slow or busy machine the extractor's per-file time limit may stop it: refused with
   * that reason is then as good as imported (the limit is how a file is kept from taking the import hostage).
   */
  mayTimeOut?: boolean;
}

export interface HostileCorpus {
  /** What to pass to importPaths: folders to walk and files named directly. */
  paths: string[];
  files: HostileFile[];
  /** Delete this file once the import has started: it was listed by the walk but is gone when read. */
  vanishing: string;
  /** Cases that could not be set up here, each with the reason (printed by the caller). */
  skipped: string[];
}

const manifestSchema = z.array(z.object({ file: z.string(), what: z.string(), expect: z.string() }));

/** `big`: gen-corpus's `--hostile-big` (a 30 MB text), more articles, and a file past the size limit. */
export async function buildHostileCorpus(
  root: string,
  options: { big?: boolean } = {},
): Promise<HostileCorpus> {
  const corpus = join(root, 'corpus');
  const extra = join(root, 'extra');
  await mkdir(extra, { recursive: true });
  execFileSync(
    process.execPath,
    [
      genCorpus,
      '--out',
      corpus,
      '--n',
      options.big ? '200' : '6',
      options.big ? '--hostile-big' : '--hostile',
    ],
    { stdio: 'ignore' },
  );
  const files: HostileFile[] = [];
  const skipped: string[] = [];

  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(corpus, 'hostile', 'manifest.json'), 'utf8')),
  );
  for (const entry of manifest) {
    const path = join(corpus, 'hostile', entry.file);
    files.push({
      path,
      what: entry.what,
      expect: entry.expect.startsWith('refuse') ? 'refuse' : 'import',
      mayTimeOut: (await stat(path)).size > 20 * 1024 * 1024,
    });
  }
  const articles = z
    .array(z.object({ file: z.string() }))
    .parse(JSON.parse(await readFile(join(corpus, 'manifest.json'), 'utf8')));
  for (const a of articles)
    files.push({ path: join(corpus, a.file), what: 'ordinary article', expect: 'import' });

  const token = join(extra, 'token-10mb.txt');
  await writeFile(
    token,
    `One Very Long Token\n\nMyanmar and Russia signed a defence agreement on Tuesday, officials said.\n\n` +
      `${'q'.repeat(10 * 1024 * 1024)}\n\nThe deal covers six fighter jets, the ministry added in a statement.\n`,
  );
  files.push({ path: token, what: 'a single 10 MB token', expect: 'import' });

  const deep = join(extra, 'nested-100k.html');
  const depth = 100_000;
  await writeFile(
    deep,
    `<!doctype html><html><head><title>Nested</title></head><body>${'<div>'.repeat(depth)}` +
      `<p>Myanmar and Russia signed a defence agreement on Tuesday, officials in Naypyitaw said.</p>` +
      `${'</div>'.repeat(depth)}</body></html>`,
  );
  files.push({ path: deep, what: 'HTML nested 100,000 levels deep', expect: 'import' });

  const vanishing = join(extra, 'zz-vanishes.txt');
  await writeFile(
    vanishing,
    'A Story That Vanishes\n\nThis file is deleted after the walk lists it and before it is read.\n',
  );
  files.push({
    path: vanishing,
    what: 'deleted between the walk and the read',
    expect: 'refuse',
    reason: /File not found/,
  });

  if (process.platform === 'win32') {
    skipped.push(
      'symlink cycle, /dev/zero and FIFO: Windows has no /dev/zero or mkfifo, and symlinks need admin rights',
    );
  } else {
    const loop = join(extra, 'loop');
    await mkdir(join(loop, 'inner'), { recursive: true });
    await writeFile(
      join(loop, 'inner', 'story.txt'),
      'Inside A Loop\n\nThis story sits inside a folder that links back to itself, twice over.\n',
    );
    await symlink(loop, join(loop, 'inner', 'back-up'), 'dir');
    await symlink(join(loop, 'inner'), join(loop, 'inner-again'), 'dir');
    files.push({
      path: join(loop, 'inner', 'story.txt'),
      what: 'inside a symlink cycle',
      expect: 'import',
      via: loop,
    });

    files.push({
      path: '/dev/zero',
      what: 'a device that never ends',
      expect: 'refuse',
      reason: /a device, not a file/,
    });
    const fifo = join(root, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    files.push({ path: fifo, what: 'a FIFO with no writer', expect: 'refuse', reason: /named pipe/ });
    const fifoInFolder = join(extra, 'pipe-in-folder.txt');
    execFileSync('mkfifo', [fifoInFolder]);
    files.push({
      path: fifoInFolder,
      what: 'a FIFO met by the folder walk',
      expect: 'refuse',
      reason: /named pipe/,
    });
  }

  if (options.big) {
    const tooLarge = join(extra, 'too-large.txt');
    await writeFile(tooLarge, '');
    await truncate(tooLarge, MAX_IMPORT_BYTES + 1);
    files.push({
      path: tooLarge,
      what: 'one byte past the size limit',
      expect: 'refuse',
      reason: /up to 50 MB/,
    });
  }

  const direct = files
    .filter((f) => !f.path.startsWith(corpus) && !f.path.startsWith(extra))
    .map((f) => f.path);
  return { paths: [corpus, extra, ...direct], files, vanishing, skipped };
}

/** How one file fared in an import report. */
export interface Outcome {
  outcome: 'imported' | 'duplicate' | 'failed' | 'missing';
  reason: string;
}

export interface ImportReportLike {
  imported: { file: string }[];
  duplicates: { file: string }[];
  failed: { file: string; error: string }[];
}

export function outcomeOf(report: ImportReportLike, path: string): Outcome {
  const failed = report.failed.find((f) => f.file === path);
  if (failed) return { outcome: 'failed', reason: failed.error };
  if (report.imported.some((f) => f.file === path)) return { outcome: 'imported', reason: '' };
  if (report.duplicates.some((f) => f.file === path)) return { outcome: 'duplicate', reason: '' };
  return { outcome: 'missing', reason: 'not in the import report' };
}

/**
 * What is wrong with how a file fared: an empty list when it matches its expectation. A refusal must carry a
 * human reason (a sentence, not an internal error), and an import must be whole.
 */
export function problemsWith(file: HostileFile, got: Outcome): string[] {
  if (file.expect === 'import') {
    const stoppedByLimit = file.mayTimeOut === true && /took longer than/.test(got.reason);
    return got.outcome === 'imported' || got.outcome === 'duplicate' || stoppedByLimit
      ? []
      : [`${file.what}: expected it imported, got ${got.outcome} (${got.reason})`];
  }
  if (got.outcome !== 'failed') return [`${file.what}: expected a refusal, got ${got.outcome}`];
  const problems: string[] = [];
  if (!/^[A-Z“"].{10,}[.)]$/s.test(got.reason))
    problems.push(`${file.what}: reason is not a sentence: ${got.reason}`);
  if (/Something went wrong inside Quire|INTERNAL/.test(got.reason))
    problems.push(`${file.what}: refused with an internal error: ${got.reason}`);
  if (file.reason && !file.reason.test(got.reason))
    problems.push(`${file.what}: reason should match ${String(file.reason)}: ${got.reason}`);
  return problems;
}
