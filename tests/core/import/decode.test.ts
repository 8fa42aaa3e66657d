import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/main/core/import/decode';
import { isQuireError } from '../../../src/main/core/errors';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

function refusal(input: Uint8Array): string {
  try {
    decodeText(input);
  } catch (e) {
    if (isQuireError(e) && e.code === 'BAD_INPUT') return e.message;
    throw e;
  }
  throw new Error('expected decodeText to refuse the input');
}

describe('decodeText', () => {
  it('reads plain UTF-8 without warnings', () => {
    expect(decodeText(bytes('Myanmar’s army')).text).toBe('Myanmar’s army');
    expect(decodeText(bytes('Myanmar’s army')).warnings).toEqual([]);
  });

  it('drops a UTF-8 BOM', () => {
    const d = decodeText(bytes([0xef, 0xbb, 0xbf], 'Café'));
    expect(d).toEqual({ text: 'Café', encoding: 'UTF-8', warnings: [] });
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Naypyitaw “talks”', 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 2; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] ?? 0, be[i] ?? 0];
    be[0] = 0xfe;
    be[1] = 0xff;
    expect(decodeText(le)).toMatchObject({ text: 'Naypyitaw “talks”', encoding: 'UTF-16LE' });
    expect(decodeText(be)).toMatchObject({ text: 'Naypyitaw “talks”', encoding: 'UTF-16BE' });
  });

  it('reads windows-1252 smart quotes, dashes and accents as the writer meant them', () => {
    const d = decodeText(
      bytes(
        'The ',
        [0x93],
        'Pantsir',
        [0x94],
        ' deal ',
        [0x97],
        ' caf',
        [0xe9],
        ' talks cost ',
        [0x80],
        '5 and were described as historic by officials.',
      ),
    );
    expect(d.text).toBe(
      'The “Pantsir” deal — café talks cost €5 and were described as historic by officials.',
    );
    expect(d.warnings).toEqual([]);
  });

  it('repairs damaged UTF-8 with replacement characters and says so', () => {
    const d = decodeText(bytes('Myanmar’s army ', [0xc3, 0x28, 0xff], ' signed the deal.'));
    expect(d.text).toContain('Myanmar’s army');
    expect(d.text).toContain('\uFFFD');
    expect(d.warnings).toEqual(['Some characters could not be read and were replaced with �.']);
  });

  it('refuses binary files, naming what they look like', () => {
    expect(refusal(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatch(
      /binary file \(a PNG image\)/,
    );
    expect(refusal(bytes('%PDF-1.7\n'))).toMatch(/PDF/);
    expect(refusal(bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]))).toMatch(/ZIP/);
    expect(refusal(bytes('text with a ', [0], ' NUL byte'))).toMatch(/binary file/);
  });

  it('refuses empty, whitespace-only and BOM-only files', () => {
    expect(refusal(new Uint8Array())).toBe('The file is empty.');
    expect(refusal(bytes(' \n\t \r\n'))).toBe('The file is empty.');
    expect(refusal(bytes([0xef, 0xbb, 0xbf]))).toBe('The file is empty.');
  });

  describe('judging binary as git does: by the start of the file', () => {
    /** A realistic news page of about 194 KB: markup, navigation, many paragraphs. */
    function newsPage(): string {
      const paragraph = (i: number) =>
        `<p>Paragraph ${i}: Myanmar’s military leaders met Russian officials in Naypyitaw on Tuesday to discuss ` +
        `the delivery of six Su-30SM fighter jets, a deal worth US$204 million, officials said.</p>\n`;
      const nav = Array.from(
        { length: 40 },
        (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`,
      ).join('');
      let body = '';
      for (let i = 0; body.length < 190_000; i++) body += paragraph(i);
      return `<!doctype html><html lang="en"><head><title>Ties</title></head><body><nav><ul>${nav}</ul></nav><article>${body}</article></body></html>`;
    }

    it('imports a 194 KB page with 22 NUL bytes deep inside, removing them and saying so', () => {
      const page = Buffer.from(newsPage(), 'utf8');
      expect(page.length).toBeGreaterThan(190_000);
      for (let k = 0; k < 22; k++) page[20_000 + k * 7_919] = 0;
      const d = decodeText(page);
      expect(d.text).not.toContain('\0');
      expect(d.text).toContain('Su-30SM fighter jets');
      expect(d.warnings).toEqual([
        'The file held 22 NUL bytes (a sign of a damaged or badly saved page); they were removed.',
      ]);
    });

    it('still refuses a NUL byte within the first 8,000 bytes', () => {
      const page = Buffer.from(newsPage(), 'utf8');
      page[7_999] = 0;
      expect(refusal(page)).toMatch(/binary file \(it contains NUL bytes\)/);
    });

    it('refuses a PNG however it is named, and random bytes', () => {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(5000, 7),
      ]);
      expect(refusal(png)).toMatch(/PNG image/);
      let seed = 42;
      const random = Uint8Array.from({ length: 20_000 }, () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed >> 23;
      });
      expect(refusal(random)).toMatch(/binary file/);
      // Without a single NUL, the share of control bytes still gives it away.
      expect(refusal(random.map((b) => (b === 0 ? 1 : b)))).toMatch(/mostly control bytes/);
    });

    it('keeps terminal colour codes and form feeds as text', () => {
      const d = decodeText(bytes('\u001b[31mRed alert\u001b[0m issued.\f\nNext page.'));
      expect(d.text).toContain('Red alert');
    });

    it('reads UTF-16 without a byte order mark by its pattern of NULs', () => {
      const text = 'Naypyitaw “talks” with Moscow, 2017.\nSecond line.';
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le);
      for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] ?? 0, be[i] ?? 0];
      expect(decodeText(le)).toMatchObject({ text, encoding: 'UTF-16LE', warnings: [] });
      expect(decodeText(be)).toMatchObject({ text, encoding: 'UTF-16BE', warnings: [] });
    });
  });
});
