import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQuireIn, type CliRun } from '../helpers/cli';
import { seedsDir, tempDir } from '../helpers/notebook';

type Run = CliRun;

describe('quire export <format> and quire import-qdpx | import-qdc | import-notes | import-refs', () => {
  let root: string;
  let notebook: string;
  const quire = (...argv: string[]): Promise<Run> => runQuireIn(root, ...argv);
  const json = <T>(run: Run): T => JSON.parse(run.out.join('\n')) as T;

  beforeEach(async () => {
    root = await tempDir('quire-cli-exchange-');
    notebook = join(root, 'nb');
    expect((await quire('import', '--notebook', notebook, seedsDir)).code).toBe(0);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes every format, each where --out says, with a --json report', async () => {
    const cases = [
      ['obsidian', 'vault', 'vault/.quire/export.json'],
      ['markdown', 'notes', 'notes'],
      ['csv', 'tables', 'tables/coded-segments.csv'],
      ['xlsx', 'segments.xlsx', 'segments.xlsx'],
      ['qdpx', 'project.qdpx', 'project.qdpx'],
      ['qdc', 'codebook.qdc', 'codebook.qdc'],
      ['bibtex', 'refs.bib', 'refs.bib'],
      ['csljson', 'refs.json', 'refs.json'],
    ] as const;
    for (const [format, out, made] of cases) {
      const run = await quire('export', format, '--notebook', notebook, '--out', join(root, out), '--json');
      expect(run.code, `${format}: ${run.err.join('\n')}`).toBe(0);
      expect(json<{ format: string }>(run).format).toBe(format);
      await stat(join(root, made));
    }
    const bib = await readFile(join(root, 'refs.bib'), 'utf8');
    expect(bib.match(/^@/gm)).toHaveLength(2);
    // A second export into the same file is refused without a flag, and nothing is written.
    const again = await quire('export', 'bibtex', '--notebook', notebook, '--out', join(root, 'refs.bib'));
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/already exist.*--overwrite or --keep-both/);
    // The vault, though, is updated in place.
    const vault = await quire('export', 'obsidian', '--notebook', notebook, '--out', join(root, 'vault'));
    expect(vault.code).toBe(0);
    expect(vault.out[0]).toMatch(/0 new, 0 updated, \d+ unchanged/);
  });

  it('exports a project and imports it into a new notebook, listing what it holds', async () => {
    const file = join(root, 'project.qdpx');
    expect((await quire('export', 'qdpx', '--notebook', notebook, '--out', file)).code).toBe(0);
    const run = await quire('import-qdpx', '--notebook', join(root, 'fresh'), '--json', file);
    expect(run.code).toBe(0);
    expect(json<{ articles: { created: number } }>(run).articles.created).toBe(2);
    const list = json<{ articles: unknown[] }>(
      await quire('list', '--notebook', join(root, 'fresh'), '--json'),
    );
    expect(list.articles).toHaveLength(2);

    const qdc = join(root, 'book.qdc');
    expect((await quire('export', 'qdc', '--notebook', notebook, '--out', qdc)).code).toBe(0);
    expect((await quire('import-qdc', '--notebook', join(root, 'fresh'), qdc)).code).toBe(0);
  });

  it('imports references and notes; a malformed BibTeX is exit 1 with one line, bad usage exit 2', async () => {
    const bib = join(root, 'fix.bib');
    await writeFile(bib, '@article{k, title={The Ties of Myanmar with Russia}, author={Fomin, Vladimir}}\n');
    const refs = await quire('import-refs', '--notebook', notebook, bib);
    expect(refs.code).toBe(0);
    expect(refs.out[0]).toMatch(/1 reference in “fix.bib”: 1 article updated/);
    expect(refs.out.join('\n')).toMatch(/author: .* → Vladimir Fomin/);

    await writeFile(bib, '@article{k, title={unclosed\n');
    const bad = await quire('import-refs', '--notebook', notebook, bib);
    expect(bad.code).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^quire: “fix.bib” is not valid BibTeX/);

    const vault = join(root, 'v');
    await import('node:fs/promises').then((fs) => fs.mkdir(vault));
    await writeFile(join(vault, 'Idea.md'), '# Idea\n\n[[Other]]\n');
    const notes = await quire('import-notes', '--notebook', notebook, '--json', vault);
    expect(notes.code).toBe(0);
    expect(json<{ imported: { title: string }[] }>(notes).imported.map((i) => i.title)).toEqual(['Idea']);

    expect((await quire('export', 'pdf', '--notebook', notebook, '--out', root)).code).toBe(2);
    expect((await quire('export', 'csv', '--notebook', notebook)).code).toBe(2);
    expect((await quire('export', 'obsidian', '--out', root, '--style', 'nope')).code).toBe(2);
    expect((await quire('import-qdpx', '--notebook', notebook)).code).toBe(2);
  });
});
