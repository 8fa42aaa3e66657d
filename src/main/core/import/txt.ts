// Cleaning a browser "select all + copy" of a news page. The body is the densest run of prose lines;
// runs of prose separated from it by a little chrome (a related-posts box between two paragraphs) join
// it when they read like more of the article, while lone sentences far from it (teasers, footers) do not.
import type { CandidateBlock } from './assemble';
import type { Block } from './canonical';
import { canonicalize } from './canonical';
import { isDateLine } from './dates';
import { tidyInline, type FormatResult } from './format-result';
import { bylineName, findByline, findSource, findTitleRow, findUrl, type Row } from './txt-metadata';
import {
  chromeReason,
  isCodeLike,
  isCountLine,
  endsSentence,
  isBullet,
  isProse,
  codeBlockRows,
  joinHardWrapped,
  isTitleShaped,
  isTruncated,
  isWidget,
  hasCredit,
  stripBullet,
  stopWordRatio,
  words,
} from './text-shape';

/** Chrome rows allowed between two parts of the body (a related-posts box is ~6-20 lines). */
const MAX_GAP = 25;
/** Interruptions this small (a subheading, an ad label) never split the body. */
const SMALL_GAP = 2;

interface Island {
  first: number;
  last: number;
  chars: number;
  rows: number;
}

/**
 * Matches of a global `pattern` in `s`, counted no further than `limit`: callers only ask "at least two
 * sentences?", and collecting every match of a 10 MB line into an array costs seconds and hundreds of MB.
 */
function countUpTo(s: string, pattern: RegExp, limit: number): number {
  const re = new RegExp(pattern.source, pattern.flags);
  let n = 0;
  while (n < limit && re.exec(s) !== null) n++;
  return n;
}

const SENTENCE_END = /[.!?။]["”’)]*(?=\s|$)/g;
const LETTER = /\p{L}/gu;

function findIslands(rows: readonly Row[]): Island[] {
  const islands: Island[] = [];
  let current: Island | null = null;
  rows.forEach((row, i) => {
    if (!row.prose) {
      current = null;
      return;
    }
    if (current) {
      current.last = i;
      current.chars += row.text.length;
      current.rows++;
    } else {
      current = { first: i, last: i, chars: row.text.length, rows: 1 };
      islands.push(current);
    }
  });
  return islands;
}

/** More of the article rather than a teaser: several paragraphs, or one paragraph of several sentences. */
function readsLikeBody(island: Island, rows: readonly Row[]): boolean {
  if (island.rows >= 2) return true;
  const t = rows[island.first]?.text ?? '';
  return countUpTo(t, SENTENCE_END, 2) >= 2 && words(t).length >= 15;
}

/** Running count of evidence rows, so any gap's evidence is counted in constant time. */
type EvidenceSums = readonly number[];

function evidenceSums(evidence: readonly boolean[]): EvidenceSums {
  const sums = [0];
  evidence.forEach((e, i) => sums.push((sums[i] ?? 0) + (e ? 1 : 0)));
  return sums;
}

/** Rows strictly between `a` and `b` show (almost) no chrome: the gap is part of the article. */
function cleanGap(sums: EvidenceSums, a: number, b: number): boolean {
  const rows = b - a - 1;
  if (rows <= 0) return true;
  const n = (sums[b] ?? 0) - (sums[a + 1] ?? 0);
  // A long run of code or list lines with a stray date or a repeated line in it is still the article;
  // a related-posts box is mostly evidence (dates, repeats, counts).
  return n === 0 || (rows >= 10 && n / rows <= 0.1);
}

/** The body grown outwards from one island: neighbours join across clean gaps or short chrome. */
function growFrom(
  rows: readonly Row[],
  islands: readonly Island[],
  sums: EvidenceSums,
  mainIndex: number,
): Island[] {
  const main = islands[mainIndex];
  if (!main) return [];
  const accepted: Island[] = [main];
  const joins = (isl: Island, gap: number, clean: boolean): boolean =>
    clean || gap <= SMALL_GAP || (gap <= MAX_GAP && readsLikeBody(isl, rows));
  let boundary = main.first;
  for (let k = mainIndex - 1; k >= 0; k--) {
    const isl = islands[k];
    if (!isl) break;
    const gap = boundary - isl.last - 1;
    const clean = cleanGap(sums, isl.last, boundary);
    if (gap > MAX_GAP && !clean) break;
    if (joins(isl, gap, clean)) {
      accepted.unshift(isl);
      boundary = isl.first;
    }
  }
  boundary = main.last;
  for (let k = mainIndex + 1; k < islands.length; k++) {
    const isl = islands[k];
    if (!isl) break;
    const gap = isl.first - boundary - 1;
    const clean = cleanGap(sums, boundary, isl.first);
    if (gap > MAX_GAP && !clean) break;
    if (joins(isl, gap, clean)) {
      accepted.push(isl);
      boundary = isl.last;
    }
  }
  return accepted;
}

/** The body: the largest run of prose inside the heaviest run of rows, grown across clean gaps and short
 * chrome. (Choosing the cluster with the most prose instead was tried: a comment thread often outweighs the article, so it lost.) */
function selectBody(rows: readonly Row[], sums: EvidenceSums, evidence: readonly boolean[]): Island[] {
  const islands = findIslands(rows);
  const weights = rows.map((r, i) => rowWeight(r, evidence[i] ?? false));
  // The biggest island must lie in the heaviest run of rows, so a long footer disclaimer cannot outweigh
  // an article that chrome (ads, inline links) broke into short islands.
  const heaviest = bestSegment(weights, 0, rows.length - 1);
  const inside = (isl: Island): boolean =>
    !heaviest || (isl.first >= heaviest.first && isl.last <= heaviest.last);
  let main = -1;
  islands.forEach((isl, i) => {
    if (!inside(isl)) return;
    if (main < 0 || isl.chars > (islands[main]?.chars ?? 0)) main = i;
  });
  return main < 0 ? [] : growFrom(rows, islands, sums, main);
}

function proseBlock(text: string, raw: string): Block {
  return {
    text: tidyInline(isBullet(raw) ? stripBullet(raw) : text),
    kind: isBullet(raw) ? 'list' : 'paragraph',
  };
}

/** A line inside the article that is not running prose: a subheading, a list item, a line of code. */
function innerBlock(raw: string): Block {
  const t = raw.trim();
  if (isBullet(raw)) return { text: tidyInline(stripBullet(raw)), kind: 'list' };
  if (isTitleShaped(t) && words(t).length <= 15 && !endsSentence(t))
    return { text: tidyInline(t), kind: 'heading' };
  return { text: tidyInline(t), kind: 'paragraph' };
}

/** A short bullet without a sentence ending is a menu entry; a bullet that reads as a sentence is a list item. */
function isMenuBullet(raw: string): boolean {
  return isBullet(raw) && words(raw).length < 12 && !endsSentence(raw);
}

/** Rows that only a web page has: menus, share counts, widgets, captions, teaser ellipses, form fields. */
function isChrome(raw: string): boolean {
  const t = raw.trim();
  return (
    isMenuBullet(raw) ||
    isWidget(t) ||
    hasCredit(t) ||
    isTruncated(t) ||
    isCountLine(t) ||
    /^\[\s*\]/.test(t) ||
    (isBullet(raw) && words(t).length < 3)
  );
}

/** Chrome, or page-structure lines (dates, bylines, repeated lines) that never sit inside running text. */
function hasEvidence(row: Row, count: number, inCode: boolean): boolean {
  const t = row.text.trim();
  // Repeated code punctuation ("});") is not a repeated teaser; only worded lines count as repeats.
  const letters = count > 1 ? countUpTo(t, LETTER, 15) : 0;
  // A worded line seen twice is a teaser or caption repeated; a short label seen three times is a button.
  const repeated = !isCodeLike(t) && ((count > 1 && letters >= 15) || (count > 2 && letters >= 2));
  // Widget words in a longer line ("ensuring cookies aren't readable") are prose about them, not a widget.
  const chrome = isChrome(row.text) && !(isWidget(t) && words(t).length > 8 && !COOKIE_SHAPE.test(t));
  // Inside a listing or table, timestamps, " / " operators and names are cells, not page structure.
  if (inCode) return chrome && !hasCredit(t);
  return repeated || chrome || isDateLine(t) || bylineName(t) !== null;
}

const COOKIE_SHAPE = /\bcookies?\b.*\b(?:accept|consent|agree|opt[- ]out|experience|privacy|settings)\b/i;

/** Which rows make up the article, each with the block it becomes. */
function keptRows(
  rows: readonly Row[],
  body: readonly Island[],
  counts: Map<string, number>,
  evidence: readonly boolean[],
  sums: EvidenceSums,
): Map<number, Block> {
  const kept = new Map<number, Block>();
  body.forEach((isl, n) => {
    const prev = n > 0 ? body[n - 1] : undefined;
    if (prev) {
      const gap = isl.first - prev.last - 1;
      if (gap > 0 && cleanGap(sums, prev.last, isl.first)) {
        for (let i = prev.last + 1; i < isl.first; i++) {
          const r = rows[i];
          if (r && !evidence[i]) kept.set(i, innerBlock(r.text));
        }
      } else if (gap > 0 && gap <= SMALL_GAP) {
        // A lone headline-shaped line between two body parts is a subheading; anything longer is chrome.
        for (let i = prev.last + 1; i < isl.first; i++) {
          const t = rows[i]?.text.trim() ?? '';
          if (isTitleShaped(t) && !isDateLine(t) && counts.get(t) === 1)
            kept.set(i, { text: tidyInline(t), kind: 'heading' });
        }
      }
    }
    for (let i = isl.first; i <= isl.last; i++) {
      const r = rows[i];
      if (r) kept.set(i, proseBlock(r.text.trim(), r.text));
    }
  });
  return kept;
}

// A row's weight as article text: prose for its length, chrome and page structure against. A chrome row
// weighs as much as a 20-word sentence: a menu or related box splits runs of text, a stray date does not.
const EVIDENCE_COST = 20;
const NO_SPACES = /[\u1000-\u109f\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff]/;

function rowWeight(row: Row, evidence: boolean): number {
  if (evidence) return -EVIDENCE_COST;
  // Scripts written without spaces (CJK, Thai, Burmese) carry about a word per two characters.
  const n = NO_SPACES.test(row.text) ? row.text.trim().length / 2 : words(row.text).length;
  if (row.prose) return Math.min(n, 150);
  // Hard-wrapped prose, table rows and list items with running words: article-like, but weakly.
  if (n >= 6 && stopWordRatio(words(row.text)) >= 0.2) return n / 4;
  return -1;
}

/** A run of consecutive rows and its total weight. */
interface Segment {
  first: number;
  last: number;
  sum: number;
}

/** The run of rows with the largest total weight (Kadane), within [lo, hi]. */
function bestSegment(weights: readonly number[], lo: number, hi: number): Segment | null {
  let best: Segment | null = null;
  let sum = 0;
  let start = lo;
  for (let i = lo; i <= hi; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += weights[i] ?? 0;
    if (sum > 0 && (!best || sum > best.sum)) best = { first: start, last: i, sum };
  }
  return best;
}

interface Cluster {
  titleRow: number | null;
  bylineRow: number;
}

/** Why a row is not part of the article, in a researcher's words. */
function dropReason(
  rows: readonly Row[],
  i: number,
  counts: Map<string, number>,
  cluster: Cluster,
  code: readonly boolean[],
): string {
  const raw = rows[i]?.text ?? '';
  const t = raw.trim();
  if (i === cluster.titleRow) return 'title';
  if (i === cluster.bylineRow || bylineName(t) !== null) return 'byline';
  if (isDateLine(t)) return 'date line';
  const named = chromeReason(t);
  if (named) return named;
  if (/^\[\s*\]/.test(t)) return 'form field';
  if (isBullet(raw) && !endsSentence(t)) return 'menu';
  const seen = counts.get(t) ?? 0;
  if (((seen > 1 && t.length >= 15) || seen > 2) && !isCodeLike(t) && !code[i]) return 'duplicate';
  if (/^tags?\s*:/i.test(t)) return 'tag list';
  if (isTitleShaped(t) && (isDateLine(rows[i + 1]?.text ?? '') || isDateLine(rows[i + 2]?.text ?? '')))
    return 'related posts';
  return 'outside the article';
}

function allBlocks(
  rows: readonly Row[],
  kept: Map<number, Block>,
  counts: Map<string, number>,
  cluster: Cluster,
  code: readonly boolean[],
): CandidateBlock[] {
  return rows.map((r, i) => {
    const block = kept.get(i);
    if (block) return block;
    // A restored line reads as it would have if kept: bullets become list items, without the bullet.
    return {
      ...proseBlock(r.text.trim(), r.text),
      kept: false,
      reason: dropReason(rows, i, counts, cluster, code),
    };
  });
}

export function extractTxt(input: string): FormatResult {
  const lines = joinHardWrapped(canonicalize(input).split('\n'));
  const texts = lines.filter((l) => l.trim() !== '');
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t.trim(), (counts.get(t.trim()) ?? 0) + 1);
  // Repeated prose is an image caption shown twice or a teaser repeated in several boxes.
  const rows: Row[] = texts.map((text) => ({ text, prose: isProse(text) && counts.get(text.trim()) === 1 }));
  const code = codeBlockRows(rows);
  const evidence = rows.map((r, i) => hasEvidence(r, counts.get(r.text.trim()) ?? 0, code[i] ?? false));
  const url = findUrl(rows);
  const readerMode = !rows.some((r) => isChrome(r.text) || chromeReason(r.text) !== null);

  const sums = evidenceSums(evidence);
  const body = selectBody(rows, sums, evidence);
  const first = body[0];
  if (!first) {
    // No sentence-shaped text at all (a list, verse, a single heading): keep every line rather than nothing.
    const titleRow = rows.findIndex((r) => isTitleShaped(r.text));
    const kept = new Map<number, Block>();
    rows.forEach((r, i) => {
      if (i !== titleRow && !isChrome(r.text)) kept.set(i, proseBlock(r.text.trim(), r.text));
    });
    return {
      title: titleRow >= 0 ? tidyInline(rows[titleRow]?.text ?? '') : null,
      author: null,
      published: null,
      source: null,
      url,
      language: null,
      blocks: allBlocks(
        rows,
        kept,
        counts,
        { titleRow: titleRow >= 0 ? titleRow : null, bylineRow: -1 },
        code,
      ),
    };
  }
  const bodyStart = first.first;
  const titleRow = findTitleRow(rows, bodyStart);
  const meta = findByline(rows, titleRow === null ? 0 : titleRow + 1, bodyStart);
  const kept = readerMode
    ? readerModeRows(rows, titleRow, bodyStart)
    : keptRows(rows, body, counts, evidence, sums);
  return {
    title: titleRow === null ? null : tidyInline(rows[titleRow]?.text ?? ''),
    author: meta.author,
    published: meta.published,
    source: findSource(rows, titleRow ?? bodyStart),
    url,
    language: null,
    blocks: allBlocks(rows, kept, counts, { titleRow, bylineRow: meta.authorRow }, code),
  };
}

/** A page with no chrome at all: everything after the title/byline cluster is the article. */
function readerModeRows(
  rows: readonly Row[],
  titleRow: number | null,
  bodyStart: number,
): Map<number, Block> {
  const start = titleRow === null ? 0 : Math.min(titleRow + 1, bodyStart);
  const kept = new Map<number, Block>();
  for (let i = start; i < rows.length; i++) {
    const r = rows[i];
    if (!r) continue;
    const t = r.text.trim();
    if (i < bodyStart && !r.prose) continue;
    if (r.prose || !isTitleShaped(t) || words(t).length > 15) kept.set(i, proseBlock(t, r.text));
    else kept.set(i, { text: tidyInline(t), kind: 'heading' });
  }
  return kept;
}
