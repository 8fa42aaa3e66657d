import type { Backlink } from '../api-contract';
import type { Note } from '../types';
import { parseCitations } from './citations';
import { markdownToPlain } from './plain-text';
import { linksTo, parseWikilinks } from './wikilinks';

export const CONTEXT_MAX = 160;

/**
 * Notes that link to `target` with `[[Title]]`, one entry per note (context from its first link), in the
 * order given. A note never backlinks itself.
 */
export function noteBacklinks(notes: readonly Note[], target: Note): Backlink[] {
  const out: Backlink[] = [];
  for (const note of notes) {
    if (note.id === target.id) continue;
    const link = parseWikilinks(note.body).find((l) => linksTo(l, target.title));
    if (link)
      out.push({
        noteId: note.id,
        noteTitle: note.title,
        context: plainLineContext(note.body, link.start, link.end, link.alias ?? link.target),
        kind: 'link',
      });
  }
  return out;
}

/**
 * Notes citing the article, one entry per note. For a citation block the context is the quoted passage (the
 * attribution line itself only repeats the article title); for a link in prose, the line around it.
 */
export function articleBacklinks(notes: readonly Note[], articleId: string): Backlink[] {
  const out: Backlink[] = [];
  for (const note of notes) {
    const citation = parseCitations(note.body).find((c) => c.articleId === articleId);
    if (citation) {
      out.push({
        noteId: note.id,
        noteTitle: note.title,
        context: citationContext(note.body, citation.start, citation.end),
        kind: 'citation',
      });
    }
  }
  return out;
}

function lineBounds(body: string, start: number, end: number): [number, number] {
  const from = body.lastIndexOf('\n', start - 1) + 1;
  const nl = body.indexOf('\n', end);
  return [from, nl === -1 ? body.length : nl];
}

/** The trimmed line holding `[start, end)`, cut to a window around the link when the line is long. */
export function lineContext(body: string, start: number, end: number): string {
  const [from, to] = lineBounds(body, start, end);
  return windowAround(body.slice(from, to), start - from, end - from);
}

const ATTRIBUTION = /^\s*(?:>\s*)+[—–-]\s*$/;

function citationContext(body: string, start: number, end: number): string {
  const [from] = lineBounds(body, start, end);
  if (!ATTRIBUTION.test(body.slice(from, start))) return plainLineContext(body, start, end, null);
  const quoted: string[] = [];
  let lineEnd = from - 1;
  while (lineEnd > 0) {
    const lineStart = body.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = body.slice(lineStart, lineEnd);
    if (!/^\s*>/.test(line)) break;
    quoted.unshift(line.replace(/^\s*(?:>\s?)+/, '').trim());
    lineEnd = lineStart - 1;
  }
  const text = quoted
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\\([[\]\\])/g, '$1');
  return text === '' ? plainLineContext(body, start, end, null) : windowAround(markdownToPlain(text), 0, 0);
}

/**
 * The line holding `[start, end)` as a person reads it (see plain-text.ts), cut to a window around the words the
 * link shows (`shown`), or around where the link was when it shows none.
 */
export function plainLineContext(body: string, start: number, end: number, shown: string | null): string {
  const [from, to] = lineBounds(body, start, end);
  const line = body.slice(from, to);
  const plain = markdownToPlain(line);
  const before = markdownToPlain(line.slice(0, start - from)).length;
  const words = shown?.trim() ?? '';
  const at = words === '' ? -1 : plain.indexOf(words, Math.max(0, before - 1));
  return at >= 0 ? windowAround(plain, at, at + words.length) : windowAround(plain, before, before);
}

export function windowAround(line: string, start: number, end: number): string {
  const trimmed = line.trim();
  if ([...trimmed].length <= CONTEXT_MAX) return trimmed;
  const chars = [...line];
  // Convert UTF-16 offsets to code-point offsets so the cut never splits a surrogate pair.
  const cpStart = [...line.slice(0, start)].length;
  const cpEnd = cpStart + [...line.slice(start, end)].length;
  const room = Math.max(0, CONTEXT_MAX - (cpEnd - cpStart));
  let a = Math.max(0, cpStart - Math.floor(room / 2));
  const b = Math.min(chars.length, a + Math.max(CONTEXT_MAX, cpEnd - cpStart));
  a = Math.max(0, Math.min(a, b - CONTEXT_MAX));
  const body = chars.slice(a, b).join('').trim();
  return `${a > 0 ? '…' : ''}${body}${b < chars.length ? '…' : ''}`;
}
