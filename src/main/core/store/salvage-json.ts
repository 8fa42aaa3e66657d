// Saving what a damaged JSON file still holds: the complete objects of one array in it, in order, read with a
// scanner that knows strings and escapes, so a file cut off (or garbled) part-way keeps everything before the damage
// and, past a garbled stretch, everything after it that still reads.

/**
 * Complete elements of the array under `"key": [` that parse as JSON objects. Runs in one pass over the text.
 */
export function salvageArray(text: string, key: string): unknown[] {
  const open = findArrayStart(text, key);
  if (open < 0) return [];
  const out: unknown[] = [];
  let i = open;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
    if (i >= text.length || text[i] === ']') break;
    if (text[i] !== '{') {
      // Garbage between elements: pick up again at the next object.
      i = text.indexOf('{', i);
      if (i < 0) break;
      continue;
    }
    const end = objectEnd(text, i);
    if (end < 0) break;
    try {
      const value: unknown = JSON.parse(text.slice(i, end + 1));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) out.push(value);
    } catch {
      // A garbled element: skipped; the caller says how many records it expected.
    }
    i = end + 1;
  }
  return out;
}

function findArrayStart(text: string, key: string): number {
  const needle = JSON.stringify(key);
  let at = text.indexOf(needle);
  while (at >= 0) {
    let j = at + needle.length;
    while (j < text.length && /\s/.test(text[j] ?? '')) j++;
    if (text[j] === ':') {
      j++;
      while (j < text.length && /\s/.test(text[j] ?? '')) j++;
      if (text[j] === '[') return j + 1;
    }
    at = text.indexOf(needle, at + 1);
  }
  return -1;
}

/** Index of the `}` closing the object opened at `start`, or -1 when the text ends first. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return c === 0x7d ? i : -1;
    }
  }
  return -1;
}
