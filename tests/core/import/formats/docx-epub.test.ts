import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocxMetadata } from '../../../../src/main/core/import/docx';
import { extractFile } from '../../../../src/main/core/import/extract';
import { guardZip, readZip } from '../../../../src/main/core/import/zip-guard';
import type { Extraction } from '../../../../src/main/core/types';
import { genCorpusTool } from '../corpus-paths';
import { buildDocx, buildEpub, coreXml, refusal } from './fixtures';

function passages(e: Extraction): [string, string][] {
  return e.passages.map((p) => [p.kind, e.text.slice(p.start, p.end)]);
}

const BODY = 'Russia delivered six Su-30SM fighter jets to Myanmar in 2017, the ministry said.';

describe('DOCX import', () => {
  it('keeps paragraphs, headings and quotes as passages and reads core.xml metadata', async () => {
    const bytes = buildDocx({
      paragraphs: [
        ['Title', 'Arms & Influence in Naypyitaw'],
        [null, BODY],
        ['Heading1', 'What the deal covers'],
        ['Quote', '“We value this partnership,” the minister said.'],
        [null, ''],
        [null, 'Training for pilots began in Russia the following year.'],
      ],
      core: coreXml({
        title: 'Arms & Influence in Naypyitaw',
        creator: 'Nyan Lin',
        created: '2017-05-02T08:00:00Z',
        modified: '2018-01-01T00:00:00Z',
      }),
    });
    const article = await extractFile(bytes, 'deal.docx');
    expect(article.format).toBe('docx');
    expect(article.title).toBe('Arms & Influence in Naypyitaw');
    expect(article.author).toBe('Nyan Lin');
    expect(article.published).toBe('2017-05-02');
    expect(passages(article)).toEqual([
      ['paragraph', BODY],
      ['heading', 'What the deal covers'],
      ['quote', '“We value this partnership,” the minister said.'],
      ['paragraph', 'Training for pilots began in Russia the following year.'],
    ]);
    expect(article.blocks.find((b) => b.text === 'Arms & Influence in Naypyitaw')).toMatchObject({
      kept: false,
      reason: 'title',
    });
  });

  it('leaves metadata null when the file states none, and falls back to the first heading for the title', async () => {
    const article = await extractFile(
      buildDocx({
        paragraphs: [
          ['Heading1', 'Field notes'],
          [null, BODY],
        ],
      }),
      'notes.docx',
    );
    expect(article.title).toBe('Field notes');
    expect([article.author, article.published, article.source, article.url]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('uses the modified date only when there is no created date', () => {
    expect(readDocxMetadata(coreXml({ modified: '2019-11-30T23:00:00Z' })).date).toBe('2019-11-30');
    expect(readDocxMetadata(coreXml({ creator: '  ' })).author).toBeNull();
  });

  it('refuses a zip that is not a Word document, and bytes that are not a zip', async () => {
    const notWord = zipSync({ 'readme.txt': strToU8('hello') });
    expect(await refusal(() => extractFile(notWord, 'fake.docx'))).toMatch(
      /^This \.docx file could not be read/,
    );
    expect(await refusal(() => extractFile(Buffer.from('just text, not a zip'), 'fake.docx'))).toMatch(
      /^This \.docx file is damaged or is not really a \.docx file/,
    );
  });
});

describe('zip guard', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the generated zip-bomb.docx before inflating it', async () => {
    execFileSync(process.execPath, [genCorpusTool, '--out', dir, '--n', '0', '--hostile'], {
      stdio: 'ignore',
    });
    const bomb = readFileSync(path.join(dir, 'hostile', 'zip-bomb.docx'));
    const message = await refusal(() => extractFile(bomb, 'zip-bomb.docx'));
    expect(message).toMatch(
      /^This \.docx file contains a part that expands [\d,]+ times over .*zip bomb; Quire did not open it\.$/,
    );
  });

  it('refuses archives by declared total size, entry size and entry count', () => {
    const entry = (name: string, originalSize: number, size = originalSize) => ({ name, size, originalSize });
    const MB = 1024 * 1024;
    expect(() => guardZip([entry('a', 90 * MB), entry('b', 90 * MB), entry('c', 90 * MB)], '.docx')).toThrow(
      'This .docx file expands to more than 200 MB when unpacked, which looks like a zip bomb; Quire did not open it.',
    );
    expect(() => guardZip([entry('a', 150 * MB)], '.epub')).toThrow(
      /^This \.epub file contains a part that expands to more than 100 MB/,
    );
    // Small parts that compress very well (a page of spaces) are no threat and pass.
    expect(() => guardZip([entry('styles.xml', 500_000, 1_000)], '.docx')).not.toThrow();
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`f${i}.txt`, strToU8('x')])),
    );
    expect(() => readZip(many, '.epub')).toThrow(/^This \.epub file holds more than 10,000 files inside/);
  });
});

describe('EPUB import', () => {
  const metadata =
    '<dc:title>The Kyaukphyu Port Story</dc:title><dc:creator>Aye Chan Su</dc:creator><dc:creator>Tom Hadley</dc:creator>' +
    '<dc:date>2019-08-15</dc:date><dc:language>en</dc:language><dc:publisher>Irrawaddy Books</dc:publisher>';

  it('reads chapters in spine order with headings, lists and quotes, and metadata from the OPF', async () => {
    const bytes = buildEpub({
      metadata,
      chapters: {
        'a-appendix.xhtml': '<h2>Appendix</h2><ul><li>Port agreement, 2018</li><li>Loan terms</li></ul>',
        'intro chapter.xhtml':
          '<h1>The Kyaukphyu Port Story</h1><p>The deep-sea port at Kyaukphyu was planned as a gateway.</p>' +
          '<blockquote><p>It is a strategic project, an adviser said.</p></blockquote><script>alert(1)</script>',
      },
      spine: ['intro chapter.xhtml', 'a-appendix.xhtml'],
    });
    const article = await extractFile(bytes, 'port.epub');
    expect(article).toMatchObject({
      format: 'epub',
      title: 'The Kyaukphyu Port Story',
      author: 'Aye Chan Su, Tom Hadley',
      published: '2019-08-15',
      language: 'en',
      source: 'Irrawaddy Books',
    });
    expect(passages(article)).toEqual([
      ['paragraph', 'The deep-sea port at Kyaukphyu was planned as a gateway.'],
      ['quote', 'It is a strategic project, an adviser said.'],
      ['heading', 'Appendix'],
      ['list', 'Port agreement, 2018'],
      ['list', 'Loan terms'],
    ]);
    expect(article.text).not.toMatch(/alert|color: red/);
  });

  it('refuses an epub whose package file is missing', async () => {
    const bytes = zipSync({
      mimetype: strToU8('application/epub+zip'),
      'OEBPS/ch1.xhtml': strToU8('<p>x</p>'),
    });
    expect(await refusal(() => extractFile(bytes, 'broken.epub'))).toBe(
      'This .epub file is damaged (no package file (.opf) was found); Quire could not open it.',
    );
  });
});
