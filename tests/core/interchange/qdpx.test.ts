import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTree, pathOf } from '../../../src/main/core/codebook/tree';
import { parseCitations } from '../../../src/main/core/notes/citations';
import { openTestNotebook, type TestNotebook } from '../../helpers/notebook';
import { codebookOf, codedNotebook, type Coded } from './coded-notebook';
import { codebookXsd, projectXsd, xsdErrors } from './xsd';

/** Every highlight as a researcher sees it: where, exactly what, coded how, with what memo. */
async function codings(nb: TestNotebook) {
  const s = nb.core.session();
  const tags = s.store.list('tag');
  return s.store
    .list('highlight')
    .map((h) => ({
      article: s.store.get('article', h.articleId)?.title,
      start: h.position.start,
      end: h.position.end,
      quote: h.quote,
      passageId: h.passageId,
      tags: h.tagIds.map((t) => pathOf(buildTree(tags), t).join('/')).sort(),
      memo: h.memo,
    }))
    .sort((a, b) => `${a.article}${a.start}`.localeCompare(`${b.article}${b.start}`));
}

async function texts(nb: TestNotebook) {
  const s = nb.core.session();
  const out: Record<
    string,
    { text: string; passages: string[]; memo: string; author: string | null; url: string | null }
  > = {};
  for (const a of s.store.list('article')) {
    const body = await s.body(a);
    out[a.title] = {
      text: body.text,
      passages: body.passages.map((p) => `${p.id}:${p.start}-${p.end}`),
      memo: a.memo ?? '',
      author: a.author,
      url: a.url,
    };
  }
  return out;
}

describe('REFI-QDA project export (QDPX)', () => {
  let coded: Coded;
  beforeEach(async () => {
    coded = await codedNotebook();
  });
  afterEach(() => coded.nb.cleanup());

  it('is valid against the REFI-QDA project schema and holds every source text', async () => {
    const out = join(coded.nb.root, 'project.qdpx');
    const r = await coded.nb.call('exportTo', { format: 'qdpx', out });
    expect(r.written).toEqual([out]);
    expect(r.skipped).toEqual([]);
    const zip = unzipSync(new Uint8Array(await readFile(out)));
    const qde = join(coded.nb.root, 'project.qde');
    await writeFile(qde, zip['project.qde'] ?? new Uint8Array());
    expect(xsdErrors(qde, projectXsd)).toBe('');
    const sources = Object.keys(zip).filter((n) => n.startsWith('sources/'));
    expect(sources).toHaveLength(3);
    const xml = strFromU8(zip['project.qde'] ?? new Uint8Array());
    expect(xml).toContain('<Code guid=');
    expect(xml).toMatch(/<Code [^>]*name="Actors"[^>]*>[\s\S]*<Code [^>]*name="Russia"/);
    expect(xml).toContain('<Description>Sales, &quot;deals&quot; &lt;and&gt; deliveries.</Description>');
  });

  it('counts positions in code points, as the standard says, not JavaScript string units', async () => {
    const out = join(coded.nb.root, 'project.qdpx');
    await coded.nb.call('exportTo', { format: 'qdpx', out });
    const zip = unzipSync(new Uint8Array(await readFile(out)));
    const xml = strFromU8(zip['project.qde'] ?? new Uint8Array());
    const source =
      /<TextSource [^>]*name="Signals 📡 and 𝔘nicode"[^>]*plainTextPath="internal:\/\/([^"]+)"/.exec(xml);
    const text = strFromU8(zip[`sources/${source?.[1]}`] ?? new Uint8Array());
    const sel = /startPosition="(\d+)" endPosition="(\d+)"[^>]*>\s*<Coding/.exec(
      xml.slice(source?.index ?? 0),
    );
    const points = [...text];
    expect(points.slice(Number(sel?.[1]), Number(sel?.[2])).join('')).toBe('𝔐andalay "relayed" orders');
  });

  it('comes back exactly into an empty notebook: codebook, highlights, memos, texts and notes', async () => {
    const out = join(coded.nb.root, 'project.qdpx');
    await coded.nb.call('exportTo', { format: 'qdpx', out });
    const fresh = await openTestNotebook();
    try {
      const r = await fresh.call('importQdpx', { file: { path: out } });
      expect(r.unmapped).toEqual([]);
      expect(r.articles).toEqual({ created: 3, existing: 0 });
      expect(r.highlights).toEqual({ created: 4, existing: 0 });
      expect(codebookOf(fresh.core.session().store.list('tag'))).toEqual(
        codebookOf(coded.nb.core.session().store.list('tag')),
      );
      expect(await codings(fresh)).toEqual(await codings(coded.nb));
      expect(await texts(fresh)).toEqual(await texts(coded.nb));
      // Notes come back with their citations pointing at the imported article and highlight.
      const note = fresh.core
        .session()
        .store.list('note')
        .find((n) => n.title === 'Arms deals');
      const [c] = parseCitations(note?.body ?? '');
      const h = fresh.core.session().store.get('highlight', c?.highlightId ?? '');
      expect(h?.quote.exact).toBe('Myanmar ordered six Sukhoi Su-30SM fighter jets');
      expect(h?.articleId).toBe(c?.articleId);
      // One import, one undo step.
      expect((await fresh.call('undo', {})).label).toBe('Import “project.qdpx”');
      expect(fresh.core.session().store.list('article')).toHaveLength(0);
    } finally {
      await fresh.cleanup();
    }
  });

  it('into the notebook it came from, matches articles and codes instead of duplicating them', async () => {
    const out = join(coded.nb.root, 'project.qdpx');
    await coded.nb.call('exportTo', { format: 'qdpx', out });
    const r = await coded.nb.call('importQdpx', { file: { path: out } });
    expect(r.articles).toEqual({ created: 0, existing: 3 });
    expect(r.tags.created).toBe(0);
    expect(r.highlights).toEqual({ created: 0, existing: 4 });
  });

  it('into a new notebook opens it with the project inside; a folder holding a notebook is refused', async () => {
    const out = join(coded.nb.root, 'project.qdpx');
    await coded.nb.call('exportTo', { format: 'qdpx', out });
    const target = join(coded.nb.root, 'second');
    const r = await coded.nb.call('importQdpx', { file: { path: out }, into: 'new', notebookPath: target });
    expect(r.notebook).toBe(target);
    expect(coded.nb.core.info().path).toBe(target);
    expect(coded.nb.core.info().articleCount).toBe(3);
    await expect(
      coded.nb.call('importQdpx', { file: { path: out }, into: 'new', notebookPath: target }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('QDPX from another tool', () => {
  let nb: TestNotebook;
  beforeEach(async () => {
    nb = await openTestNotebook();
  });
  afterEach(() => nb.cleanup());

  const project = (inner: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Field study" origin="QualCoder 3.5">${inner}</Project>`;
  const zip = (qde: string, extra: Record<string, string> = {}) =>
    zipSync({
      'project.qde': strToU8(qde),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
    });

  it('maps codes, text sources and codings, and lists what it could not bring in', async () => {
    const text = 'Interview one.\r\nThe colonel said the jets arrived.\r\nNothing else.';
    const start = [...text].indexOf('T', 16);
    const qde = project(`
      <CodeBook><Codes>
        <Code guid="{11111111-1111-1111-1111-111111111111}" name="Themes" isCodable="false">
          <Code guid="22222222-2222-2222-2222-222222222222" name="Weapons" isCodable="true" color="#f00">
            <Description>Arms of any kind</Description></Code>
          <Code guid="33333333-3333-3333-3333-333333333333" name="Unused" isCodable="true"/>
        </Code>
      </Codes></CodeBook>
      <Sources>
        <TextSource guid="44444444-4444-4444-4444-444444444444" name="Interview 1" plainTextPath="internal://44444444-4444-4444-4444-444444444444.txt">
          <PlainTextSelection guid="55555555-5555-5555-5555-555555555555" startPosition="${start}" endPosition="${start + 33}">
            <Coding guid="66666666-6666-6666-6666-666666666666"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
          </PlainTextSelection>
          <PlainTextSelection guid="77777777-7777-7777-7777-777777777777" startPosition="5" endPosition="9999"/>
          <Coding guid="88888888-8888-8888-8888-888888888888"><CodeRef targetGUID="33333333-3333-3333-3333-333333333333"/></Coding>
        </TextSource>
        <TextSource guid="99999999-9999-9999-9999-999999999999" name="Uncoded memo source"><PlainTextContent>Just text.</PlainTextContent></TextSource>
        <PictureSource guid="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" name="Photo" path="internal://a.jpg"/>
      </Sources>
      <Cases><Case guid="bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb" name="Colonel"/></Cases>`);
    const file = join(nb.root, 'field.qdpx');
    await writeFile(file, zip(qde, { 'sources/44444444-4444-4444-4444-444444444444.txt': text }));
    const r = await nb.call('importQdpx', { file: { path: file } });
    expect(r.articles.created).toBe(2);
    expect(r.tags.created).toBe(3);
    expect(r.highlights.created).toBe(1);
    expect(Object.fromEntries(r.unmapped.map((u) => [u.what, u.count]))).toEqual({
      'codings of whole documents (Quire codes passages)': 1,
      'selections outside their text': 1,
      'picture sources': 1,
      cases: 1,
    });
    const store = nb.core.session().store;
    const [h] = store.list('highlight');
    expect(h?.quote.exact).toBe('The colonel said the jets arrived.'.slice(0, 33));
    expect(pathOf(buildTree(store.list('tag')), h?.tagIds[0] ?? '')).toEqual(['Themes', 'Weapons']);
    expect(store.list('tag').find((t) => t.name === 'Weapons')).toMatchObject({
      color: '#ff0000',
      description: 'Arms of any kind',
    });
  });

  it('refuses a project with external entities (XXE) and changes nothing', async () => {
    const qde = `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>`;
    const file = join(nb.root, 'xxe.qdpx');
    await writeFile(file, zip(qde));
    const seq = nb.core.info().seq;
    await expect(nb.call('importQdpx', { file: { path: file } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('XXE'),
    });
    expect(nb.core.info().seq).toBe(seq);
  });

  it('refuses a zip bomb before inflating it, and changes nothing', async () => {
    const bomb = zipSync({
      'project.qde': strToU8(project('')),
      'sources/x.txt': new Uint8Array(20 * 1024 * 1024),
    });
    const file = join(nb.root, 'bomb.qdpx');
    await writeFile(file, bomb);
    await expect(nb.call('importQdpx', { file: { path: file } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/zip bomb/),
    });
    expect(nb.core.info().seq).toBe(0);
  });

  it('refuses XML nested deeper than any codebook, and changes nothing', async () => {
    const file = join(nb.root, 'deep.qdc');
    await writeFile(file, `<CodeBook>${'<div>'.repeat(5000)}${'</div>'.repeat(5000)}</CodeBook>`);
    await expect(nb.call('importQdc', { file: { path: file } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/could not be read .*nested.*changed nothing/),
    });
    expect(nb.core.info().seq).toBe(0);
  });

  it('refuses a file that is not a project, and XML that is not well-formed', async () => {
    const notZip = join(nb.root, 'plain.qdpx');
    await writeFile(notZip, 'hello');
    await expect(nb.call('importQdpx', { file: { path: notZip } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    const broken = join(nb.root, 'broken.qdpx');
    await writeFile(broken, zip('<Project><Sources></Project>'));
    await expect(nb.call('importQdpx', { file: { path: broken } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('not well-formed'),
    });
  });
});

describe('REFI-QDA codebook (QDC)', () => {
  it('exports a valid codebook and imports it into another notebook with the same hierarchy', async () => {
    const coded = await codedNotebook();
    const fresh = await openTestNotebook();
    try {
      const out = join(coded.nb.root, 'codes.qdc');
      await coded.nb.call('exportTo', { format: 'qdc', out });
      expect(xsdErrors(out, codebookXsd)).toBe('');
      const r = await fresh.call('importQdc', { file: { path: out } });
      expect(r.tags).toEqual({ created: 5, matched: 0, updated: 0 });
      const strip = (book: unknown): unknown =>
        JSON.parse(JSON.stringify(book), (k, v: unknown) => (k === 'memo' ? '' : v));
      expect(codebookOf(fresh.core.session().store.list('tag'))).toEqual(
        strip(codebookOf(coded.nb.core.session().store.list('tag'))),
      );
      // Again: everything matches, nothing is added.
      expect((await fresh.call('importQdc', { file: { path: out } })).tags).toMatchObject({
        created: 0,
        matched: 5,
      });
    } finally {
      await coded.nb.cleanup();
      await fresh.cleanup();
    }
  });
});
