// Unlinked mentions: a note's title written in another note (or in an article) without a `[[link]]`. Matching is
// case-insensitive, on whole words, never inside code, links or addresses; the pattern is the title's words as
// literals joined by whitespace, so it runs in linear time whatever the text.
import { codeRanges, inRanges } from './code-ranges';
import { MARKDOWN_LINK } from './plain-text';
import { parseWikilinks } from './wikilinks';

/** Titles this short would be found in every other sentence; they are not looked for. */
export const MIN_TITLE_CHARS = 3;
const URL = /\b(?:https?|quire|mailto):\/*[^\s<>)\]]+/gi;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

function titlePattern(title: string): RegExp | null {
  const words = title.trim().split(/\s+/u).filter(Boolean);
  if (words.join(' ').length < MIN_TITLE_CHARS) return null;
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'giu');
}

/** Whether a title is long enough to look for. */
export function mentionable(title: string): boolean {
  return titlePattern(title) !== null;
}

/** Where the text is not prose: code, wikilinks, Markdown links, web and quire addresses. */
function protectedRanges(body: string): [number, number][] {
  const ranges = codeRanges(body);
  for (const l of parseWikilinks(body)) ranges.push([l.start, l.end]);
  for (const m of body.matchAll(MARKDOWN_LINK)) ranges.push([m.index, m.index + m[0].length]);
  for (const m of body.matchAll(URL)) ranges.push([m.index, m.index + m[0].length]);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** `[start, end)` of every unlinked mention of `title` in a Markdown body. */
export function findMentions(body: string, title: string, markdown = true): [number, number][] {
  const pattern = titlePattern(title);
  if (!pattern) return [];
  const guarded = markdown ? protectedRanges(body) : [];
  const out: [number, number][] = [];
  for (const m of body.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (WORD_CHAR.test(body[start - 1] ?? '') || WORD_CHAR.test(body[end] ?? '')) continue;
    if (guarded.length > 0 && inRanges(guarded, start, end)) continue;
    out.push([start, end]);
  }
  return out;
}

/**
 * Links every unlinked mention of `title`: `[[Title]]` where it is written as the title is, `[[Title|as written]]`
 * where the case or spacing differs, so the sentence reads as before.
 */
export function linkMentions(body: string, title: string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of findMentions(body, title)) {
    const written = body.slice(start, end);
    out += body.slice(at, start) + (written === title ? `[[${title}]]` : `[[${title}|${written}]]`);
    at = end;
  }
  return out + body.slice(at);
}
