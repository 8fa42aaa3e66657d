import { QuireError } from '../errors';
import type { ArticleFormat, Extraction } from '../types';
import { canonicalize } from './canonical';
import { assembleArticle, identifyBlocks } from './assemble';
import { keepPhotoCaptions } from './captions';
import { binaryFormats } from './binary-formats';
import { decodeText } from './decode';
import type { FormatResult } from './format-result';
import { extractHtml } from './html';
import { extractMarkdown } from './markdown';
import { safeUrl } from './safe-url';
import { extractTxt } from './txt';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type TextFormat = 'txt' | 'md' | 'html';

const formats: Record<string, TextFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

/** Bumped when extraction changes in a way worth offering "Re-extract" for. */
export const EXTRACTOR_VERSION = 3;

export const supportedExtensions: readonly string[] = [
  ...Object.keys(formats),
  ...Object.keys(binaryFormats),
];

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function isSupportedFile(name: string): boolean {
  return supportedExtensions.includes(extensionOf(name));
}

function unsupported(ext: string): never {
  const what = ext === '' ? 'files without an extension' : `${ext} files`;
  const known = [
    ...new Set(supportedExtensions.filter((e) => !['.text', '.markdown', '.htm', '.xhtml'].includes(e))),
  ];
  throw new QuireError('BAD_INPUT', `Quire cannot import ${what} yet; it reads ${known.join(', ')}.`);
}

function readFormat(format: TextFormat, text: string): FormatResult {
  switch (format) {
    case 'txt':
      return extractTxt(text);
    case 'md':
      return extractMarkdown(text);
    case 'html':
      return extractHtml(text);
  }
}

/** A one-line title: metadata fields are shown in lists and file names. */
function oneLine(s: string | null): string | null {
  if (s === null) return null;
  const t = canonicalize(s).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** A file's bytes to a cleaned article: text, passages and the metadata the file states. */
export async function extractFile(bytes: Uint8Array, fileName: string): Promise<Extraction> {
  const ext = extensionOf(fileName);
  const textFormat = formats[ext];
  const binary = binaryFormats[ext];
  if (!textFormat && !binary) unsupported(ext);
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = Math.round(bytes.byteLength / (1024 * 1024));
    throw new QuireError('BAD_INPUT', `${fileName} is ${mb} MB; Quire imports files up to 50 MB.`);
  }
  let format: ArticleFormat;
  let found: FormatResult;
  let warnings: string[] = [];
  if (textFormat) {
    const decoded = decodeText(bytes);
    format = textFormat;
    found = readFormat(textFormat, decoded.text);
    warnings = decoded.warnings;
  } else if (binary) {
    format = binary.format;
    found = await binary.read(bytes);
  } else {
    return unsupported(ext);
  }
  const blocks = identifyBlocks(keepPhotoCaptions(found.blocks));
  const { text, passages } = assembleArticle(blocks);
  if (text.trim() === '') throw new QuireError('BAD_INPUT', 'No article text was found in this file.');
  const firstLine = text.slice(0, passages[0]?.end ?? 0);
  const stated = oneLine(found.title);
  // Lists and file names need a label, so an untitled file is shown by its first line (or its name),
  // flagged as such rather than passed off as a title the file states.
  const standIn = oneLine(firstLine.length <= 200 ? firstLine : `${firstLine.slice(0, 120)}…`) ?? fileName;
  return {
    format,
    title: stated ?? standIn,
    untitled: stated === null,
    author: oneLine(found.author),
    published: found.published,
    source: oneLine(found.source),
    // Every format's reader already picks a safe one; this is the gate no future reader can bypass.
    url: safeUrl(found.url),
    language: found.language,
    text,
    passages,
    blocks,
    warnings,
  };
}
