// The one tokenizer shared by the index, the query parser and the snippet marker: whatever the index stores,
// a query and a passage produce the same way, so terms always line up.

/**
 * What a token is, for the index:
 * - `word`: a plain word (`fomin`), or a whole compound as typed (`su-30sm`, `us$204`);
 * - `joined`: a compound with its connectors removed (`su30sm`), so `MiG29` and `MiG-29` meet;
 * - `part`: one piece of a compound (`su`, `30sm`), so either half finds it;
 * - `gram`: a character bigram of a script written without spaces (Myanmar, Thai, CJK...).
 */
export type TokenRole = 'word' | 'joined' | 'part' | 'gram';

export interface Token {
  /** Normalised: NFKD, Latin combining marks stripped, lower-case. */
  term: string;
  /** [start, end) in the ORIGINAL text (UTF-16 offsets), so callers can mark it. */
  start: number;
  end: number;
  /** Word position for phrase matching: compound parts take consecutive positions, the whole sits at the first. */
  pos: number;
  role: TokenRole;
}

export type TokenSink = (term: string, start: number, end: number, pos: number, role: TokenRole) => void;

// Scripts written without spaces between words: a "word" cannot be found by splitting, so they are indexed as
// overlapping character bigrams and a query word becomes a phrase of its bigrams (an exact substring match).
const NO_SPACE =
  '\\p{Script=Myanmar}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const WORD_CHAR = `[[\\p{L}\\p{N}\\p{M}]--[${NO_SPACE}]]`;
const GRAM_CHAR = `[[\\p{L}\\p{N}\\p{M}]&&[${NO_SPACE}]]`;
// Connectors kept inside a token when a word character follows: people type `Su-30SM`, `U.S.`, `US$204`, `5.74`.
const CONNECTOR = `[\\-.$_\\u2010\\u2011]`;
// The `v` flag (set subtraction) is built from a string so the TS target does not need to know the flag.
// These classify one character at a time (cached per code point); the scanner below does the rest.
const PART_RE = new RegExp(`${WORD_CHAR}+`, 'gv');
const CONNECTOR_RE = new RegExp(CONNECTOR, 'gv');
// Only the general-purpose combining blocks: stripping every \p{M} would delete Myanmar/Thai vowel signs,
// which are letters' worth of meaning there, not accents.
// eslint-disable-next-line no-misleading-character-class -- ranges of lone combining marks, on purpose
const LATIN_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** Case- and diacritic-insensitive form of a word: `Fómin` → `fomin`. */
export function normalizeTerm(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(LATIN_MARKS, '').toLowerCase().normalize('NFC');
}

/** Tokens with offsets into the original text; see `TokenRole` for the extra index terms a compound yields. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanTokens(text, (term, start, end, pos, role) => out.push({ term, start, end, pos, role }));
  return out;
}

/** Allocation-light form of `tokenize` for the index build. Returns the number of positions used. */
export function scanTokens(text: string, emit: TokenSink): number {
  // A hand-written scanner: on 2 cores a regex over 12 MB of text costs 3x more than this loop.
  let pos = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls === WORD) {
      const start = i;
      let compound = false;
      i = skip(text, i, WORD);
      while (i < n && classAt(text, i) === CONN) {
        const after = i + 1;
        if (after >= n || classAt(text, after) !== WORD) break;
        compound = true;
        i = skip(text, after, WORD);
      }
      pos = compound
        ? emitWord(text.slice(start, i), start, pos, emit)
        : emitPlain(text, start, i, pos, emit);
    } else if (cls === GRAM) {
      const start = i;
      i = skip(text, i, GRAM);
      pos = emitGrams(text.slice(start, i), start, pos, emit);
    } else {
      i += charLength(text, i);
    }
  }
  return pos;
}

const OTHER = 0;
const WORD = 1;
const GRAM = 2;
const CONN = 3;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[A-Za-z0-9]/.test(ch) ? WORD : /[-.$_]/.test(ch) ? CONN : OTHER;
}
const classCache = new Map<number, number>();
const WORD_TEST = new RegExp(`^${WORD_CHAR}$`, 'v');
const GRAM_ONE = new RegExp(`^${GRAM_CHAR}$`, 'v');
const CONN_TEST = new RegExp(`^${CONNECTOR}$`, 'v');

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c] ?? OTHER;
  const cp = text.codePointAt(i) ?? c;
  let cls = classCache.get(cp);
  if (cls === undefined) {
    const ch = String.fromCodePoint(cp);
    cls = WORD_TEST.test(ch) ? WORD : GRAM_ONE.test(ch) ? GRAM : CONN_TEST.test(ch) ? CONN : OTHER;
    classCache.set(cp, cls);
  }
  return cls;
}

function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function skip(text: string, from: number, cls: number): number {
  let i = from;
  while (i < text.length && classAt(text, i) === cls) i += charLength(text, i);
  return i;
}

function emitPlain(text: string, start: number, end: number, pos: number, emit: TokenSink): number {
  // The common cases (ASCII, maybe capitalised) skip the Unicode normalisation entirely.
  let ascii = true;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    if (c >= 65 && c <= 90) upper = true;
  }
  const raw = text.slice(start, end);
  emit(!ascii ? normalizeTerm(raw) : upper ? raw.toLowerCase() : raw, start, end, pos, 'word');
  return pos + 1;
}

function emitWord(raw: string, start: number, pos: number, emit: TokenSink): number {
  const end = start + raw.length;
  const whole = normalizeTerm(raw);
  emit(whole, start, end, pos, 'word');
  CONNECTOR_RE.lastIndex = 0;
  if (!CONNECTOR_RE.test(raw)) return pos + 1;
  const joined = whole.replace(CONNECTOR_RE, '');
  if (joined !== whole) emit(joined, start, end, pos, 'joined');
  let partPos = pos;
  PART_RE.lastIndex = 0;
  for (let m = PART_RE.exec(raw); m !== null; m = PART_RE.exec(raw)) {
    emit(normalizeTerm(m[0]), start + m.index, start + m.index + m[0].length, partPos, 'part');
    partPos++;
  }
  return partPos;
}

function emitGrams(raw: string, start: number, pos: number, emit: TokenSink): number {
  // Code points, not UTF-16 units: Han extension characters are astral.
  const chars = Array.from(raw);
  const offsets: number[] = [];
  let at = start;
  for (const c of chars) {
    offsets.push(at);
    at += c.length;
  }
  offsets.push(at);
  if (chars.length === 1) {
    emit(normalizeTerm(raw), start, at, pos, 'gram');
    return pos + 1;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const s = offsets[i] ?? start;
    const e = offsets[i + 2] ?? at;
    emit(normalizeTerm(raw.slice(s - start, e - start)), s, e, pos, 'gram');
    pos++;
  }
  return pos;
}

/** True when `term` comes from a script indexed as bigrams (its query form is a phrase of grams). */
export function isGramScript(word: string): boolean {
  return GRAM_TEST.test(word);
}
const GRAM_TEST = new RegExp(`^${GRAM_CHAR}+$`, 'v');
