import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportNotes } from '../../../src/main/core/export/markdown';
import { writeExport, zipExport } from '../../../src/main/core/export/write';
import { parseWikilinks } from '../../../src/main/core/notes/wikilinks';
import { readFrontMatter } from './front-matter';
import { seedContext } from './seed-context';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'quire-export-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const files = [
  { fileName: 'Timeline.md', noteId: 'n1', content: 'new timeline\n' },
  { fileName: 'Arms.md', noteId: 'n2', content: 'new arms\n' },
];

describe('writeExport', () => {
  it('creates the folder and writes every note', async () => {
    const dir = path.join(tmp, 'vault', 'nested');
    const report = await writeExport(dir, files, 'ask');
    expect(report).toEqual({
      dir,
      written: [
        { noteId: 'n1', file: 'Timeline.md' },
        { noteId: 'n2', file: 'Arms.md' },
      ],
      conflicts: [],
    });
    expect(await readFile(path.join(dir, 'Arms.md'), 'utf8')).toBe('new arms\n');
  });

  it("with 'ask', writes nothing when any file exists (ignoring case) and names the clashes", async () => {
    await writeFile(path.join(tmp, 'timeline.md'), 'mine\n');
    const report = await writeExport(tmp, files, 'ask');
    expect(report.written).toEqual([]);
    expect(report.conflicts).toEqual(['Timeline.md']);
    expect(await readdir(tmp)).toEqual(['timeline.md']);
    expect(await readFile(path.join(tmp, 'timeline.md'), 'utf8')).toBe('mine\n');
  });

  it("with 'keep-both', keeps the existing file and suffixes the new one", async () => {
    await writeFile(path.join(tmp, 'Timeline.md'), 'mine\n');
    await writeFile(path.join(tmp, 'Timeline (2).md'), 'mine too\n');
    const report = await writeExport(tmp, files, 'keep-both');
    expect(report.written).toEqual([
      { noteId: 'n1', file: 'Timeline (3).md' },
      { noteId: 'n2', file: 'Arms.md' },
    ]);
    expect(await readFile(path.join(tmp, 'Timeline.md'), 'utf8')).toBe('mine\n');
    expect(await readFile(path.join(tmp, 'Timeline (3).md'), 'utf8')).toBe('new timeline\n');
  });

  it("with 'overwrite', replaces the existing file (under its name on disk) and leaves no temp files", async () => {
    await writeFile(path.join(tmp, 'timeline.md'), 'mine\n');
    const report = await writeExport(tmp, files, 'overwrite');
    expect(report.written[0]).toEqual({ noteId: 'n1', file: 'timeline.md' });
    expect((await readdir(tmp)).sort()).toEqual(['Arms.md', 'timeline.md']);
    expect(await readFile(path.join(tmp, 'timeline.md'), 'utf8')).toBe('new timeline\n');
  });

  it('refuses file names that would escape the folder, writing nothing', async () => {
    const dir = path.join(tmp, 'out');
    await mkdir(dir);
    for (const fileName of ['../evil.md', '..', 'a/b.md', 'a\\b.md', '/etc/evil.md']) {
      await expect(
        writeExport(dir, [...files, { fileName, noteId: 'x', content: 'x' }], 'overwrite'),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(await readdir(dir)).toEqual([]);
    expect(await readdir(tmp)).toEqual(['out']);
  });
});

describe('writeExport into a folder it cannot write', () => {
  const procfs = existsSync('/proc/self');
  if (!procfs) console.log('write.test: no /proc here, so the /proc/self cases are skipped.');
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    console.log('write.test: running as root, whom folder permissions do not stop: that case is skipped.');

  // The sentence names the folder (or the first level of it that cannot be made) and says what to do.
  const cannotWrite = (dir: string) =>
    expect(writeExport(dir, files, 'keep-both')).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(
        /^Quire cannot (write into|create the folder) \/[^:]+: .+\. Choose another folder\.$/,
      ) as unknown as string,
    });

  it.skipIf(!procfs)(
    'ends with a clear error for a folder that cannot be created (/proc/self/x), at once',
    async () => {
      await cannotWrite('/proc/self/x');
      await cannotWrite('/proc/self/x/nested/deeper');
    },
  );

  it.skipIf(!procfs)('ends with a clear error for an existing folder that refuses new files', async () => {
    await cannotWrite('/proc/self');
  });

  it.skipIf(asRoot)(
    'ends with a clear error for a folder without write permission, writing nothing',
    async () => {
      const dir = path.join(tmp, 'locked');
      await mkdir(dir);
      await chmod(dir, 0o500);
      try {
        await cannotWrite(dir);
        await cannotWrite(path.join(dir, 'sub'));
      } finally {
        await chmod(dir, 0o700);
      }
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('ends with a clear error when a file stands where the folder should be', async () => {
    await writeFile(path.join(tmp, 'file'), 'x');
    await cannotWrite(path.join(tmp, 'file'));
    await cannotWrite(path.join(tmp, 'file', 'sub'));
  });
});

describe('export round trip', () => {
  it('exports notes to disk and reads them back: front matter, wikilinks and citations intact', async () => {
    const ctx = await seedContext();
    const report = await writeExport(tmp, exportNotes(ctx), 'ask');
    expect(report.written.map((w) => w.file).sort()).toEqual([
      "Arms - 'deals' 2021.md",
      'Timeline.md',
      'timeline (2).md',
    ]);

    const arms = await readFile(path.join(tmp, "Arms - 'deals' 2021.md"), 'utf8');
    const fm = readFrontMatter(arms);
    expect(fm).toMatchObject({ title: 'Arms: "deals" #2021', tags: ['arms trade', '- leading: dash'] });
    expect(arms).toContain('[[Timeline]]');
    expect(arms).toContain(
      '> — *Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?*, Ko Ye',
    );
    expect(arms).not.toContain('quire://');

    // Every link to an existing note resolves to a file that is really there, as Obsidian would look it up.
    const onDisk = new Set((await readdir(tmp)).map((f) => f.replace(/\.md$/, '')));
    const timeline = await readFile(path.join(tmp, 'Timeline.md'), 'utf8');
    const targets = parseWikilinks(timeline).map((l) => l.target);
    expect(targets).toEqual(["Arms - 'deals' 2021", 'No such note']);
    expect(onDisk.has(targets[0] ?? '')).toBe(true);
    expect(readFrontMatter(timeline).title).toBe('Timeline');
  });
});

describe('zipExport', () => {
  it('packs the files into a zip that unpacks to the same names and text', async () => {
    const ctx = await seedContext();
    const exported = exportNotes(ctx);
    const unzipped = unzipSync(zipExport(exported));
    expect(Object.keys(unzipped).sort()).toEqual(exported.map((f) => f.fileName).sort());
    for (const f of exported) expect(strFromU8(unzipped[f.fileName] ?? new Uint8Array())).toBe(f.content);
  });
});
