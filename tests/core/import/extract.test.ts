import { describe, expect, it } from 'vitest';
import { isQuireError } from '../../../src/main/core/errors';
import { extractFile, isSupportedFile, supportedExtensions } from '../../../src/main/core/import/extract';

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  try {
    await extractFile(bytes, name);
  } catch (e) {
    if (isQuireError(e) && e.code === 'BAD_INPUT') return e.message;
    throw e;
  }
  throw new Error(`expected ${name} to be refused`);
}

describe('extractFile', () => {
  it('chooses the reader from the extension, case-insensitively', async () => {
    expect(supportedExtensions).toEqual(
      expect.arrayContaining(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml']),
    );
    expect(isSupportedFile('/a/b/Report.HTML')).toBe(true);
    expect(isSupportedFile('notes.odt')).toBe(false);
    expect(isSupportedFile('.md')).toBe(false);
    expect((await extractFile(Buffer.from('# Heading\n\nBody.'), 'x.MD')).format).toBe('md');
    expect((await extractFile(Buffer.from('<p>Body.</p>'), 'x.htm')).format).toBe('html');
    expect((await extractFile(Buffer.from('Body text of the note.'), 'x.text')).format).toBe('txt');
  });

  it('refuses other file types with a sentence naming the type', async () => {
    expect(await refusal(Buffer.from('PK'), 'report.odt')).toMatch(
      /^Quire cannot import \.odt files yet; it reads \.txt, \.md, \.html[^\n]*\.$/,
    );
    expect(await refusal(Buffer.from('x'), 'README')).toMatch(/files without an extension/);
  });

  it('refuses files over 50 MB before reading them', async () => {
    const big = new Uint8Array(73 * 1024 * 1024);
    expect(await refusal(big, 'dump.txt')).toBe('dump.txt is 73 MB; Quire imports files up to 50 MB.');
  });

  it('refuses a page with no article text', async () => {
    expect(await refusal(Buffer.from('<html><body><script>x()</script></body></html>'), 'empty.html')).toBe(
      'No article text was found in this file.',
    );
  });

  it('gives the same text and passage ids when the same file is extracted twice', async () => {
    const bytes = Buffer.from(
      'Title Line\r\n\r\nFirst paragraph of the story, told plainly.\r\n\r\nSecond one, also plain.\r\n',
    );
    const a = await extractFile(bytes, 'a.txt');
    const b = await extractFile(bytes, 'a.txt');
    expect(b).toEqual(a);
    expect(a.text).not.toContain('\r');
    for (const p of a.passages) expect(a.text.slice(p.start, p.end).length).toBeGreaterThan(0);
  });

  it('passes decoding warnings on to the researcher', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Headline\n\nThe army’s statement was '),
      Buffer.from([0xff]),
      Buffer.from(' clear.'),
    ]);
    expect((await extractFile(bytes, 'a.txt')).warnings).toEqual([
      'Some characters could not be read and were replaced with �.',
    ]);
  });

  it('keeps every line of a scraped page as a block, the dropped ones with a plain reason', async () => {
    const prose = (n: number): string =>
      `Paragraph ${n} reports that the delegation met officials in Naypyitaw and discussed arms sales at length.`;
    const page = [
      '  • Home',
      '  • News',
      'Russia Visit Unlocks More Cooperation',
      'By Ko Ye',
      'June 24, 2017',
      prose(1),
      prose(2),
      prose(3),
      'Share on Facebook',
      '© 2024 Mekong Dispatch. All rights reserved.',
    ].join('\n\n');
    const a = await extractFile(Buffer.from(page), 'page.txt');
    expect(a.blocks.map((b) => [b.text.slice(0, 12), b.kept ? 'kept' : b.reason])).toEqual([
      ['Home', 'menu'],
      ['News', 'menu'],
      ['Russia Visit', 'title'],
      ['By Ko Ye', 'byline'],
      ['June 24, 201', 'date line'],
      ['Paragraph 1 ', 'kept'],
      ['Paragraph 2 ', 'kept'],
      ['Paragraph 3 ', 'kept'],
      ['Share on Fac', 'share buttons'],
      ['© 2024 Mekon', 'footer'],
    ]);
  });
});

describe('a file that states no title', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('is labelled by its first line and flagged untitled, never given an invented title', async () => {
    const body = '<body><p>Troops moved north on Tuesday, residents said, as fighting spread.</p></body>';
    const untitled = await extractFile(bytes(`<html>${body}</html>`), 'page.html');
    expect(untitled).toMatchObject({ untitled: true, title: expect.stringMatching(/^Troops moved north/) });
    const titled = await extractFile(
      bytes(`<html><head><title>Fighting spreads</title></head>${body}</html>`),
      'page.html',
    );
    expect(titled).toMatchObject({ untitled: false, title: 'Fighting spreads' });
  });
});
