import type { ArticleFormat } from '../types';
import { extractDocx } from './docx';
import { extractEpub } from './epub';
import type { FormatResult } from './format-result';
import { extractPdf } from './pdf';

/** Formats read from bytes rather than decoded text (PDF, DOCX, EPUB), by file extension. */
export interface BinaryFormat {
  format: ArticleFormat;
  read(bytes: Uint8Array): Promise<FormatResult>;
}

export const binaryFormats: Record<string, BinaryFormat> = {
  '.pdf': { format: 'pdf', read: extractPdf },
  '.docx': { format: 'docx', read: extractDocx },
  // Sync reader: wrapped so a refusal arrives as a rejected promise like the others.
  '.epub': { format: 'epub', read: (bytes) => Promise.resolve().then(() => extractEpub(bytes)) },
};
