// Evidence about a single line of scraped text: does it read like prose, a headline, a name, or page chrome?
// These are shape tests (punctuation, length, capitalisation, stop words), not lists of one site's strings.

const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as into onto over under after before than that this ' +
    'these those is are was were be been being has have had do does did will would can could should may might ' +
    'must not no it its he she they we you i his her their our your them him us who whom which what when where ' +
    'while how why also said says there here about between during against through up down out off so such then ' +
    // The same function words in the other languages news pages most often come in, so judging shape
    // does not quietly mean judging English.
    'le la les de des du un une et est en que qui dans pour pas sur au aux avec il elle ce se par plus son sa ses ' +
    'el los las del y por con para su al lo como más pero sus era fue ha ' +
    'der die das und ist nicht ein eine zu den mit von auf für sich dem des im auch es war wird ' +
    'di che per non sono nel della alla gli ' +
    'o os do da em um uma não com na no ao ' +
    'je na se že v s z k ve pro jako'
  ).split(' '),
);

const BULLET = /^\s*(?:[•·▪◦‣●○■□➤►*–-]|\d{1,3}[.)])\s+/;
const SENTENCE_END = /[.!?။。！？]["”’»)\]]*$/;
const TRUNCATED = /(?:\w|[,;:])\s*(?:\.{3,}|…)$/;
const CREDIT = /\s\/\s*[\p{Lu}\p{N}][^/]{0,60}$/u;
// Generic web-UI vocabulary (cookie banners, login and sharing widgets, footers), shared by most sites.
const WIDGET =
  /\b(?:cookies?|subscribe|newsletter|sign[ -]?(?:up|in)|log[ -]?(?:in|out)|password|all rights reserved|share on|share this|read more|privacy policy|terms of (?:use|service)|advertisement|reading time|mins? read|skip to|follow us|load more|next post|previous post)\b|©|\(c\)\s*\d{4}/i;
const COOKIE_BANNER = /\bcookies?\b.*\b(?:accept|consent|agree|experience|opt[- ]out|settings)\b/i;

export function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w !== '');
}

export function isBullet(line: string): boolean {
  return BULLET.test(line);
}

export function stripBullet(line: string): string {
  return line.replace(BULLET, '').trim();
}

// Shape tests look at a line's ending only; slicing keeps them linear on multi-megabyte lines.
export function endsSentence(s: string): boolean {
  return SENTENCE_END.test(s.trimEnd().slice(-20));
}

export function isTruncated(s: string): boolean {
  return TRUNCATED.test(s.trimEnd().slice(-20));
}

/** `Caption text. / Facebook`: a short line ending in a slash and a source. Paragraphs citing "[M1 / MP]" are not. */
export function hasCredit(s: string): boolean {
  return CREDIT.test(s.trimEnd().slice(-80)) && words(s).length <= 30 && !/[\])]$/.test(s.trimEnd());
}

/**
 * The caption of a `Caption text. / Credit` line without its credit: what the photo shows is part of the
 * story a researcher keeps; who took it is chrome. Null when the line is not that shape.
 */
export function captionOf(s: string): string | null {
  const t = s.trim();
  if (!hasCredit(t)) return null;
  const caption = t.slice(0, t.lastIndexOf('/')).trim();
  return words(caption).length >= 2 && /^[\p{Lu}\p{N}"“‘']/u.test(caption) ? caption : null;
}

/** Share and view counters: `7.5k`, `158`, `1,204` (not a measurement like 4.3333). */
export function isCountLine(s: string): boolean {
  const t = s.trim();
  return /^\d{1,3}(?:[.,]\d{1,3})?\s*[km]?$/i.test(t) || /^(?:\d{1,6}\s+)+\d{1,6}$/.test(t);
}

/** Looks like a line of source code (braces, assignments, calls), which repeats without being chrome. */
export function isCodeLike(s: string): boolean {
  return /[{}=<>]|\w\(|;\s*$|^\s*(?:\/\/|#|\$ )/.test(s);
}

/** Unmistakably code or a text table: code punctuation, box drawing, cells, a line ending mid-expression. */
export function isCodeOrTableLine(s: string): boolean {
  const t = s.trim();
  return t !== '' && t.length <= 300 && (isCodeLike(t) || /[│┃┼─\t|]/.test(t) || /[(),;*\\[\]]$/.test(t));
}

/** A line of a code listing or table: as above, or a keyword in capitals ("FROM"), or mostly figures. */
export function isTechnicalLine(s: string): boolean {
  const t = s.trim();
  if (isCodeOrTableLine(t)) return true;
  // "1." alone is a numbered list's marker (a most-read box), not a figure in a table.
  if (t === '' || t.length > 300 || /^\d{1,3}[.)]?$/.test(t)) return false;
  if (/^[A-Z]{3,}(?:\s|$)/.test(t)) return true;
  const letters = t.match(/\p{L}/gu)?.length ?? 0;
  return /\d/.test(t) && letters < t.length / 2;
}

/** Minimum run of lines, most of them technical, that reads as a code listing or a text table. */
const MIN_CODE_RUN = 3;

/**
 * Rows inside a code listing or text table: a run of non-prose lines, most of them code- or table-shaped.
 * Listings repeat their keywords ("SELECT", "FROM", "),") and tables their cells, so a repeat there is
 * the content, not a teaser shown twice.
 */
export function codeBlockRows(rows: readonly { text: string; prose: boolean }[]): boolean[] {
  const inCode = rows.map(() => false);
  let i = 0;
  while (i < rows.length) {
    if (rows[i]?.prose) {
      i++;
      continue;
    }
    let j = i;
    let technical = 0;
    let strong = 0;
    while (j < rows.length && !rows[j]?.prose) {
      const t = rows[j]?.text ?? '';
      if (isTechnicalLine(t)) technical++;
      if (isCodeOrTableLine(t)) strong++;
      j++;
    }
    // Capitals and figures alone could be a headline list or a scoreboard; a listing has code punctuation.
    if (j - i >= MIN_CODE_RUN && technical * 2 >= j - i && strong >= 2) inCode.fill(true, i, j);
    i = j;
  }
  return inCode;
}

/** Wrapped lines only: a page of long paragraph lines is never reflowed. */
const MAX_WRAPPED_LINE = 120;
const MIN_WRAPPED_LINES = 10;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * A plain-text document hard-wrapped at a fixed width (an RFC, a Gutenberg text) has its paragraphs cut into
 * lines that never end a sentence, so no line reads as prose. Rejoin a line with the next when the next
 * line's first word would not have fitted on it: the break was the wrap, not the author's.
 */
export function joinHardWrapped(lines: readonly string[]): string[] {
  const lengths = lines.map((l) => l.trimEnd().length);
  if (lengths.some((n) => n > MAX_WRAPPED_LINE)) return [...lines];
  const full = lengths.filter((n) => n >= 40).sort((a, b) => a - b);
  if (full.length < MIN_WRAPPED_LINES) return [...lines];
  // The wrap width: most full lines end near it, a few (tables, rulers) run past it.
  const width = full[Math.floor(full.length * 0.9)] ?? MAX_WRAPPED_LINE;
  const out: string[] = [];
  let last = ''; // the previous physical line: the one the wrap would have cut
  for (const line of lines) {
    const i = out.length - 1;
    const prev = out[i];
    if (prev !== undefined && wrapsInto(last, line, width)) out[i] = `${prev.trimEnd()} ${line.trim()}`;
    else out.push(line);
    last = line;
  }
  return out;
}

function wrapsInto(last: string, next: string, width: number): boolean {
  if (last.trim() === '' || next.trim() === '' || isBullet(next)) return false;
  // A paragraph keeps its indentation; a change of indent starts a new block (a heading, a quoted example).
  // Lines that could be code or a table row stay apart: a listing's line breaks are its meaning.
  if (indentOf(last) !== indentOf(next) || isCodeOrTableLine(last) || isCodeOrTableLine(next)) return false;
  const firstWord = next.trim().split(/\s/, 1)[0] ?? '';
  return last.trimEnd().length + 1 + firstWord.length > width;
}

export function isWidget(s: string): boolean {
  const t = s.trim();
  if (t.length > 1000) return false;
  if (COOKIE_BANNER.test(t) && words(t).length <= 80) return true;
  return words(t).length <= 20 && WIDGET.test(t);
}

function isCapitalised(w: string): boolean {
  return /^["“‘'(]?[\p{Lu}\p{N}]/u.test(w);
}

export function stopWordRatio(ws: readonly string[]): number {
  if (ws.length === 0) return 0;
  let n = 0;
  for (const w of ws) if (STOP_WORDS.has(lettersOf(w.toLowerCase()))) n++;
  return n / ws.length;
}

const NON_LETTER = /[^\p{L}]/gu;

/** The word without its punctuation ("said," → "said"); most words are plain a-z and skip the regex. */
function lettersOf(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return word.replace(NON_LETTER, '');
  }
  return word;
}

/** Headline capitalisation: nearly every word that is not a stop word starts with a capital. */
export function isTitleCase(s: string): boolean {
  const content = words(s).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
  if (content.length === 0) return false;
  const caps = content.filter(isCapitalised).length;
  return caps / content.length >= 0.8;
}

function scriptWithoutSpaces(s: string): boolean {
  // Burmese, Thai, CJK...: word counts from spaces undercount, so judge by length instead.
  return /[\u1000-\u109f\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff]/.test(s);
}

/** Reads like a sentence of running text (a body paragraph or list item), not chrome or a headline. */
export function isProse(line: string): boolean {
  const bullet = isBullet(line);
  const full = bullet ? stripBullet(line) : line.trim();
  // Very long lines are judged on their opening and their ending; reading all of a 5 MB line adds nothing.
  const t = full.length > 4000 ? `${full.slice(0, 2000)} ${full.slice(-2000)}` : full;
  const ws = words(t);
  const long = ws.length >= 40 || (scriptWithoutSpaces(t) && t.length >= 80);
  if (bullet && ws.length < 12) return false;
  if (isWidget(t) || hasCredit(t)) return false;
  // A copyright notice is a footer however long its legal text runs.
  if (/^(?:©|\(c\)|copyright\b)|\ball rights reserved\b/i.test(t) && ws.length <= 100) return false;
  if (isTruncated(t) && ws.length < 60) return false;
  if (long) return stopWordRatio(ws) > 0.05 || scriptWithoutSpaces(t);
  if (ws.length < 4 && !(scriptWithoutSpaces(t) && t.length >= 20)) return false;
  if (!endsSentence(t) && !(/:$/.test(t) && ws.length >= 8)) return false;
  // A capitalised question or exclamation is a headline ("Will X Unlock More Cooperation?").
  if (!/\.["”’»)\]]*$/.test(t) && isTitleCase(t) && ws.length <= 25) return false;
  if (ws.length >= 6 && stopWordRatio(ws) < 0.08 && !scriptWithoutSpaces(t)) return false;
  return true;
}

/** Could be a headline: a few words, starts with a capital, not a sentence ending in a full stop. */
export function isTitleShaped(line: string): boolean {
  const t = line.trim();
  if (isBullet(line) || t.length > 250 || t.length < 4) return false;
  const ws = words(t);
  if (ws.length < 2 || ws.length > 30) return false;
  if (ws.filter((w) => /\p{L}{2,}/u.test(w)).length < 2) return false;
  if (!/^["“‘'(]?[\p{Lu}\p{N}]/u.test(t)) return false;
  if (/\.$/.test(t) && !/\b[A-Z][a-z]?\.$/.test(t)) return false;
  if (isTruncated(t) || hasCredit(t) || isWidget(t)) return false;
  return true;
}

const NAME_PARTICLES = new Set([
  'de',
  'da',
  'van',
  'von',
  'der',
  'bin',
  'binti',
  'al',
  'el',
  'la',
  'le',
  'and',
  '&',
]);

/** A person's (or a newsroom's) name as written in a byline: a few capitalised words, no digits. */
export function isNameLike(s: string): boolean {
  const t = s.trim();
  if (t.length < 2 || t.length > 60 || /\d/.test(t) || isWidget(t)) return false;
  const ws = words(t);
  if (ws.length < 1 || ws.length > 6) return false;
  return ws.every((w) => isCapitalised(w) || NAME_PARTICLES.has(w.toLowerCase()));
}

const REASONS: [RegExp, string][] = [
  [/\b(?:newsletter|subscribe|subscription)\b/i, 'newsletter widget'],
  [/\b(?:sign[ -]?(?:up|in)|log[ -]?(?:in|out)|password|register)\b/i, 'login widget'],
  [
    /\bshare (?:on|this|via)\b|^(?:share|tweet|email|print)$|\b(?:facebook|twitter|whatsapp|telegram|linkedin)\b/i,
    'share buttons',
  ],
  [/©|\(c\)\s*\d{4}|all rights reserved|\bcopyright\b|privacy policy|terms of (?:use|service)/i, 'footer'],
  [/\b(?:read more|continue reading|load more|view all)\b/i, 'read more link'],
  [/\b(?:advertisement|sponsored)\b/i, 'advertisement'],
  [/\b(?:reading time|mins? read)\b/i, 'reading time'],
  [/\bskip to\b|\bfollow us\b|\b(?:next|previous) post\b/i, 'menu'],
];

/** What a line of page chrome is, in a researcher's words, when its shape says so; null when it does not. */
export function chromeReason(text: string): string | null {
  const t = text.trim();
  if (t.length > 1000) return null;
  const n = words(t).length;
  if (COOKIE_BANNER.test(t) && n <= 80) return 'cookie banner';
  if (isCountLine(t)) return 'share and view counts';
  // Before the share-button words: "Photo caption. / Facebook" credits a photo, it is not a share button.
  if (hasCredit(t)) return 'image credit';
  if (n <= 20) for (const [re, why] of REASONS) if (re.test(t)) return why;
  if (isTruncated(t)) return 'related posts';
  return null;
}
