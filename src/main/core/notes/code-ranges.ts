/**
 * `[start, end)` ranges of a Markdown body that are code (fenced blocks and inline spans), sorted. Links written
 * inside code are examples, not links: wikilink and citation parsing skip them.
 */
export function codeRanges(body: string): [number, number][] {
  const ranges: [number, number][] = [];
  const prose: [number, number][] = [];
  let proseStart = 0;
  let fence: { char: string; length: number; start: number } | null = null;
  let offset = 0;
  while (offset <= body.length) {
    const nl = body.indexOf('\n', offset);
    const lineEnd = nl === -1 ? body.length : nl;
    const next = nl === -1 ? body.length + 1 : nl + 1;
    const line = body.slice(offset, lineEnd);
    if (fence === null) {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      const marker = open?.[1];
      if (marker !== undefined && !(marker[0] === '`' && line.slice(open?.[0].length).includes('`'))) {
        fence = { char: marker[0] ?? '`', length: marker.length, start: offset };
        prose.push([proseStart, offset]);
      }
    } else {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line)?.[1];
      if (close !== undefined && close[0] === fence.char && close.length >= fence.length) {
        ranges.push([fence.start, Math.min(next, body.length)]);
        proseStart = Math.min(next, body.length);
        fence = null;
      }
    }
    offset = next;
  }
  if (fence !== null) ranges.push([fence.start, body.length]);
  else prose.push([proseStart, body.length]);
  for (const [from, to] of prose) inlineCode(body, from, to, ranges);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** CommonMark code spans: a run of n backticks closed by the next run of exactly n, within one paragraph. */
function inlineCode(body: string, from: number, to: number, out: [number, number][]): void {
  let i = from;
  while (i < to) {
    if (body[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (i + n < to && body[i + n] === '`') n++;
    const paragraphEnd = /\n[ \t]*\n/.exec(body.slice(i + n, to));
    const limit = paragraphEnd ? i + n + paragraphEnd.index : to;
    let j = i + n;
    let closed = -1;
    while (j < limit) {
      if (body[j] !== '`') {
        j++;
        continue;
      }
      let k = 0;
      while (j + k < limit && body[j + k] === '`') k++;
      if (k === n) {
        closed = j + k;
        break;
      }
      j += k;
    }
    if (closed === -1) {
      i += n;
    } else {
      out.push([i, closed]);
      i = closed;
    }
  }
}

/** True when `[start, end)` overlaps any of the sorted ranges. */
export function inRanges(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([a, b]) => start < b && end > a);
}
