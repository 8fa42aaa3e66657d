import { createHash } from 'node:crypto';
import type { Passage, PassageKind } from '../types';

export interface Block {
  text: string;
  kind: PassageKind;
}

// ANSI escape sequences (colour codes from terminal copies): drop the whole sequence, not just ESC.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// C0/C1 controls except \t and \n, plus invisible characters that break search and can spoof display:
// soft hyphen, zero-width space, word joiner, stray BOMs, bidi embeddings/overrides/isolates.
// ZWJ/ZWNJ (U+200C/D) stay: several scripts need them to spell words.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;

// Spaces and tabs before a line end. The lookbehind lets a run match only from its first character:
// plain /[ \t]+$/gm retries from every space of a run and is quadratic (88,736 spaces took 15 s).
const TRAILING_BLANKS = /(?<![ \t])[ \t]+$/gm;

/** Canonical form for all imported text: NFC, LF line endings, no control characters, no trailing spaces. */
export function canonicalize(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(ANSI, '')
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u2028\u2029]/g, (c) => (c === '\u00a0' ? ' ' : '\n'))
    .normalize('NFC')
    .replace(TRAILING_BLANKS, '');
}

/** What the passage id hashes: spacing changes from a re-extraction must not change the id. */
function idBasis(text: string): string {
  return text.replace(/\s{2,}|[\t\n\r\f\v]/g, ' ').trim();
}

/** A block's own text: canonical, trimmed, with no blank lines inside (blank lines separate passages). */
function blockText(text: string): string {
  return canonicalize(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Joins blocks into the article text (passages separated by one blank line) and describes each passage
 * by its offsets and a content-derived id, so re-extracting the same file yields the same ids.
 */
export function buildArticleText(blocks: readonly Block[]): { text: string; passages: Passage[] } {
  const seen = new Map<string, number>();
  const passages: Passage[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const block of blocks) {
    const text = blockText(block.text);
    if (text === '') continue;
    if (parts.length > 0) offset += 2;
    const hash = 'p' + createHash('sha1').update(idBasis(text)).digest('hex').slice(0, 8);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    const id = count === 1 ? hash : `${hash}-${count}`;
    passages.push({ id, kind: block.kind, start: offset, end: offset + text.length });
    parts.push(text);
    offset += text.length;
  }
  return { text: parts.join('\n\n'), passages };
}
