import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { runQuireIn, type CliRun } from '../helpers/cli';
import { seedFiles, seedsDir, tempDir } from '../helpers/notebook';

type Run = CliRun;

describe('quire CLI', () => {
  let root: string;
  let notebook: string;
  const quire = (...argv: string[]): Promise<Run> => runQuireIn(root, ...argv);
  const json = (run: Run): unknown => JSON.parse(run.out.join('\n'));

  beforeEach(async () => {
    root = await tempDir('quire-cli-');
    notebook = join(root, 'nb');
  });

  afterEach(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(root, { recursive: true, force: true });
  });

  it('imports files and folders, reporting duplicates and failures, exit 0', async () => {
    const empty = join(root, 'empty.txt');
    await writeFile(empty, '   \n');
    const first = await quire('import', '--notebook', notebook, '--json', seedsDir);
    expect(first.code).toBe(0);
    const report = json(first) as { imported: { id: string; file: string; title: string }[] };
    expect(report.imported.map((i) => i.title).sort()).toEqual([
      'The Ties of Myanmar with Russia',
      'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?',
    ]);
    const again = await quire('import', '--notebook', notebook, '--json', seedFiles.ties, empty);
    expect(again.code).toBe(0);
    expect(json(again)).toMatchObject({
      imported: [],
      duplicates: [{ file: seedFiles.ties }],
      failed: [{ file: empty }],
    });
  });

  it('lists, shows and searches with the documented JSON shapes', async () => {
    await quire('import', '--notebook', notebook, seedsDir);
    const list = json(await quire('list', '--notebook', notebook, '--json')) as {
      articles: Record<string, unknown>[];
    };
    expect(list.articles).toHaveLength(2);
    const visit = list.articles.find((a) => a.source === 'The Irrawaddy');
    expect(visit).toMatchObject({ author: 'Ko Ye', published: '2017-06-24' });
    expect(Object.keys(visit ?? {})).toEqual(
      expect.arrayContaining(['id', 'title', 'author', 'published', 'source', 'words']),
    );

    const show = json(await quire('show', '--notebook', notebook, '--json', String(visit?.id))) as Record<
      string,
      unknown
    >;
    expect(show).toMatchObject({ id: visit?.id, title: visit?.title, url: null });
    expect((show.passages as { id: string; text: string }[])[0]).toEqual({
      id: expect.any(String),
      text: expect.any(String),
    });
    const text = await quire('show', '--notebook', notebook, '--text', String(visit?.id));
    expect(text.out.join('\n')).toBe(show.text);

    const search = json(await quire('search', '--notebook', notebook, '--json', '--limit', '3', 'Fomen')) as {
      query: string;
      total: number;
      results: Record<string, unknown>[];
    };
    expect(search.query).toBe('Fomen');
    expect(search.results[0]).toMatchObject({ articleId: visit?.id, title: visit?.title });
    expect(String(search.results[0]?.snippet)).toContain('Fomin');
  });

  it('returns every passage it counts: --json totals match its results, text says how many more', async () => {
    await quire('import', '--notebook', notebook, seedsDir);
    const search = json(await quire('search', '--notebook', notebook, '--json', 'Fomen')) as {
      total: number;
      passageTotal: number;
      returned: { groups: number; passages: number };
      groups: { hitTotal: number; returned: number }[];
      results: unknown[];
    };
    // Fomin is named in several passages of both seeds: more than the three per article the UI shows at first.
    expect(search.passageTotal).toBeGreaterThan(2 * 3 - 1);
    expect(search.returned).toEqual({ groups: search.total, passages: search.passageTotal });
    expect(search.results).toHaveLength(search.passageTotal);
    for (const g of search.groups) expect(g.returned).toBe(g.hitTotal);

    const text = await quire('search', '--notebook', notebook, '--hits', '1', 'Fomen');
    expect(text.code).toBe(0);
    const more = text.out.filter((l) => /… \d+ more passages? \(--hits \d+ shows them all\)/.test(l));
    expect(more).toHaveLength(search.groups.filter((g) => g.hitTotal > 1).length);
    expect((await quire('search', '--notebook', notebook, '--hits', '0', 'Fomen')).code).toBe(2);
  });

  it('answers many queries in one process, one JSON line each', async () => {
    await quire('import', '--notebook', notebook, seedsDir);
    const queries = join(root, 'queries.txt');
    await writeFile(queries, 'Fomen\nSukhoi\n\nTatmadaw MiG\n');
    const run = await quire('search', '--notebook', notebook, '--json', '--queries', queries);
    expect(run.code).toBe(0);
    expect(run.out.map((l) => (JSON.parse(l) as { query: string }).query)).toEqual([
      'Fomen',
      'Sukhoi',
      'Tatmadaw MiG',
    ]);
  });

  it('extract prints exactly what import would store, without a notebook', async () => {
    const extracted = json(await quire('extract', '--json', seedFiles.visit)) as Record<string, unknown>;
    await quire('import', '--notebook', notebook, seedFiles.visit);
    const [article] = (
      json(await quire('list', '--notebook', notebook, '--json')) as { articles: { id: string }[] }
    ).articles;
    const shown = json(await quire('show', '--notebook', notebook, '--json', article?.id ?? '')) as Record<
      string,
      unknown
    >;
    for (const key of ['title', 'author', 'published', 'source', 'url', 'text', 'passages', 'blocks']) {
      expect(shown[key], key).toEqual(extracted[key]);
    }
  });

  it('exports notes and refuses to overwrite without a flag', async () => {
    await quire('import', '--notebook', notebook, seedsDir);
    const out = join(root, 'export');
    const empty = await quire('export', 'markdown', '--notebook', notebook, '--out', out);
    expect(empty.code).toBe(0);
    expect(empty.out.join('')).toMatch(/Exported 0 notes/);
  });

  it('uses exit code 2 for bad usage and 1 for notebook errors, with one readable line', async () => {
    expect((await quire()).code).toBe(2);
    expect((await quire('frobnicate')).code).toBe(2);
    expect((await quire('list', '--bogus')).code).toBe(2);
    expect((await quire('search', '--notebook', notebook, '--limit', 'x', 'q')).code).toBe(2);
    const missing = await quire('list', '--notebook', join(root, 'nothing-here'));
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^quire: No Quire notebook in /);
    const gone = await quire('extract', join(root, 'missing.txt'));
    expect(gone.code).toBe(1);
    expect(gone.err[0]).toMatch(/not found/i);
  });

  it('uses QUIRE_NOTEBOOK when no --notebook is given', async () => {
    const out: string[] = [];
    const code = await runCli(['import', '--json', seedFiles.ties], {
      platform: { platform: 'linux', env: { QUIRE_NOTEBOOK: notebook }, home: root },
      stdout: (l) => out.push(l),
      stderr: () => undefined,
      untilStopped: async () => undefined,
    });
    expect(code).toBe(0);
    const list = json(await quire('list', '--notebook', notebook, '--json')) as { articles: unknown[] };
    expect(list.articles).toHaveLength(1);
  });
});

describe('quire beside a running app or server', () => {
  it('reads a notebook another Quire holds (read-only, and says so), and refuses to import into it', async () => {
    const { createServices } = await import('../../src/main/core/app/create');
    const root = await tempDir('quire-cli-beside-');
    const notebook = join(root, 'nb');
    const holder = createServices({ appVersion: 'test', userDataDir: join(root, 'holder') });
    await holder.core.open(notebook, { create: true });
    await holder.api.importPaths({ paths: [seedFiles.ties] });
    const run = (...argv: string[]) => runQuireIn(root, ...argv);
    const list = await run('list', '--notebook', notebook);
    expect(list.code).toBe(0);
    expect(list.out.join('\n')).toContain('The Ties of Myanmar with Russia');
    expect(list.err.join('\n')).toMatch(/open read-only here/);
    const search = await run('search', '--notebook', notebook, 'Fomen');
    expect(search.code).toBe(0);
    const imported = await run('import', '--notebook', notebook, seedFiles.visit);
    expect(imported.code).toBe(1);
    expect(imported.err.join('\n')).toMatch(/open in/i);
    await holder.core.close();
    const { rm } = await import('node:fs/promises');
    await rm(root, { recursive: true, force: true });
  });
});
