// Another tool's plain text becomes a Quire article text (canonical: NFC, LF, trimmed lines, passages separated
// by one blank line), and every position in the original maps onto it, so a coded selection still covers the
// same words. Text Quire exported itself is already canonical and maps onto itself unchanged.
import { buildArticleText } from '../import/canonical';
import type { Passage } from '../types';

export interface MappedText {
  text: string;
  passages: Passage[];
  /** [start, end) in the original (UTF-16 indexes) → the same words in `text`; null when nothing is left. */
  map(start: number, end: number): { start: number; end: number } | null;
}

// Dropped outright, as canonicalize() drops them (controls, soft hyphen, zero-width space, BOM, bidi controls).
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/;
const BLANK = /[ \t\u00a0]/;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface Line {
  /** Output characters of the line and, for each, the original index of its first source character. */
  chars: string[];
  from: number[];
  /** Original index just past the line's last kept character. */
  until: number[];
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let line: Line = { chars: [], from: [], until: [] };
  for (const { segment, index: at } of segmenter.segment(source)) {
    if (
      segment === '\n' ||
      segment === '\r\n' ||
      segment === '\r' ||
      segment === '\u2028' ||
      segment === '\u2029'
    ) {
      lines.push(line);
      line = { chars: [], from: [], until: [] };
      continue;
    }
    let out = '';
    for (const ch of segment) if (!INVISIBLE.test(ch)) out += BLANK.test(ch) ? ' ' : ch;
    if (out === '') continue;
    line.chars.push(out.normalize('NFC'));
    line.from.push(at);
    line.until.push(at + segment.length);
  }
  lines.push(line);
  return lines.map(trim);
}

function trim(line: Line): Line {
  let s = 0;
  let e = line.chars.length;
  while (s < e && /^\s+$/u.test(line.chars[s] ?? '')) s++;
  while (e > s && /^\s+$/u.test(line.chars[e - 1] ?? '')) e--;
  return { chars: line.chars.slice(s, e), from: line.from.slice(s, e), until: line.until.slice(s, e) };
}

/**
 * Blocks are runs of non-empty lines separated by blank lines; a text with no blank line at all but many lines
 * (one paragraph per line, as many tools write) makes each line a passage.
 */
export function mapText(source: string): MappedText {
  const lines = splitLines(source);
  const hasBlank = lines.some((l, i) => l.chars.length === 0 && i > 0 && i < lines.length - 1);
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const l of lines) {
    if (l.chars.length === 0) {
      if (current.length) blocks.push(current);
      current = [];
    } else if (!hasBlank) {
      blocks.push([l]);
    } else current.push(l);
  }
  if (current.length) blocks.push(current);

  // Output position of each kept grapheme, by original index.
  const starts: { from: number; until: number; at: number; len: number }[] = [];
  let text = '';
  for (const block of blocks) {
    if (text !== '') text += '\n\n';
    block.forEach((l, li) => {
      if (li > 0) text += '\n';
      l.chars.forEach((c, ci) => {
        starts.push({ from: l.from[ci] ?? 0, until: l.until[ci] ?? 0, at: text.length, len: c.length });
        text += c;
      });
    });
  }
  const built = buildArticleText(
    blocks.map((b) => ({ kind: 'paragraph', text: b.map((l) => l.chars.join('')).join('\n') })),
  );
  // buildArticleText re-canonicalizes each block; for text prepared as above it must change nothing.
  const passages = built.text === text ? built.passages : [];
  const finalText = built.text === text ? text : built.text;

  return {
    text: finalText,
    passages,
    map(start, end) {
      if (finalText !== text) return null;
      // First kept grapheme starting at or after `start`; last one ending at or before `end`.
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((starts[mid]?.until ?? 0) <= start) lo = mid + 1;
        else hi = mid;
      }
      const first = starts[lo];
      lo = 0;
      hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((starts[mid]?.from ?? 0) < end) lo = mid + 1;
        else hi = mid;
      }
      const last = starts[lo - 1];
      if (!first || !last || last.at + last.len <= first.at) return null;
      return { start: first.at, end: last.at + last.len };
    },
  };
}
