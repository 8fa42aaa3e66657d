// PDF text comes as positioned runs, not paragraphs. This file rebuilds the article from geometry alone
// (pure, no pdfjs): runs → lines → running headers/footers and page numbers set aside → paragraphs.
import type { CandidateBlock } from './assemble';
import { words } from './text-shape';

/** One text run as pdfjs reports it, in PDF user space (y grows upwards). */
export interface PdfTextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  hasEOL: boolean;
}

export interface PdfPageText {
  /** 1-based. */
  number: number;
  height: number;
  runs: PdfTextRun[];
}

export interface PdfLine {
  page: number;
  x: number;
  y: number;
  right: number;
  size: number;
  text: string;
  /** Share of the page height from the bottom (0) to the top (1). */
  height: number;
}

export interface PdfLayout {
  blocks: CandidateBlock[];
  /** The largest-font line(s) of page 1 when they stand out from the body text. */
  titleGuess: string | null;
}

/** Headers and footers live in these margins (share of the page height at the top and at the bottom). */
const MARGIN_BAND = 0.15;

function round(n: number, step: number): number {
  return Math.round(n / step) * step;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function median(values: readonly number[]): number | null {
  return values.length === 0 ? null : percentile(values, 0.5);
}

/** A horizontal gap this many font sizes wide parts two columns (or two table cells), never two words. */
const SEGMENT_GAP = 1.5;

/**
 * Runs to line segments in content-stream order: a run joins the line before it when it continues it on
 * the same baseline, less than a column gutter away. `readingOrder` then puts the segments in order.
 */
function segmentsOfPage(page: PdfPageText): PdfLine[] {
  const lines: PdfLine[] = [];
  let line: PdfLine | null = null;
  let ended = false;
  for (const run of page.runs) {
    const sameLine =
      line !== null &&
      !ended &&
      Math.abs(run.y - line.y) < 0.5 * Math.max(run.size, line.size) &&
      run.x > line.right - Math.max(run.size, line.size) &&
      run.x - line.right < SEGMENT_GAP * Math.max(run.size, line.size);
    if (run.text.trim() === '') {
      // Empty runs mark line ends; a space run between words keeps the words apart.
      if (line && sameLine && run.text !== '' && !line.text.endsWith(' ')) line.text += ' ';
      if (run.hasEOL) ended = true;
      continue;
    }
    if (line && sameLine) {
      const gap = run.x - line.right;
      if (gap > 0.15 * Math.max(run.size, line.size) && !line.text.endsWith(' ') && !run.text.startsWith(' '))
        line.text += ' ';
      line.text += run.text;
      line.right = Math.max(line.right, run.x + run.width);
      if (run.text.length > 3) line.size = Math.max(line.size, run.size);
    } else {
      if (line) lines.push(line);
      line = {
        page: page.number,
        x: run.x,
        y: run.y,
        right: run.x + run.width,
        size: run.size,
        text: run.text,
        height: page.height > 0 ? run.y / page.height : 0.5,
      };
    }
    ended = run.hasEOL;
  }
  if (line) lines.push(line);
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text !== '');
}

const crosses = (l: PdfLine, x: number): boolean => l.x < x && l.right > x;

/** Smallest and largest value, without spreading (pages can hold tens of thousands of segments). */
function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * The x of a column gutter: a vertical strip no prose line crosses, with prose lines beside each other on
 * both sides of it. Null when the lines are one column (or a table, whose short cells are not prose).
 */
function findGutter(lines: readonly PdfLine[]): number | null {
  const prose = lines.filter((l) => words(l.text).length >= 4);
  if (prose.length < 8) return null;
  const size = median(prose.map((l) => l.size)) ?? 10;
  let best: { x: number; score: number } | null = null;
  // Candidate gutters start at a line's right edge; whole points bound the candidates by the page width.
  for (const edge of new Set(prose.map((l) => Math.round(l.right)))) {
    const left = prose.filter((l) => l.right <= edge + 1);
    const right = prose.filter((l) => l.x > edge + 1);
    if (left.length < 4 || right.length < 4) continue;
    const leftX = extent(left.map((l) => l.right));
    const rightX = extent(right.map((l) => l.x));
    const gutter = rightX.min - leftX.max;
    if (gutter < 0.5 * size) continue;
    const x = leftX.max + gutter / 2;
    if (prose.filter((l) => crosses(l, x)).length > 0.15 * prose.length) continue;
    // Side by side, not one block of text above another.
    const leftY = extent(left.map((l) => l.y));
    const rightY = extent(right.map((l) => l.y));
    const overlap = Math.min(leftY.max, rightY.max) - Math.max(leftY.min, rightY.min);
    const span = Math.min(leftY.max - leftY.min, rightY.max - rightY.min);
    if (span <= 0 || overlap < 0.5 * span) continue;
    const score = Math.min(left.length, right.length);
    if (!best || score > best.score) best = { x, score };
  }
  return best?.x ?? null;
}

/** Segments on one baseline, one after the other, back into one line (table cells read as a row). */
function joinRows(segments: readonly PdfLine[]): PdfLine[] {
  const out: PdfLine[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && Math.abs(s.y - last.y) < 0.5 * Math.max(s.size, last.size) && s.x >= last.right) {
      out[out.length - 1] = {
        ...last,
        text: `${last.text} ${s.text}`,
        right: s.right,
        size: Math.max(last.size, s.size),
      };
    } else out.push(s);
  }
  return out;
}

/**
 * A page's segments in reading order. Content-stream order is the author's order in most files, but some
 * writers draw across the columns line by line; when the page has columns, each band between full-width
 * lines (a headline, a figure caption) is read column by column, top to bottom.
 */
function readingOrder(segments: readonly PdfLine[], depth = 0): PdfLine[] {
  const gutter = depth < 3 ? findGutter(segments) : null;
  if (gutter === null) return joinRows(segments);
  const out: PdfLine[] = [];
  let left: PdfLine[] = [];
  let right: PdfLine[] = [];
  const flush = (): void => {
    out.push(...readingOrder(left, depth + 1), ...readingOrder(right, depth + 1));
    left = [];
    right = [];
  };
  const byPosition = [...segments].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const line of byPosition) {
    if (crosses(line, gutter)) {
      flush();
      out.push(line);
    } else (line.right <= gutter ? left : right).push(line);
  }
  flush();
  return out;
}

/** A page's text as lines in reading order. */
export function linesOfPage(page: PdfPageText): PdfLine[] {
  return readingOrder(segmentsOfPage(page));
}

const PAGE_NUMBER =
  /^(?:(?:page|p\.|seite|página|стр\.?)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/|de|из)\s*\d{1,4})?$/i;

// Dashes, bars, bullets and spaces around a page number. The lookbehind tries a trailing run only from its
// first character: without it a long run in mid-line is rescanned from each of its characters.
const DECORATION = /^[-–—|•·\s]+|(?<![-–—|•·\s])[-–—|•·\s]+$/g;

export function isPageNumber(text: string): boolean {
  const t = text.replace(DECORATION, '');
  return t !== '' && PAGE_NUMBER.test(t);
}

/** Digits vary on running lines ("Page 3", dates of issues); the rest repeats verbatim. */
function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

function inMargin(line: PdfLine): 'top' | 'bottom' | null {
  if (line.height >= 1 - MARGIN_BAND) return 'top';
  if (line.height <= MARGIN_BAND) return 'bottom';
  return null;
}

/** Why each line is not article text (running header/footer, page number), by line index; kept lines absent. */
export function findFurniture(lines: readonly PdfLine[], pageCount: number): Map<number, string> {
  const reasons = new Map<number, string>();
  const byKey = new Map<string, number[]>();
  lines.forEach((line, i) => {
    if (line.text.length > 160) return;
    const key = runningKey(line.text);
    const indexes = byKey.get(key);
    if (indexes) indexes.push(i);
    else byKey.set(key, [i]);
  });
  const needed = Math.max(2, Math.ceil(pageCount * 0.5));
  for (const indexes of byKey.values()) {
    const pages = new Set(indexes.map((i) => lines[i]?.page));
    if (pageCount < 2 || pages.size < needed) continue;
    const y = median(indexes.map((i) => lines[i]?.y ?? 0)) ?? 0;
    for (const i of indexes) {
      const line = lines[i];
      if (!line || Math.abs(line.y - y) > 3) continue;
      reasons.set(
        i,
        isPageNumber(line.text) ? 'page number' : line.height >= 0.5 ? 'running header' : 'running footer',
      );
    }
  }
  // Page numbers change on every page, so they never repeat: find them by shape and place instead.
  const firstOnPage = new Map<number, number>();
  const lastOnPage = new Map<number, number>();
  lines.forEach((line, i) => {
    if (!firstOnPage.has(line.page)) firstOnPage.set(line.page, i);
    lastOnPage.set(line.page, i);
  });
  lines.forEach((line, i) => {
    if (reasons.has(i) || !isPageNumber(line.text)) return;
    const edge = firstOnPage.get(line.page) === i || lastOnPage.get(line.page) === i;
    if (inMargin(line) !== null || edge) reasons.set(i, 'page number');
  });
  return reasons;
}

/** The font size most of the text is set in (weighted by characters). */
function bodySize(lines: readonly PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines)
    weight.set(round(l.size, 0.5), (weight.get(round(l.size, 0.5)) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) [best, bestWeight] = [size, w];
  }
  return best;
}

function endsSentence(text: string): boolean {
  return /[.!?…:;]["'”’»)\]]*$/.test(text);
}

/** Words written with a hyphen inside a line, to decide whether a hyphen at a line end belongs to the word. */
function hyphenatedWords(lines: readonly PdfLine[]): { hyphenated: Set<string>; plain: Set<string> } {
  const hyphenated = new Set<string>();
  const plain = new Set<string>();
  for (const line of lines) {
    for (const w of line.text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
      (w.includes('-') ? hyphenated : plain).add(w);
    }
  }
  return { hyphenated, plain };
}

type HyphenWords = ReturnType<typeof hyphenatedWords>;

/** Longer than any word hyphenated at a line end. */
const MAX_WORD = 64;

/** Joins a wrapped line to the text before it: `mili-` + `tary` → `military`, `Su-` + `30SM` → `Su-30SM`. */
export function joinLines(before: string, after: string, hyphens?: HyphenWords): string {
  if (before.endsWith('\u00ad')) return before.slice(0, -1) + after;
  // `before` is the paragraph so far: look at its last word only, or joining n lines costs n² (a pattern
  // ending in `$` still scans from the start, and from every letter of a long run).
  const hyphen = /([\p{L}\p{N}]+)[-‐]$/u.exec(before.slice(-MAX_WORD));
  if (hyphen) {
    const head = hyphen[1] ?? '';
    const tail = /^[\p{L}\p{N}]+/u.exec(after)?.[0] ?? '';
    const lowerNext = /^\p{Ll}/u.test(after);
    const keep =
      !lowerNext ||
      !/\p{Ll}$/u.test(head) ||
      (hyphens !== undefined &&
        hyphens.hyphenated.has(`${head}-${tail}`.toLowerCase()) &&
        !hyphens.plain.has(`${head}${tail}`.toLowerCase()));
    return keep ? before + after : before.slice(0, -1) + after;
  }
  if (before.endsWith('—') || before.endsWith('–')) return before + after;
  return `${before} ${after}`;
}

/**
 * A paragraph's lines joined one after the other as `joinLines` joins two. It looks only at the end of the
 * text so far, so that end is all it is given: handing it the whole paragraph each time copied the paragraph
 * once per line (quadratic on a long one).
 */
function joinParagraph(lines: readonly string[], hyphens: HyphenWords): string {
  const done: string[] = [];
  let tail = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const joined = joinLines(tail, lines[i] ?? '', hyphens);
    const keep = Math.max(0, joined.length - MAX_WORD);
    done.push(joined.slice(0, keep));
    tail = joined.slice(keep);
  }
  done.push(tail);
  return done.join('');
}

interface Paragraph {
  lines: PdfLine[];
  kind: 'heading' | 'paragraph';
}

/** Typical distance between consecutive lines of one font size (the leading), per rounded size. */
function leadings(lines: readonly PdfLine[]): Map<number, number> {
  const gaps = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (!a || !b || a.page !== b.page || round(a.size, 0.5) !== round(b.size, 0.5)) continue;
    const gap = a.y - b.y;
    if (gap > 0.5 * a.size && gap < 3 * a.size) {
      const key = round(a.size, 0.5);
      const list = gaps.get(key);
      if (list) list.push(gap);
      else gaps.set(key, [gap]);
    }
  }
  return new Map([...gaps].map(([size, g]) => [size, median(g) ?? size * 1.2]));
}

// Dot leaders and a page number ("Scope ........ 6"). The lookbehind starts only at the first dot of a
// leader: otherwise a long run of dots without a number is rescanned from each dot.
const TOC_LEADER = /(?<!\.\s?)(?:\.\s?){4,}\s*\d+$/;

function startsParagraph(
  prev: PdfLine,
  line: PdfLine,
  ctx: { leading: Map<number, number>; left: number; right: number; body: number },
): boolean {
  if (Math.abs(line.size - prev.size) > 0.1 * Math.max(line.size, prev.size)) return true;
  // Table-of-contents rows ("Scope ........ 6") are one entry each, however full the line.
  if (TOC_LEADER.test(prev.text)) return true;
  const jumped = line.page !== prev.page || line.y > prev.y + 0.5 * line.size;
  // A paragraph runs on into the next page or column only from a full line that does not end a sentence.
  if (jumped) {
    if (/[-‐\u00ad]$/.test(prev.text)) return false;
    return endsSentence(prev.text) || prev.right < ctx.right - 4 * prev.size;
  }
  const pitch = ctx.leading.get(round(line.size, 0.5)) ?? line.size * 1.2;
  if (prev.y - line.y > pitch * 1.35) return true;
  const indent = 0.8 * line.size;
  if (line.x > ctx.left + indent && prev.x <= ctx.left + indent && line.x < ctx.left + 20 * line.size)
    return true;
  // Block paragraphs with no spacing: a short line that ends a sentence closes its paragraph.
  return endsSentence(prev.text) && prev.right < ctx.right - 4 * prev.size;
}

/** The lines of a whole document to blocks: furniture dropped with reasons, paragraphs and headings rebuilt. */
export function layoutPdf(pages: readonly PdfPageText[]): PdfLayout {
  const lines = pages.flatMap(linesOfPage);
  const furniture = findFurniture(lines, pages.length);
  const bodyLines = lines.filter((_, i) => !furniture.has(i));
  const body = bodySize(bodyLines);
  const bodyish = bodyLines.filter((l) => round(l.size, 0.5) === body);
  const ctx = {
    leading: leadings(bodyLines),
    left: median(bodyish.map((l) => round(l.x, 1))) ?? 0,
    right: percentile(
      bodyish.map((l) => l.right),
      0.9,
    ),
    body,
  };
  const hyphens = hyphenatedWords(bodyLines);

  const firstPage = bodyLines.filter((l) => l.page === (pages[0]?.number ?? 1));
  const biggest = Math.max(0, ...firstPage.map((l) => l.size));
  const titleLines = biggest > body * 1.15 ? firstPage.filter((l) => l.size === biggest) : [];
  // Only the first run of consecutive biggest lines is the title; a later one in that size is a heading.
  const firstTitle = titleLines[0];

  const blocks: CandidateBlock[] = [];
  let current: Paragraph | null = null;
  let titleGuess: string | null = null;
  const emit = (p: Paragraph | null): void => {
    if (!p) return;
    const text = joinParagraph(
      p.lines.map((l) => l.text),
      hyphens,
    );
    if (firstTitle !== undefined && p.lines[0] === firstTitle && titleGuess === null) {
      titleGuess = text;
      blocks.push({ text, kind: 'heading', kept: false, reason: 'title' });
    } else blocks.push({ text, kind: p.kind });
  };
  lines.forEach((line, i) => {
    const reason = furniture.get(i);
    if (reason !== undefined) {
      blocks.push({ text: line.text, kind: 'paragraph', kept: false, reason });
      return;
    }
    const kind = line.size > body * 1.15 ? 'heading' : 'paragraph';
    const prev = current?.lines[current.lines.length - 1];
    if (current && prev && current.kind === kind && !startsParagraph(prev, line, ctx)) {
      current.lines.push(line);
      return;
    }
    emit(current);
    current = { lines: [line], kind };
  });
  emit(current);
  return { blocks, titleGuess };
}
