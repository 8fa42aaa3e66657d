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

/**
 * CommonMark code spans: a run of n backticks closed by the next run of exactly n, within one paragraph.
 * One pass collects each paragraph's runs and pairs them, so a note full of unmatched backticks or of blank
 * lines costs linear time (scanning ahead from each opener is quadratic).
 */
function inlineCode(body: string, from: number, to: number, out: [number, number][]): void {
  let runs: BacktickRun[] = [];
  let i = from;
  while (i < to) {
    const c = body[i];
    if (c === '`') {
      let n = 0;
      while (i + n < to && body[i + n] === '`') n++;
      runs.push({ at: i, length: n });
      i += n;
    } else if (c === '\n') {
      let j = i + 1;
      while (j < to && (body[j] === ' ' || body[j] === '\t')) j++;
      if (j < to && body[j] === '\n') {
        pairRuns(runs, out);
        runs = [];
      }
      i = j;
    } else {
      i++;
    }
  }
  pairRuns(runs, out);
}

interface BacktickRun {
  at: number;
  length: number;
}

/** Pairs each run with the next run of the same length, looked up in a table built backwards. */
function pairRuns(runs: readonly BacktickRun[], out: [number, number][]): void {
  const nextSame: number[] = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const length = runs[k]?.length ?? 0;
    nextSame[k] = lastOfLength.get(length) ?? -1;
    lastOfLength.set(length, k);
  }
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k];
    const closeAt = nextSame[k] ?? -1;
    const close = runs[closeAt];
    if (!open || !close) continue;
    out.push([open.at, close.at + close.length]);
    k = closeAt;
  }
}

/** True when `[start, end)` overlaps any of the sorted ranges. */
export function inRanges(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([a, b]) => start < b && end > a);
}
