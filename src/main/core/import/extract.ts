import { QuireError } from '../errors';
import type { ArticleFormat, Extraction } from '../types';
import { buildArticleText, canonicalize } from './canonical';
import { decodeText } from './decode';
import type { FormatResult } from './format-result';
import { extractHtml } from './html';
import { extractMarkdown } from './markdown';
import { extractTxt } from './txt';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const formats: Record<string, ArticleFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

export const supportedExtensions: readonly string[] = Object.keys(formats);

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function isSupportedFile(name: string): boolean {
  return extensionOf(name) in formats;
}

function formatOf(fileName: string): ArticleFormat {
  const ext = extensionOf(fileName);
  const format = formats[ext];
  if (format) return format;
  const what = ext === '' ? 'files without an extension' : `${ext} files`;
  throw new QuireError('BAD_INPUT', `Quire cannot import ${what} yet; it reads .txt, .md and .html.`);
}

function readFormat(format: ArticleFormat, text: string): FormatResult {
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
export function extractFile(bytes: Uint8Array, fileName: string): Extraction {
  const format = formatOf(fileName);
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = Math.round(bytes.byteLength / (1024 * 1024));
    throw new QuireError('BAD_INPUT', `${fileName} is ${mb} MB; Quire imports text files up to 50 MB.`);
  }
  const decoded = decodeText(bytes);
  const found = readFormat(format, decoded.text);
  const { text, passages } = buildArticleText(found.blocks);
  if (text.trim() === '') throw new QuireError('BAD_INPUT', 'No article text was found in this file.');
  const firstLine = text.slice(0, passages[0]?.end ?? 0);
  const title =
    oneLine(found.title) ?? oneLine(firstLine.length <= 200 ? firstLine : `${firstLine.slice(0, 120)}…`);
  return {
    format,
    title: title ?? fileName,
    author: oneLine(found.author),
    published: found.published,
    source: oneLine(found.source),
    url: found.url,
    language: found.language,
    text,
    passages,
    warnings: decoded.warnings,
  };
}
