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
});
