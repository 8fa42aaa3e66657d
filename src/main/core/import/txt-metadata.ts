// Title, byline, date and outlet of a scraped page, found around the article body rather than from a
// per-site list: the headline sits just above the byline/date cluster, the outlet names itself in the
// page header and again in the copyright footer.
import { isDateLine, parseDate } from './dates';
import { safeUrl } from './safe-url';
import { isCountLine, isNameLike, isTitleShaped, isWidget, words } from './text-shape';

export interface Row {
  text: string;
  prose: boolean;
}

const BY_PREFIX =
  /^(?:by|written by|words by|story by|reporting by|posted by|edited by|author:?|reporter:?|par|por|von)\s+(.+)$/i;
const NAME_CUT = /\s*[|•·–—,;]\s*|\s+(?:on|in|published|posted|updated)\s+/i;

/**
 * A byline is a name and perhaps a date and a label: longer lines are prose. The bound also keeps the two
 * patterns below (a lazy group before `\s+by\s+`, a split on spaced separators) from going quadratic on a
 * long run of spaces, since every row of a page is asked.
 */
const MAX_BYLINE = 200;

/** `By Ko Ye`, `Ko Ye by Ko Ye`, `By Ko Ye | June 24, 2017` -> `Ko Ye`. */
export function bylineName(line: string): string | null {
  const t = line.trim();
  if (t.length > MAX_BYLINE) return null;
  const doubled = /^(.+?)\s+by\s+(.+)$/i.exec(t);
  if (doubled?.[1] && doubled[1].trim() === doubled[2]?.trim() && isNameLike(doubled[1]))
    return doubled[1].trim();
  const m = BY_PREFIX.exec(t);
  if (!m?.[1]) return null;
  const name = (m[1].split(NAME_CUT)[0] ?? '').trim();
  return isNameLike(name) && words(name).length <= 6 ? name : null;
}

/** Rows above the body searched for the headline. */
const TITLE_WINDOW = 40;

/** A copyright footer ("Copyright © 2024 Bay of Bengal Chronicle. All rights reserved."). */
const COPYRIGHT = /©|\(c\)|copyright\s+(?:©\s*)?\d{4}/i;

/**
 * The headline among the title-shaped lines above the body. The nearest one wins unless a farther one
 * reads more like a headline: a page prints its headline again (in the document title, a breadcrumb, a
 * share box), while a caption, a widget label ("Buy Now") or a lone name next to the body is printed once.
 * The copyright footer repeats the outlet's name, not the headline: a repeat there does not count.
 */
export function findTitleRow(rows: readonly Row[], bodyStart: number): number | null {
  const lo = Math.max(0, bodyStart - TITLE_WINDOW);
  const texts = rows.map((r) => {
    const t = r.text.trim();
    return COPYRIGHT.test(t) ? '' : t.toLowerCase();
  });
  let best: { row: number; score: number } | null = null;
  for (let i = bodyStart - 1; i >= lo; i--) {
    const t = rows[i]?.text.trim() ?? '';
    if (bylineName(t) || isDateLine(t) || isCountLine(t)) continue;
    const nearDate = isDateLine(rows[i + 1]?.text ?? '') || isDateLine(rows[i - 1]?.text ?? '');
    if (nearDate && isNameLike(t) && words(t).length <= 4) continue;
    if (!isTitleShaped(t) || notAHeadline(t)) continue;
    const lower = t.toLowerCase();
    const repeated = texts.some(
      (other, j) => j !== i && other.length < lower.length + 60 && other.includes(lower),
    );
    const score =
      (repeated && words(t).length >= 4 ? 3 : 0) +
      (words(t).length >= 4 ? 1 : 0) -
      (isNameLike(t) && words(t).length <= 4 ? 2 : 0) -
      (bodyStart - i) / TITLE_WINDOW;
    if (!best || score > best.score) best = { row: i, score };
  }
  return best?.row ?? null;
}

const SHARE_TARGET =
  /\b(?:facebook|twitter|reddit|flipboard|pocket|linkedin|whatsapp|telegram|pinterest|email|copy link)\b/gi;

/** Title-shaped lines that are photo captions, credits, clock times or comment counters, not headlines. */
function notAHeadline(t: string): boolean {
  return (
    /^\(.*\)$/.test(t) ||
    /^[\p{Lu}\s.'-]+(?:\/[\p{Lu}\s.'-]+)+$/u.test(t) ||
    (/\b\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)?\b/i.test(t) && words(t).length <= 5) ||
    /^\d[\d,]*\s+(?:with|comments?|posts?|replies|responses)\b/i.test(t) ||
    /^(?:media caption|image caption|photo|image|caption)\b/i.test(t) ||
    // Photo credits ("JIM WATSON/AFP/Getty Images"), share bars ("Copy Link Facebook Twitter Reddit") and
    // bylines with a date attached ("By JEFFREY GETTLEMAN JAN. 13, 2017").
    /\/\s*(?:AFP|AP|EPA|Reuters|Getty|Shutterstock|Alamy|Bloomberg)\b|\bGetty Images\b/i.test(t) ||
    (t.match(SHARE_TARGET) ?? []).length >= 2 ||
    /\b(?:continue reading|read more|view all|load more)\b/i.test(t) ||
    // A label that trails off ("US & Canada is sponsored by") introduces something else.
    /\s(?:by|of|the|and|a|an|for|from)$/i.test(t) ||
    /^[Bb]y\s+\p{Lu}[\p{L}.'-]*\s+\p{Lu}/u.test(t)
  );
}

export interface ClusterMeta {
  author: string | null;
  published: string | null;
  /** The row the author was read from, -1 when none. */
  authorRow: number;
}

/** Byline and date between the title and the first body paragraph; the date nearest the byline wins. */
export function findByline(rows: readonly Row[], from: number, to: number): ClusterMeta {
  let author: string | null = null;
  let authorRow = -1;
  for (let i = from; i < to && author === null; i++) {
    author = bylineName(rows[i]?.text ?? '');
    if (author) authorRow = i;
  }
  const dateRows: number[] = [];
  for (let i = from; i < to; i++) if (isDateLine(rows[i]?.text ?? '')) dateRows.push(i);
  if (author === null) {
    for (const d of dateRows) {
      for (const j of [d - 1, d + 1]) {
        const t = rows[j]?.text.trim() ?? '';
        if (
          j >= from &&
          j < to &&
          !isDateLine(t) &&
          isNameLike(t) &&
          words(t).length >= 2 &&
          words(t).length <= 4
        ) {
          author = t;
          authorRow = j;
          break;
        }
      }
      if (author) break;
    }
  }
  let published: string | null = null;
  if (dateRows.length > 0) {
    const pivot = authorRow >= 0 ? authorRow : from;
    const best = [...dateRows].sort((a, b) => Math.abs(a - pivot) - Math.abs(b - pivot))[0];
    published = best === undefined ? null : parseDate(rows[best]?.text ?? '');
  } else if (authorRow >= 0) {
    published = parseDate(rows[authorRow]?.text ?? '');
  }
  return { author, published, authorRow };
}

const CORPORATE =
  /\b(?:publishing group|media group|publishing|group|ltd|limited|inc|llc|pvt|corp(?:oration)?|co)\b\.?/gi;

function tokens(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && w !== 'the');
}

/** The outlet: the copyright holder, spelled as the page header spells it when the header names it. */
export function findSource(rows: readonly Row[], titleRow: number): string | null {
  const holder = rows
    .map((r) => r.text.trim())
    .filter((t) => t.length <= 200 && COPYRIGHT.test(t))
    .map((t) =>
      t
        .replace(/©|\(c\)|copyright/gi, ' ')
        .replace(/\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2})?/g, ' ')
        .replace(/all rights reserved\.?/gi, ' ')
        .replace(/[|.,]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .find((t) => t !== '' && words(t).length <= 8);
  if (!holder) return null;
  const holderTokens = new Set(tokens(holder));
  for (let i = 0; i < titleRow; i++) {
    const t = rows[i]?.text.trim() ?? '';
    const ts = tokens(t);
    if (ts.length === 0 || words(t).length > 6 || isWidget(t) || /^\s*[•·*-]/.test(rows[i]?.text ?? ''))
      continue;
    if (ts.every((w) => holderTokens.has(w))) return t;
  }
  const bare = holder.replace(CORPORATE, ' ').replace(/\s+/g, ' ').trim();
  return bare === '' ? null : bare;
}

/** `Source: https://...` gives the page address. */
export function findUrl(rows: readonly Row[]): string | null {
  for (const r of rows) {
    const m = /^(?:source|url|link|original(?:ly published)?(?: at)?)\s*:\s*(https?:\/\/\S+)\s*$/i.exec(
      r.text.trim(),
    );
    const url = safeUrl(m?.[1]);
    if (url) return url;
  }
  return null;
}
