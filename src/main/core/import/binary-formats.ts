import type { ArticleFormat } from '../types';
import type { FormatResult } from './format-result';

/** Formats read from bytes rather than decoded text (PDF, DOCX, EPUB), by file extension. */
export interface BinaryFormat {
  format: ArticleFormat;
  read(bytes: Uint8Array): Promise<FormatResult>;
}

export const binaryFormats: Record<string, BinaryFormat> = {};
