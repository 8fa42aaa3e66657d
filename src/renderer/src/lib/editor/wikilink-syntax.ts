// `[[Target|alias]]` and `![[Target]]` as Markdown syntax nodes (Wikilink, Embed, with WikilinkMark for the
// brackets), so live preview and completion see them through the syntax tree, never inside code.
import { tags } from '@lezer/highlight';
import type { InlineContext, MarkdownConfig } from '@lezer/markdown';

const BANG = 33;
const OPEN = 91;
const CLOSE = 93;
const NEWLINE = 10;

function parseWikilink(cx: InlineContext, next: number, start: number): number {
  const embed = next === BANG;
  if (
    embed
      ? cx.char(start + 1) !== OPEN || cx.char(start + 2) !== OPEN
      : next !== OPEN || cx.char(start + 1) !== OPEN
  ) {
    return -1;
  }
  const open = start + (embed ? 3 : 2);
  // Linear: the scan stops at the first `[`, `]` or line end after the opening brackets.
  for (let i = open; i < cx.end; i++) {
    const c = cx.char(i);
    if (c === NEWLINE || c === OPEN) return -1;
    if (c === CLOSE) {
      if (i === open || cx.char(i + 1) !== CLOSE) return -1;
      return cx.addElement(
        cx.elt(embed ? 'Embed' : 'Wikilink', start, i + 2, [
          cx.elt('WikilinkMark', start, open),
          cx.elt('WikilinkMark', i, i + 2),
        ]),
      );
    }
  }
  return -1;
}

export const wikilinkSyntax: MarkdownConfig = {
  defineNodes: [
    { name: 'Wikilink', style: tags.link },
    { name: 'Embed', style: tags.link },
    { name: 'WikilinkMark', style: tags.processingInstruction },
  ],
  // Before Link and Image, which would otherwise read `[[` and `![[` as their own brackets.
  parseInline: [{ name: 'Wikilink', parse: parseWikilink, before: 'Link' }],
};

/** The text between the brackets of a Wikilink or Embed node: `Target|alias` → target `Target`, alias `alias`. */
export function wikilinkParts(inner: string): { target: string; alias: string | null; aliasAt: number } {
  const bar = inner.indexOf('|');
  if (bar === -1) return { target: inner.trim(), alias: null, aliasAt: -1 };
  const target = inner.slice(0, bar).replace(/\\$/, '').trim();
  const alias = inner.slice(bar + 1).trim();
  return { target, alias: alias === '' ? null : alias, aliasAt: bar + 1 };
}
