import type { CandidateBlock } from './assemble';

/** What each format reader hands to `extractFile`: metadata it could find and the body as blocks. */
export interface FormatResult {
  title: string | null;
  author: string | null;
  published: string | null;
  source: string | null;
  url: string | null;
  language: string | null;
  /** Every block in document order; dropped ones carry `kept: false` and a reason. */
  blocks: CandidateBlock[];
}

/** Collapses runs of spaces and tabs inside a line (scraped text is full of them); keeps line breaks. */
export function tidyInline(s: string): string {
  return s.replace(/[ \t]{2,}|\t/g, ' ').trim();
}

/** One line with single spaces: how blocks are compared, whatever line breaks or runs of spaces they hold. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
