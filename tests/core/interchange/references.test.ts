import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CitationRenderer } from '../../../src/main/core/references/csl';
import { citationStyleIds } from '../../../src/main/core/references/style-list';
import { openTestNotebook, seedsDir, type TestNotebook } from '../../helpers/notebook';

const TIES = 'The Ties of Myanmar with Russia';

describe('references: BibTeX and CSL-JSON out, BibTeX / CSL-JSON / RIS in', () => {
  let nb: TestNotebook;
  let ids: { ties: string; other: string };
  beforeEach(async () => {
    nb = await openTestNotebook();
    const r = await nb.call('importPaths', { paths: [seedsDir] });
    const list = nb.core.session().store.list('article');
    const ties = list.find((a) => a.title === TIES)?.id ?? '';
    const other = r.imported.find((i) => i.id !== ties)?.id ?? '';
    ids = { ties, other };
    await nb.call('articleUpdateMeta', {
      id: ties,
      author: 'Vladimir Fomin; Aung Thu',
      published: '2019-03-04',
      source: 'The Irrawaddy',
      url: 'https://www.irrawaddy.com/news/ties.html',
    });
  });
  afterEach(() => nb.cleanup());

  const read = (name: string) => readFile(join(nb.root, name), 'utf8');

  it('BibTeX parses back (citation-js) to the articles’ metadata, Zotero-style keys included', async () => {
    const out = join(nb.root, 'refs.bib');
    await nb.call('exportTo', { format: 'bibtex', out, articles: 'selected', articleIds: [ids.ties] });
    const bib = await read('refs.bib');
    expect(bib).toMatch(/^@article\{fomin2019ties,/m);
    const [item] = new Cite(bib).data as Record<string, unknown>[];
    expect(item).toMatchObject({
      title: TIES,
      author: [
        { family: 'Fomin', given: 'Vladimir' },
        { family: 'Thu', given: 'Aung' },
      ],
      issued: { 'date-parts': [[2019, 3, 4]] },
      'container-title': 'The Irrawaddy',
      URL: 'https://www.irrawaddy.com/news/ties.html',
    });
  });

  it('CSL-JSON of all articles parses back to every article', async () => {
    const out = join(nb.root, 'refs.json');
    await nb.call('exportTo', { format: 'csljson', out });
    const items = JSON.parse(await read('refs.json')) as Record<string, unknown>[];
    const articles = nb.core.session().store.list('article');
    expect(items.map((i) => i.title).sort()).toEqual(articles.map((a) => a.title).sort());
    expect(items.find((i) => i.title === TIES)).toMatchObject({
      URL: 'https://www.irrawaddy.com/news/ties.html',
      issued: { 'date-parts': [[2019, 3, 4]] },
    });
  });

  it('only the articles cited in the chosen notes, when asked', async () => {
    const view = await nb.call('articleGet', { id: ids.ties });
    const h = await nb.call('highlightCreate', {
      articleId: ids.ties,
      start: view.passages[1]?.start ?? 0,
      end: (view.passages[1]?.start ?? 0) + 20,
      tagIds: [],
    });
    const cite = await nb.call('citationFor', { highlightId: h.id });
    const note = await nb.call('noteCreate', { title: 'n', body: cite.markdown });
    await nb.call('noteCreate', { title: 'other', body: 'nothing cited' });
    const out = join(nb.root, 'cited.json');
    await nb.call('exportTo', { format: 'csljson', out, articles: 'cited', noteIds: [note.id] });
    const items = JSON.parse(await read('cited.json')) as { title: string }[];
    expect(items.map((i) => i.title)).toEqual([TIES]);
  });

  it('a BibTeX file corrects two articles, matched by URL and by title, as one undo step', async () => {
    const other = nb.core.session().store.get('article', ids.other);
    const bib = `@article{a, title={${TIES}}, author={Fomin, Vladimir}, date={2019-03-05}, url={http://irrawaddy.com/news/ties.html/?utm_source=x}}
@article{b, title={${other?.title ?? ''}}, author={Roe, Jane}, journaltitle={Frontier Myanmar}, date={2020-01-02}}
@article{c, title={Nothing like this in the notebook}, author={Nobody}}
`;
    await writeFile(join(nb.root, 'fix.bib'), bib);
    const r = await nb.call('importRefs', { file: { path: join(nb.root, 'fix.bib') } });
    expect(r.items.map((i) => [i.reference, i.status, i.matchedBy])).toEqual([
      ['a', 'updated', 'url'],
      ['b', 'updated', 'title'],
      ['c', 'unmatched', null],
    ]);
    expect(r.items[0]?.changes).toEqual([
      { field: 'author', from: 'Vladimir Fomin; Aung Thu', to: 'Vladimir Fomin' },
      { field: 'published', from: '2019-03-04', to: '2019-03-05' },
      {
        field: 'url',
        from: 'https://www.irrawaddy.com/news/ties.html',
        to: 'http://irrawaddy.com/news/ties.html/?utm_source=x',
      },
    ]);
    const s = nb.core.session();
    expect(s.store.get('article', ids.other)).toMatchObject({
      author: 'Jane Roe',
      source: 'Frontier Myanmar',
      published: '2020-01-02',
    });
    const undo = await nb.call('undo', {});
    expect(undo.label).toBe('Import references from “fix.bib”');
    expect(nb.core.session().store.get('article', ids.other)?.author).toBe(other?.author);
    expect(nb.core.session().store.get('article', ids.ties)?.published).toBe('2019-03-04');
  });

  it('fillOnly fills empty fields and leaves the researcher’s own values; RIS and CSL-JSON read too', async () => {
    const ris = `TY  - NEWS\nTI  - ${TIES}\nAU  - Someone, Else\nLA  - en\nPY  - 2018\nER  - \n`;
    await writeFile(join(nb.root, 'fix.ris'), ris);
    const r = await nb.call('importRefs', { file: { path: join(nb.root, 'fix.ris') }, fillOnly: true });
    expect(r.items[0]?.status).toBe('updated');
    expect(r.items[0]?.changes.map((c) => c.field)).toEqual(['language']);
    expect(nb.core.session().store.get('article', ids.ties)?.author).toBe('Vladimir Fomin; Aung Thu');

    const json = JSON.stringify([{ id: 'x', type: 'article', title: TIES, language: 'my' }]);
    const j = await nb.call('importRefs', {
      file: { name: 'zotero.json', data: Buffer.from(json).toString('base64') },
    });
    expect(j.items[0]).toMatchObject({
      status: 'updated',
      changes: [{ field: 'language', from: 'en', to: 'my' }],
    });
  });

  it('a malformed BibTeX file gets a clear error and changes nothing', async () => {
    await writeFile(join(nb.root, 'bad.bib'), `@article{a, title={${TIES}, author={x}\n`);
    const before = nb.core.session().store.list('article');
    await expect(nb.call('importRefs', { file: { path: join(nb.root, 'bad.bib') } })).rejects.toThrow(
      /not valid BibTeX.*Nothing was changed/,
    );
    expect(nb.core.session().store.list('article')).toEqual(before);
    expect((await nb.call('undoState', {})).undo).not.toMatch(/references/);
  });
});

describe('citation text in a chosen CSL style (citeproc-js)', () => {
  const item = {
    id: 'a',
    type: 'article-newspaper',
    'citation-key': 'fomin2019ties',
    title: 'The Ties',
    author: [{ family: 'Fomin', given: 'Vladimir' }],
    issued: { 'date-parts': [[2019, 3, 4]] },
    'container-title': 'The Irrawaddy',
    URL: 'https://example.org/ties',
  };

  it('every offered style renders its own entry, always with the URL', () => {
    const entries = citationStyleIds.map((s) => new CitationRenderer([item], s).entry('a'));
    for (const e of entries) expect(e).toContain('<https://example.org/ties>');
    expect(new Set(entries).size).toBe(citationStyleIds.length);
    expect(entries[0]).toBe(
      'Fomin, Vladimir. 2019. “The Ties.” *The Irrawaddy*, March 4. <https://example.org/ties>.',
    );
  });

  it('the in-text citation carries the passage as locator', () => {
    expect(new CitationRenderer([item]).citation('a', 3)).toBe('(Fomin 2019, para. 3)');
    expect(new CitationRenderer([item], 'apa').citation('a', 3)).toBe('(Fomin, 2019, para. 3)');
    expect(new CitationRenderer([item], 'modern-language-association').citation('a', 3)).toBe(
      '(Fomin, par. 3)',
    );
  });

  it('a Markdown export renders the notes’ citations in the chosen style', async () => {
    const nb = await openTestNotebook();
    try {
      await nb.call('importPaths', { paths: [seedsDir] });
      const a = nb.core
        .session()
        .store.list('article')
        .find((x) => x.title === TIES);
      await nb.call('articleUpdateMeta', {
        id: a?.id ?? '',
        author: 'Vladimir Fomin',
        published: '2019-03-04',
      });
      const view = await nb.call('articleGet', { id: a?.id ?? '' });
      const p = view.passages[2];
      const h = await nb.call('highlightCreate', {
        articleId: a?.id ?? '',
        start: p?.start ?? 0,
        end: (p?.start ?? 0) + 10,
        tagIds: [],
      });
      const cite = await nb.call('citationFor', { highlightId: h.id });
      await nb.call('noteCreate', { title: 'Cited', body: cite.markdown });
      await nb.call('exportTo', { format: 'markdown', out: join(nb.root, 'apa'), style: 'apa' });
      const md = await readFile(join(nb.root, 'apa', 'Cited.md'), 'utf8');
      expect(md).toContain('Fomin, V. (2019, March 4).');
      expect(md).toContain('(Fomin, 2019, para. 3)');
    } finally {
      await nb.cleanup();
    }
  });
});
