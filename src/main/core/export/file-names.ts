/** Room for the title part of a file name; with ` (NN)` and `.md` the name stays well under 255 bytes. */
export const MAX_NAME_BYTES = 120;

// Control characters and bidi overrides (which can disguise a name's extension) are dropped outright.
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
// Windows forbids <>:"|?*; `#^[]|` break Obsidian's [[wikilinks]] to the file.
const REPLACEMENTS: [RegExp, string][] = [
  [/[/\\]/g, '-'],
  [/:/g, ' -'],
  [/"/g, "'"],
  [/\[/g, '('],
  [/\]/g, ')'],
  [/[<>|?*#^]/g, ' '],
];
const RESERVED = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

const encoder = new TextEncoder();
const bytes = (s: string): number => encoder.encode(s).length;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts at a grapheme boundary (never inside a surrogate pair or before a combining mark). */
function truncateBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const n = bytes(segment);
    if (used + n > max) break;
    out += segment;
    used += n;
  }
  return out;
}

/** Hidden files (leading dot), Windows' silent trailing dot/space removal, stray spaces. */
const tidy = (s: string): string => s.replace(/\s+/gu, ' ').replace(/^[\s.]+|[\s.]+$/gu, '');

/** The name part of a note's file, without `.md` or a collision suffix. */
export function safeBaseName(title: string): string {
  let s = title.normalize('NFC').replace(INVISIBLE, ' ');
  for (const [pattern, replacement] of REPLACEMENTS) s = s.replace(pattern, replacement);
  s = tidy(truncateBytes(tidy(s), MAX_NAME_BYTES));
  if (s === '') return 'Untitled';
  const dot = s.indexOf('.');
  const stem = (dot === -1 ? s : s.slice(0, dot)).trim();
  if (RESERVED.test(stem)) s = `${stem}_${dot === -1 ? '' : s.slice(dot)}`;
  return s;
}

const nameKey = (name: string): string => name.normalize('NFC').toLowerCase();

// Lower-cased view of each `taken` set, so checking a name stays O(1) across a large export.
const lowered = new WeakMap<Set<string>, { size: number; keys: Set<string> }>();

function takenKeys(taken: Set<string>): Set<string> {
  const cached = lowered.get(taken);
  if (cached && cached.size === taken.size) return cached.keys;
  const keys = new Set([...taken].map(nameKey));
  lowered.set(taken, { size: taken.size, keys });
  return keys;
}

/**
 * A file name for a note: `Title.md`, safe on Windows, macOS and Linux, and unique in `taken` ignoring case
 * (macOS and Windows file systems do) by adding ` (2)`, ` (3)`…; the result is added to `taken`.
 */
export function safeFileName(title: string, taken: Set<string>): string {
  const base = safeBaseName(title);
  const keys = takenKeys(taken);
  let name = `${base}.md`;
  for (let n = 2; keys.has(nameKey(name)); n++) name = `${base} (${n}).md`;
  taken.add(name);
  keys.add(nameKey(name));
  lowered.set(taken, { size: taken.size, keys });
  return name;
}
