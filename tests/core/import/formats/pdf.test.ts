import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../../src/main/core/import/extract';
import { extractPdf, MAX_PDF_PAGES, parsePdfDate } from '../../../../src/main/core/import/pdf';
import { isPageNumber, joinLines, layoutPdf } from '../../../../src/main/core/import/pdf-layout';
import type { Extraction } from '../../../../src/main/core/types';
import { ARTICLE, articleSpec, buildPdf, refusal } from './fixtures';

/** One text run ending its line, as pdfjs reports it, at the left margin. */
function line(text: string, y: number, width: number) {
  return { text, x: 72, y, width, size: 11, hasEOL: true };
}

function passageTexts(e: Extraction): string[] {
  return e.passages.map((p) => e.text.slice(p.start, p.end));
}

describe('PDF import', () => {
  it('rebuilds paragraphs from line geometry, joins hyphenated words and keeps the heading', async () => {
    const article = await extractFile(await buildPdf(articleSpec(true)), 'review.pdf');
    expect(article.format).toBe('pdf');
    expect(passageTexts(article)).toEqual([
      ARTICLE.paragraph1,
      ARTICLE.paragraph2,
      ARTICLE.paragraph3,
      ARTICLE.heading,
      ARTICLE.paragraph4,
    ]);
    expect(article.passages.map((p) => p.kind)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
    ]);
    expect(article.text).toContain('praised the partnership.');
    expect(article.text).not.toContain('partner-');
  });

  it('drops running headers and page numbers as blocks the researcher can see and restore', async () => {
    const article = await extractFile(await buildPdf(articleSpec(true)), 'review.pdf');
    expect(article.text).not.toContain('Myanmar Review');
    expect(article.text).not.toMatch(/^\d$/m);
    const dropped = article.blocks.filter((b) => !b.kept).map((b) => [b.text, b.reason]);
    expect(dropped).toEqual(
      expect.arrayContaining([
        ['Myanmar Review — 2017', 'running header'],
        ['1', 'page number'],
        ['2', 'page number'],
        ['3', 'page number'],
      ]),
    );
    expect(dropped.filter(([, reason]) => reason === 'running header')).toHaveLength(3);
  });

  it('reads title, author and date from the document info', async () => {
    const article = await extractFile(await buildPdf(articleSpec(true)), 'review.pdf');
    expect(article.title).toBe(ARTICLE.title);
    expect(article.author).toBe('Thuzar Win');
    expect(article.published).toBe('2017-03-14');
    // The headline is metadata, shown as a dropped block rather than repeated as the first passage.
    expect(article.blocks.find((b) => b.text === ARTICLE.title)?.reason).toBe('title');
  });

  it('takes the largest line of page 1 as the title when the document info has none', async () => {
    const bytes = await buildPdf({ ...articleSpec(false), title: 'Microsoft Word - draft3.docx' });
    const article = await extractFile(bytes, 'review.pdf');
    expect(article.title).toBe(ARTICLE.title);
    expect(article.author).toBeNull();
    expect(article.text.startsWith(ARTICLE.paragraph1)).toBe(true);
  });

  it('prefers a dateline in the article over the file creation date', async () => {
    const spec = articleSpec(true);
    // Right under the headline, where content-stream order puts it too.
    spec.pages[0]?.splice(3, 0, { text: '21 June 2016', y: 698, size: 11 });
    const article = await extractFile(await buildPdf(spec), 'review.pdf');
    expect(article.published).toBe('2016-06-21');
  });

  it('leaves the caller’s bytes intact (pdfjs would otherwise detach the buffer)', async () => {
    const bytes = await buildPdf(articleSpec(true));
    const length = bytes.byteLength;
    await extractPdf(bytes);
    expect(bytes.byteLength).toBe(length);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('refuses a damaged PDF with a sentence saying so', async () => {
    const message = await refusal(() =>
      extractFile(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'), 'broken.pdf'),
    );
    expect(message).toMatch(/^This PDF is damaged or is not really a PDF/);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251);
    expect(await refusal(() => extractFile(random, 'noise.pdf'))).toMatch(/^This PDF is damaged/);
  });

  it('refuses a PDF with no text layer and says to run OCR', async () => {
    const doc = await PDFDocument.create();
    doc
      .addPage([600, 800])
      .drawRectangle({ x: 50, y: 50, width: 200, height: 300, color: rgb(0.2, 0.2, 0.2) });
    const message = await refusal(async () => extractFile(await doc.save(), 'scan.pdf'));
    expect(message).toMatch(/no text layer.*OCR/);
  });

  it('refuses PDFs past the page cap before reading their text', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i <= MAX_PDF_PAGES; i++) doc.addPage([100, 100]);
    const message = await refusal(async () => extractFile(await doc.save(), 'book.pdf'));
    expect(message).toBe(
      'This PDF has 2,001 pages; Quire imports PDFs of up to 2,000 pages. Split it into parts and import those.',
    );
  });
});

describe('PDF layout rules', () => {
  it('joins a hyphen at a line end only where it splits a word', () => {
    expect(joinLines('the mili-', 'tary junta')).toBe('the military junta');
    expect(joinLines('delivered Su-', '30SM jets')).toBe('delivered Su-30SM jets');
    expect(joinLines('the Russia-', 'Myanmar talks')).toBe('the Russia-Myanmar talks');
    expect(joinLines('the end', 'of it')).toBe('the end of it');
    expect(joinLines('a soft\u00ad', 'hyphen')).toBe('a softhyphen');
  });

  it('keeps a compound hyphen the document writes elsewhere', () => {
    const { blocks } = layoutPdf([
      {
        number: 1,
        height: 800,
        runs: [
          line('The long-term plan was agreed, and its long-', 700, 400),
          line('term costs were high.', 686, 400),
        ],
      },
    ]);
    expect(blocks.map((b) => b.text)).toEqual([
      'The long-term plan was agreed, and its long-term costs were high.',
    ]);
  });

  it('reads a two-column page column by column even when the file draws across the columns', async () => {
    const left = [
      [
        'The delegation arrived in Moscow on',
        'Monday for three days of talks on',
        'training and supply of aircraft.',
      ],
      [
        'Officials said the first deliveries',
        'would reach Naypyitaw next spring,',
        'ahead of the planned schedule.',
      ],
    ];
    const right = [
      [
        'Analysts in Bangkok said the deal',
        'would tie the air force to Russian',
        'parts and pilots for a decade.',
      ],
      [
        'Critics in exile called the visit',
        'a reward for the generals and urged',
        'new sanctions on the arms trade.',
      ],
    ];
    // Row by row: left line, then the right line beside it, as some writers emit them.
    const rows = (col: string[][], x: number) =>
      col.flatMap((para, p) => para.map((text, i) => ({ text, x, y: 660 - p * 60 - i * 14, size: 11 })));
    const l = rows(left, 72);
    const r = rows(right, 320);
    const page = [
      { text: 'Talks in Moscow', x: 72, y: 720, size: 20 },
      ...l.flatMap((line, i) => [line, r[i]].filter((x) => x !== undefined)),
      {
        text: 'Both governments are expected to publish the agreement in full next month.',
        x: 72,
        y: 520,
        size: 11,
      },
    ];
    const article = await extractFile(await buildPdf({ pages: [page] }), 'columns.pdf');
    const joined = (para: string[]) => para.join(' ');
    expect(article.title).toBe('Talks in Moscow');
    expect(passageTexts(article)).toEqual([
      ...left.map(joined),
      ...right.map(joined),
      'Both governments are expected to publish the agreement in full next month.',
    ]);
  });

  it('keeps the cells of a table row together instead of reading it as columns', () => {
    const cell = (text: string, x: number, y: number) => ({
      text,
      x,
      y,
      width: 60,
      size: 11,
      hasEOL: x > 100,
    });
    const runs = ['Su-30SM', 'MiG-29', 'Yak-130', 'Mi-35', 'K-8', 'JF-17', 'Y-8', 'Mi-17'].flatMap(
      (name, i) => [cell(name, 72, 700 - i * 14), cell(`${i + 2} units`, 320, 700 - i * 14)],
    );
    const { blocks } = layoutPdf([{ number: 1, height: 800, runs }]);
    expect(blocks.map((b) => b.text).join('\n')).toContain('Su-30SM 2 units');
  });

  it('keeps table-of-contents rows apart', () => {
    const { blocks } = layoutPdf([
      {
        number: 1,
        height: 800,
        runs: [line('1 Scope ............ 6', 700, 450), line('2 References ....... 7', 686, 450)],
      },
    ]);
    expect(blocks.map((b) => b.text)).toEqual(['1 Scope ............ 6', '2 References ....... 7']);
  });

  it('recognises page-number shapes and nothing wider', () => {
    for (const t of ['7', '- 12 -', 'Page 3', 'page 3 of 10', '4 / 9', 'xiv', '— 5 —'])
      expect(isPageNumber(t)).toBe(true);
    for (const t of ['2017 was a year', 'Chapter 3', '3 killed', 'In 1988'])
      expect(isPageNumber(t)).toBe(false);
  });

  it('reads PDF info dates as the calendar date written', () => {
    expect(parsePdfDate("D:20170314235959+07'00'")).toBe('2017-03-14');
    expect(parsePdfDate('D:2017')).toBeNull();
    expect(parsePdfDate(null)).toBeNull();
  });
});
