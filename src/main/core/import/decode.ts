import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { QuireError } from '../errors';

export interface DecodedText {
  text: string;
  encoding: string;
  warnings: string[];
}

const REPLACED_WARNING = 'Some characters could not be read and were replaced with �.';

/** Magic numbers of formats people most often drop on an importer by mistake. */
const signatures: { bytes: number[]; name: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive or Office document' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], name: 'an empty ZIP archive' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], name: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Microsoft Office document' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a program' },
  { bytes: [0x4d, 0x5a], name: 'a Windows program' },
  { bytes: [0x52, 0x49, 0x46, 0x46], name: 'a RIFF media file' },
  { bytes: [0x49, 0x44, 0x33], name: 'an MP3 file' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function binary(kind: string): QuireError {
  return new QuireError(
    'BAD_INPUT',
    `This looks like a binary file (${kind}), not text; Quire imports .txt, .md and .html files.`,
  );
}

/** How much of the start of a file decides whether it is text: what git reads for the same question. */
const SNIFF_BYTES = 8000;
/** Text has line breaks and tabs, not other control bytes; past this share of the start, it is not text. */
const MAX_CONTROL_SHARE = 0.1;

/** C0 controls and DEL, except tab, line feed, vertical tab, form feed, carriage return and ESC (ANSI colour). */
function isControlByte(b: number): boolean {
  return (b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1b) || b === 0x7f;
}

/**
 * Refuses a file that is not text, judged as git judges it: a known binary signature, a NUL byte in the first
 * 8,000 bytes, or too many control bytes there. A NUL further in (a scraper's stray byte in a 200 KB page) does
 * not make a page binary; decodeText removes it and says so.
 */
function refuseBinary(bytes: Uint8Array): void {
  for (const sig of signatures) if (startsWith(bytes, sig.bytes)) throw binary(sig.name);
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) throw binary('it contains NUL bytes');
  let controls = 0;
  for (const b of head) if (isControlByte(b)) controls++;
  if (head.length > 0 && controls / head.length > MAX_CONTROL_SHARE)
    throw binary('it is mostly control bytes');
}

/**
 * UTF-16 without a byte order mark, recognised by its pattern: Latin text in UTF-16 has a NUL in every other
 * byte, on the high-byte side. Null when the start of the file does not show that pattern clearly.
 */
function utf16ByPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const head = bytes.subarray(0, SNIFF_BYTES - (SNIFF_BYTES % 2));
  if (head.length < 4 || bytes.length % 2 !== 0) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = head.length / 2;
  if (oddZeros > 0.6 * pairs && evenZeros < 0.05 * pairs) return 'utf-16le';
  if (evenZeros > 0.6 * pairs && oddZeros < 0.05 * pairs) return 'utf-16be';
  return null;
}

function strayNulWarning(count: number): string {
  const what = count === 1 ? 'one NUL byte' : `${count.toLocaleString('en')} NUL bytes`;
  return `The file held ${what} (a sign of a damaged or badly saved page); ${count === 1 ? 'it was' : 'they were'} removed.`;
}

/** Removes the NUL characters a text file should not hold, with a warning saying how many there were. */
function withoutNuls(decoded: DecodedText): DecodedText {
  let count = 0;
  for (let at = decoded.text.indexOf('\0'); at !== -1; at = decoded.text.indexOf('\0', at + 1)) count++;
  if (count === 0) return decoded;
  return {
    ...decoded,
    text: decoded.text.replaceAll('\0', ''),
    warnings: [...decoded.warnings, strayNulWarning(count)],
  };
}

function refuseEmpty(text: string): void {
  if (text.trim() === '') throw new QuireError('BAD_INPUT', 'The file is empty.');
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and invalid bytes in one pass. Genuine windows-1252 text
 * almost never forms a valid multi-byte sequence, so seeing one tells us the file is damaged UTF-8.
 */
function utf8Shape(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

function fromBom(bytes: Uint8Array): DecodedText | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    const warnings = hasStrictUtf8(bytes.subarray(3)) ? [] : [REPLACED_WARNING];
    return { text, encoding: 'UTF-8', warnings };
  }
  if (startsWith(bytes, [0xff, 0xfe]))
    return { text: decodeWith(bytes.subarray(2), 'utf-16le'), encoding: 'UTF-16LE', warnings: [] };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: decodeWith(bytes.subarray(2), 'utf-16be'), encoding: 'UTF-16BE', warnings: [] };
  return null;
}

function hasStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Legacy single- and multi-byte encodings we trust chardet to name. */
function usableEncoding(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.startsWith('utf') || !iconv.encodingExists(name)) return null;
  // ISO-8859-1 never uses 0x80-0x9F for text; real files labelled so are windows-1252.
  return lower === 'iso-8859-1' ? 'windows-1252' : name;
}

/**
 * Bytes to text, honestly: BOM, then UTF-16 by its pattern, then strict UTF-8, then a detected legacy
 * encoding, else UTF-8 with replacement characters and a warning. Binary and empty input are refused; stray
 * NUL bytes past the start of a text file are removed with a warning.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodeBytes(bytes);
  refuseEmpty(decoded.text);
  return withoutNuls(decoded);
}

function decodeBytes(bytes: Uint8Array): DecodedText {
  const bom = fromBom(bytes);
  if (bom) return bom;
  const utf16 = utf16ByPattern(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16.toUpperCase(), warnings: [] };
  refuseBinary(bytes);
  if (hasStrictUtf8(bytes))
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'UTF-8', warnings: [] };
  const shape = utf8Shape(bytes);
  if (shape.valid === 0) {
    const best = analyse(bytes).find((m) => m.confidence >= 10 && usableEncoding(m.name) !== null);
    const encoding = best ? usableEncoding(best.name) : null;
    if (encoding) return { text: decodeWith(bytes, encoding), encoding, warnings: [] };
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'UTF-8', warnings: [REPLACED_WARNING] };
}
