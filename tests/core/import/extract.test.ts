import { describe, expect, it } from 'vitest';
import { isQuireError } from '../../../src/main/core/errors';
import { extractFile, isSupportedFile, supportedExtensions } from '../../../src/main/core/import/extract';

function refusal(bytes: Uint8Array, name: string): string {
  try {
    extractFile(bytes, name);
  } catch (e) {
    if (isQuireError(e) && e.code === 'BAD_INPUT') return e.message;
    throw e;
  }
  throw new Error(`expected ${name} to be refused`);
}

describe('extractFile', () => {
  it('chooses the reader from the extension, case-insensitively', () => {
    expect(supportedExtensions).toEqual(
      expect.arrayContaining(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml']),
    );
    expect(isSupportedFile('/a/b/Report.HTML')).toBe(true);
    expect(isSupportedFile('notes.docx')).toBe(false);
    expect(isSupportedFile('.md')).toBe(false);
    expect(extractFile(Buffer.from('# Heading\n\nBody.'), 'x.MD').format).toBe('md');
    expect(extractFile(Buffer.from('<p>Body.</p>'), 'x.htm').format).toBe('html');
    expect(extractFile(Buffer.from('Body text of the note.'), 'x.text').format).toBe('txt');
  });

  it('refuses other file types with a sentence naming the type', () => {
    expect(refusal(Buffer.from('PK'), 'report.docx')).toBe(
      'Quire cannot import .docx files yet; it reads .txt, .md and .html.',
    );
    expect(refusal(Buffer.from('x'), 'README')).toMatch(/files without an extension/);
  });

  it('refuses files over 50 MB before reading them', () => {
    const big = new Uint8Array(73 * 1024 * 1024);
    expect(refusal(big, 'dump.txt')).toBe('dump.txt is 73 MB; Quire imports text files up to 50 MB.');
  });

  it('refuses a page with no article text', () => {
    expect(refusal(Buffer.from('<html><body><script>x()</script></body></html>'), 'empty.html')).toBe(
      'No article text was found in this file.',
    );
  });

  it('gives the same text and passage ids when the same file is extracted twice', () => {
    const bytes = Buffer.from(
      'Title Line\r\n\r\nFirst paragraph of the story, told plainly.\r\n\r\nSecond one, also plain.\r\n',
    );
    const a = extractFile(bytes, 'a.txt');
    const b = extractFile(bytes, 'a.txt');
    expect(b).toEqual(a);
    expect(a.text).not.toContain('\r');
    for (const p of a.passages) expect(a.text.slice(p.start, p.end).length).toBeGreaterThan(0);
  });

  it('passes decoding warnings on to the researcher', () => {
    const bytes = Buffer.concat([
      Buffer.from('Headline\n\nThe army’s statement was '),
      Buffer.from([0xff]),
      Buffer.from(' clear.'),
    ]);
    expect(extractFile(bytes, 'a.txt').warnings).toEqual([
      'Some characters could not be read and were replaced with �.',
    ]);
  });
});
