// A note's headings (ATX `#` headings outside fenced code), for the outline panel and `[[Note#` completion.
// Parsed by hand, line by line: linear however the note is written.

export interface Heading {
  level: number;
  text: string;
  /** Offset of the heading line in the note. */
  from: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** `## Title ##` → { level: 2, text: 'Title' }; anything else → null. */
export function atxHeading(line: string): { level: number; text: string } | null {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let level = 0;
  while (line[i + level] === '#') level++;
  if (level < 1 || level > 6) return null;
  const rest = line.slice(i + level);
  if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') return null;
  let text = rest.trim();
  // An optional closing run of `#`, when a space separates it from the text.
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0) text = '';
  else if (end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t'))
    text = text.slice(0, end).trim();
  return text === '' ? null : { level, text };
}

export function outlineOf(markdown: string): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  let offset = 0;
  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
    } else if (marker) {
      fence = marker;
    } else {
      const h = line.includes('#') ? atxHeading(line) : null;
      if (h) out.push({ ...h, from: offset });
    }
    offset += line.length + 1;
  }
  return out;
}
