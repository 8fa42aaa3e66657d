// A note's Markdown as a person reads it, for snippets and backlink context: no `>` or `#` markers, a wikilink as
// the words it shows, a link as its text, no quire:// addresses, no emphasis marks. Every pattern is linear.

const WIKILINK = /\[\[([^[\]\n|]*)(?:\|([^[\]\n]*))?\]\]/g;
export const MARKDOWN_LINK = /\[((?:\\.|[^[\]\\\n])*)\]\([^()\n]*\)/g;
const BARE_QUIRE = /quire:\/\/\S+/g;
const LINE_MARKERS = /^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?/gm;
// Emphasis marks at word edges only: `snake_case` keeps its underscores.
const EMPHASIS = /(^|[^\p{L}\p{N}_*~`])(\*\*|__|\*|_|~~|`)(?=\S)([^*_~`\n]*?\S)\2(?![\p{L}\p{N}])/gmu;

export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(WIKILINK, (_m, target: string, alias: string | undefined) =>
      (alias ?? target.replace(/#.*$/, '')).trim(),
    )
    .replace(MARKDOWN_LINK, (_m, text: string) => text.replace(/\\(.)/g, '$1'))
    .replace(BARE_QUIRE, '')
    .replace(LINE_MARKERS, '')
    .replace(EMPHASIS, '$1$3')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
