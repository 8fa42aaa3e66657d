import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestNotebook, seedFiles, seedsDir, type TestNotebook } from '../../helpers/notebook';

describe('the research loop through the API (import → search → tag → note → export)', () => {
  let nb: TestNotebook;
  beforeEach(async () => {
    nb = await openTestNotebook();
  });
  afterEach(() => nb.cleanup());

  async function importSeeds() {
    const report = await nb.call('importPaths', { paths: [seedsDir] });
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(2);
    const visit = report.imported.find((i) => i.file.endsWith('003_0bc413b256a4f06c.txt'));
    if (!visit) throw new Error('seed 003 missing from the report');
    return visit.id;
  }

  it('imports a folder, reports duplicates and failures, and the rest of the batch goes on', async () => {
    await importSeeds();
    const odd = join(nb.root, 'odd');
    await mkdir(odd);
    await writeFile(join(odd, 'empty.txt'), '');
    await writeFile(
      join(odd, 'picture.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    await writeFile(
      join(odd, 'fine.md'),
      '---\ntitle: A fine note\nauthor: Jane Roe\n---\n\nA body paragraph that says something.\n',
    );
    const report = await nb.call('importPaths', { paths: [seedFiles.ties, odd] });
    expect(report.duplicates.map((d) => d.file)).toEqual([seedFiles.ties]);
    expect(report.imported.map((i) => i.title)).toEqual(['A fine note']);
    expect(report.failed.map((f) => f.file).sort()).toEqual([
      join(odd, 'empty.txt'),
      join(odd, 'picture.txt'),
    ]);
    for (const f of report.failed) expect(f.error).toMatch(/^[A-Z].{10,}\.$/);
    expect((await nb.call('articleList', {})).length).toBe(3);
  });

  it('keeps the original bytes and shows clean text with stable passage ids', async () => {
    const id = await importSeeds();
    const view = await nb.call('articleGet', { id });
    expect(view.article.title).toBe(
      'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?',
    );
    expect(view.text).toContain('Alexander Fomin remarked');
    expect(view.text).not.toContain('Share on Facebook');
    for (const p of view.passages) expect(view.text.slice(p.start, p.end)).toBe(p.text);
    const original = await nb.core.session().store.readSource(view.article.sourceHash);
    expect(Buffer.from(original).equals(await readFile(seedFiles.visit))).toBe(true);
  });

  it('finds Fomin when the researcher types Fomen, with the match marked', async () => {
    const id = await importSeeds();
    const r = await nb.call('search', { query: 'Fomen' });
    expect(r.total).toBeGreaterThan(0);
    expect(r.groups[0]).toMatchObject({ kind: 'article', id });
    expect(r.corrections).toContain('fomen → fomin');
    const hit = r.groups[0]?.hits[0];
    expect(hit?.snippet).toContain('Fomin');
    const [start, end] = hit?.marks[0] ?? [0, 0];
    expect(hit?.snippet.slice(start, end)).toBe('Fomin');
  });

  it('tags a passage, lists it under the tag, cites it in a note, and shows backlinks both ways', async () => {
    const id = await importSeeds();
    const view = await nb.call('articleGet', { id });
    const quote = 'Alexander Fomin remarked';
    const start = view.text.indexOf(quote);
    const h = await nb.call('highlightCreate', {
      articleId: id,
      start,
      end: start + quote.length,
      tagNames: ['arms-trade'],
    });
    expect(h.quote.exact).toBe(quote);
    expect(h.passageId).toBe(view.passages.find((p) => p.start <= start && start < p.end)?.id);

    const overlap = await nb.call('highlightCreate', {
      articleId: id,
      start: start + 10,
      end: start + 40,
      tagNames: ['Russia'],
    });
    expect(overlap.position.start).toBeLessThan(h.position.end);
    const tags = await nb.call('tagList', {});
    expect(tags.map((t) => [t.name, t.count])).toEqual([
      ['arms-trade', 1],
      ['Russia', 1],
    ]);
    const tagged = await nb.call('tagPassages', { id: h.tagIds[0] ?? '' });
    expect(tagged.map((t) => t.highlight.quote.exact)).toEqual([quote]);

    const deals = await nb.call('noteCreate', { title: 'Arms deals' });
    const ties = await nb.call('noteCreate', {
      title: 'Russia ties',
      body: 'See [[Arms deals]] and [[Nobody yet]].\n',
    });
    const { markdown } = await nb.call('citationFor', { highlightId: h.id });
    await nb.call('noteUpdate', { id: ties.id, body: `${ties.body}\n${markdown}` });

    const dealsView = await nb.call('noteGet', { id: deals.id });
    expect(dealsView.backlinks).toMatchObject([{ noteId: ties.id, kind: 'link' }]);
    const tiesView = await nb.call('noteGet', { id: ties.id });
    expect(tiesView.missingLinks).toEqual(['Nobody yet']);
    const article = await nb.call('articleGet', { id });
    expect(article.backlinks).toMatchObject([{ noteId: ties.id, kind: 'citation' }]);
    expect((await nb.call('articleList', {})).find((a) => a.id === id)?.tagCount).toBe(2);
  });

  it('renaming a note rewrites links to it; deleting can be undone', async () => {
    const target = await nb.call('noteCreate', { title: 'Arms deals' });
    const linker = await nb.call('noteCreate', {
      title: 'Index',
      body: 'Read [[arms deals]] and [[Arms deals|the deals]].',
    });
    const { notesUpdated } = await nb.call('noteRename', { id: target.id, title: 'Weapons contracts' });
    expect(notesUpdated).toBe(1);
    expect((await nb.call('noteGet', { id: linker.id })).note.body).toBe(
      'Read [[Weapons contracts]] and [[Weapons contracts|the deals]].',
    );
    await expect(nb.call('noteCreate', { title: 'weapons CONTRACTS' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    await nb.call('noteDelete', { id: target.id });
    expect(await nb.call('noteFindByTitle', { title: 'Weapons contracts' })).toBeNull();
    await nb.call('trashRestore', { id: target.id });
    expect((await nb.call('noteFindByTitle', { title: 'weapons contracts' }))?.id).toBe(target.id);
  });

  it('exports notes as Markdown with front matter and a readable citation; never overwrites without asking', async () => {
    const id = await importSeeds();
    const view = await nb.call('articleGet', { id });
    const start = view.text.indexOf('In 2001, the Tatmadaw purchased');
    const h = await nb.call('highlightCreate', {
      articleId: id,
      start,
      end: start + 60,
      tagNames: ['procurement'],
    });
    const { markdown } = await nb.call('citationFor', { highlightId: h.id });
    await nb.call('noteCreate', { title: 'Arms deals', body: `Links to [[Russia ties]].\n\n${markdown}` });
    await nb.call('noteCreate', { title: 'Russia ties', body: 'Back to [[Arms deals]].' });

    const out = join(nb.root, 'export');
    const first = await nb.call('exportMarkdown', { dir: out });
    expect(first.written.map((w) => w.file).sort()).toEqual(['Arms deals.md', 'Russia ties.md']);
    const deals = await readFile(join(out, 'Arms deals.md'), 'utf8');
    expect(deals).toMatch(/^---\ntitle: "Arms deals"\n/);
    expect(deals).toMatch(/tags:\n {2}- "procurement"/);
    expect(deals).toContain('[[Russia ties]]');
    expect(deals).toContain('> In 2001, the Tatmadaw purchased');
    expect(deals).toMatch(
      /> — \*Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation\?\*, Ko Ye, The Irrawaddy, 2017-06-24/,
    );
    expect(deals).not.toContain('quire://');

    const second = await nb.call('exportMarkdown', { dir: out });
    expect(second.written).toEqual([]);
    expect(second.conflicts.sort()).toEqual(['Arms deals.md', 'Russia ties.md']);
    const both = await nb.call('exportMarkdown', { dir: out, onConflict: 'keep-both' });
    expect(both.written).toHaveLength(2);
    expect((await readdir(out)).sort()).toEqual([
      'Arms deals (2).md',
      'Arms deals.md',
      'Russia ties (2).md',
      'Russia ties.md',
    ]);

    const zip = await nb.call('exportMarkdownZip', {});
    expect(zip.count).toBe(2);
    expect(zip.fileName).toMatch(/\.zip$/);
  });

  it('survives a restart: articles, tags, notes and the search index come back', async () => {
    const id = await importSeeds();
    const view = await nb.call('articleGet', { id });
    await nb.call('highlightCreate', {
      articleId: id,
      start: view.passages[1]?.start ?? 0,
      end: view.passages[1]?.end ?? 1,
      tagNames: ['kept'],
    });
    await nb.call('noteCreate', { title: 'Kept note', body: 'Still here.' });
    await nb.core.close();
    await nb.core.open(nb.dir, { create: false });
    expect((await nb.call('articleList', {})).length).toBe(2);
    expect((await nb.call('tagList', {})).map((t) => t.name)).toEqual(['kept']);
    expect((await nb.call('noteList', {})).map((n) => n.title)).toEqual(['Kept note']);
    expect((await nb.call('search', { query: 'Tatmadaw' })).total).toBeGreaterThan(0);
  });

  it('refuses a second import while one runs, and cancelling keeps what was imported', async () => {
    const first = nb.call('importPaths', { paths: [seedsDir] });
    await expect(nb.call('importPaths', { paths: [seedFiles.ties] })).rejects.toMatchObject({
      code: 'IMPORT_BUSY',
    });
    await first;
    const third = await nb.call('importCancel', {});
    expect(third.cancelled).toBe(false);
  });
});
