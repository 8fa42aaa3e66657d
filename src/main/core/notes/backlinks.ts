import type { Backlink } from '../api-contract';
import type { Note } from '../types';
import { parseCitations } from './citations';
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
        context: lineContext(note.body, link.start, link.end),
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
  if (!ATTRIBUTION.test(body.slice(from, start))) return lineContext(body, start, end);
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
  return text === '' ? lineContext(body, start, end) : windowAround(text, 0, 0);
}

function windowAround(line: string, start: number, end: number): string {
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
