// Article text inside Markdown files: every character that Markdown (or Obsidian: ==highlight==, %%comment%%,
// $math$, #tag, ^block) would read as syntax is backslash-escaped, so the text shows exactly as imported.

const INLINE = /[\\`*_[\]<>#|$%=~^{}]/g;
const ENTITY_LIKE = /&(?=#?[a-z0-9]+;)/gi;
// Line starts that make a list, heading, quote, thematic break or setext underline.
const LINE_START = /^(\s*)([-+]|\d+[.)])(?=\s|$)/;

export function escapeMarkdownLine(line: string): string {
  const escaped = line.replace(INLINE, '\\$&').replace(ENTITY_LIKE, '\\&');
  return escaped.replace(LINE_START, (_all, space: string, marker: string) =>
    marker === '-' || marker === '+'
      ? `${space}\\${marker}`
      : `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
  );
}

export function escapeMarkdown(text: string): string {
  return text.split('\n').map(escapeMarkdownLine).join('\n');
}

/** An Obsidian block id (letters, digits, dashes) for a passage id. */
export function blockId(passageId: string): string {
  return passageId.replace(/[^A-Za-z0-9-]/g, '-') || 'p';
}

/**
 * A tag path as an Obsidian nested tag, without the `#`: `["Actors", "Russia"]` → `actors/russia`. Obsidian tags
 * hold letters, digits, `_`, `-` and `/`, and not only digits.
 */
export function obsidianTag(path: readonly string[]): string {
  return path
    .map((segment) => {
      const s = segment
        .normalize('NFC')
        .toLowerCase()
        .trim()
        .replace(/\s+/gu, '-')
        .replace(/[^\p{L}\p{N}\p{M}_-]/gu, '');
      return s === '' ? '_' : /^\d+$/.test(s) ? `_${s}` : s;
    })
    .join('/');
}

/** Text safe as a wikilink alias: no `]]`, `|` or line break can end the link early. */
export function aliasText(s: string): string {
  return s.replace(/[|\]\n\r]/g, (c) => (c === '|' ? '/' : c === ']' ? ')' : ' ')).replace(/\[/g, '(');
}
