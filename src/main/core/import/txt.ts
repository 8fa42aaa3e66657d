// Cleaning a browser "select all + copy" of a news page. The body is the densest run of prose lines;
// runs of prose separated from it by a little chrome (a related-posts box between two paragraphs) join
// it when they read like more of the article, while lone sentences far from it (teasers, footers) do not.
import type { Block } from './canonical';
import { canonicalize } from './canonical';
import { isDateLine } from './dates';
import { tidyInline, type FormatResult } from './format-result';
import { findByline, findSource, findTitleRow, findUrl, type Row } from './txt-metadata';
import {
  isBullet,
  isProse,
  isTitleShaped,
  isTruncated,
  isWidget,
  hasCredit,
  stripBullet,
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

function sentenceCount(s: string): number {
  return (s.match(/[.!?။]["”’)]*(?=\s|$)/g) ?? []).length;
}

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
  return sentenceCount(t) >= 2 && words(t).length >= 15;
}

function selectBody(rows: readonly Row[]): Island[] {
  const islands = findIslands(rows);
  if (islands.length === 0) return [];
  let mainIndex = 0;
  islands.forEach((isl, i) => {
    if (isl.chars > (islands[mainIndex]?.chars ?? 0)) mainIndex = i;
  });
  const main = islands[mainIndex];
  if (!main) return [];
  const accepted: Island[] = [main];
  const joins = (isl: Island, gap: number): boolean =>
    gap <= SMALL_GAP || (gap <= MAX_GAP && readsLikeBody(isl, rows));
  let boundary = main.first;
  for (let k = mainIndex - 1; k >= 0; k--) {
    const isl = islands[k];
    if (!isl) break;
    const gap = boundary - isl.last - 1;
    if (gap > MAX_GAP) break;
    if (joins(isl, gap)) {
      accepted.unshift(isl);
      boundary = isl.first;
    }
  }
  boundary = main.last;
  for (let k = mainIndex + 1; k < islands.length; k++) {
    const isl = islands[k];
    if (!isl) break;
    const gap = isl.first - boundary - 1;
    if (gap > MAX_GAP) break;
    if (joins(isl, gap)) {
      accepted.push(isl);
      boundary = isl.last;
    }
  }
  return accepted;
}

function proseBlock(text: string, raw: string): Block {
  return {
    text: tidyInline(isBullet(raw) ? stripBullet(raw) : text),
    kind: isBullet(raw) ? 'list' : 'paragraph',
  };
}

/** Rows that only a web page has: menus, share counts, widgets, captions, teaser ellipses. */
function isChrome(raw: string): boolean {
  const t = raw.trim();
  return (
    (isBullet(raw) && words(t).length < 12) ||
    isWidget(t) ||
    hasCredit(t) ||
    isTruncated(t) ||
    /^[\d.,]+\s*[km]?$/i.test(t)
  );
}

function buildBlocks(rows: readonly Row[], body: readonly Island[], counts: Map<string, number>): Block[] {
  const blocks: Block[] = [];
  body.forEach((isl, n) => {
    if (n > 0) {
      const prev = body[n - 1];
      const gapRows = prev ? rows.slice(prev.last + 1, isl.first) : [];
      // A lone headline-shaped line between two body parts is a subheading; anything longer is chrome.
      if (gapRows.length > 0 && gapRows.length <= SMALL_GAP) {
        for (const r of gapRows) {
          const t = r.text.trim();
          if (isTitleShaped(t) && !isDateLine(t) && counts.get(t) === 1)
            blocks.push({ text: tidyInline(t), kind: 'heading' });
        }
      }
    }
    for (let i = isl.first; i <= isl.last; i++) {
      const r = rows[i];
      if (r) blocks.push(proseBlock(r.text.trim(), r.text));
    }
  });
  return blocks;
}

export function extractTxt(input: string): FormatResult {
  const lines = canonicalize(input).split('\n');
  const texts = lines.filter((l) => l.trim() !== '');
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t.trim(), (counts.get(t.trim()) ?? 0) + 1);
  // Repeated prose is an image caption shown twice or a teaser repeated in several boxes.
  const rows: Row[] = texts.map((text) => ({ text, prose: isProse(text) && counts.get(text.trim()) === 1 }));
  const url = findUrl(rows);
  const readerMode = !rows.some((r) => isChrome(r.text));

  const body = selectBody(rows);
  const first = body[0];
  if (!first) {
    // No sentence-shaped text at all (a list, verse, a single heading): keep every line rather than nothing.
    const titleRow = rows.findIndex((r) => isTitleShaped(r.text));
    const kept = rows.filter((r, i) => i !== titleRow && !isChrome(r.text));
    return {
      title: titleRow >= 0 ? tidyInline(rows[titleRow]?.text ?? '') : null,
      author: null,
      published: null,
      source: null,
      url,
      language: null,
      blocks: kept.map((r) => proseBlock(r.text.trim(), r.text)),
    };
  }
  const bodyStart = first.first;
  const titleRow = findTitleRow(rows, bodyStart);
  const meta = findByline(rows, titleRow === null ? 0 : titleRow + 1, bodyStart);
  let blocks = buildBlocks(rows, body, counts);
  if (readerMode) blocks = readerModeBlocks(rows, titleRow, bodyStart);
  return {
    title: titleRow === null ? null : tidyInline(rows[titleRow]?.text ?? ''),
    author: meta.author,
    published: meta.published,
    source: findSource(rows, titleRow ?? bodyStart),
    url,
    language: null,
    blocks,
  };
}

/** A page with no chrome at all: everything after the title/byline cluster is the article. */
function readerModeBlocks(rows: readonly Row[], titleRow: number | null, bodyStart: number): Block[] {
  const start = titleRow === null ? 0 : Math.min(titleRow + 1, bodyStart);
  const blocks: Block[] = [];
  for (let i = start; i < rows.length; i++) {
    const r = rows[i];
    if (!r) continue;
    const t = r.text.trim();
    if (i < bodyStart && !r.prose) continue;
    if (r.prose || !isTitleShaped(t) || words(t).length > 15) blocks.push(proseBlock(t, r.text));
    else blocks.push({ text: tidyInline(t), kind: 'heading' });
  }
  return blocks;
}
