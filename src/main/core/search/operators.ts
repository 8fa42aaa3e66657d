// The query language on top of plain words (query.ts):
//   "exact phrase"  -word  -"phrase"  a OR b  tag:NAME  tag:"two words"  tag:"Parent/Child"  source:NAME
//   author:NAME  after:YYYY[-MM[-DD]]  before:...  in:notes  in:articles  in:memos
// `tag:` keeps the passages coded with that tag or a tag under it; several `tag:` must all apply in one passage.
// Nothing here throws: whatever cannot be read as an operator is read as plain words, with a warning, and
// `interpretation` says in plain words how the query was understood.

import { maxEdits } from './plan';
import { MAX_CLAUSES, phraseClause, wordClauses, type Clause } from './query';
import { normalizeTerm } from './tokenize';

export type Scope = 'all' | 'notes' | 'articles' | 'memos';

export interface ParsedQuery {
  /** Every entry must match; an entry with several clauses matches when any of them does (OR). */
  must: Clause[][];
  /** A document containing any of these is left out. */
  not: Clause[];
  /** Tag names or paths (normalised, see `normalizeTagKey`); all must apply in one passage. */
  tags: string[];
  sources: string[];
  authors: string[];
  /** YYYYMMDD inclusive bounds, or null. */
  after: number | null;
  before: number | null;
  scope: Scope;
  interpretation: string;
  warnings: string[];
}

interface Item {
  kind: 'words' | 'phrase' | 'or' | 'field';
  text: string;
  negated: boolean;
  field?: string;
  /** Characters as typed, for warnings. */
  raw: string;
}

const FIELDS = new Set(['tag', 'source', 'author', 'after', 'before', 'in']);

export function parseSearchQuery(query: string): ParsedQuery {
  const warnings: string[] = [];
  const items = scan(query, warnings);
  const out: ParsedQuery = {
    ...{ must: [], not: [], tags: [], sources: [], authors: [] },
    ...{ after: null, before: null, scope: 'all', interpretation: '', warnings },
  };
  const lastWords = lastIndex(items, (it) => it.kind === 'words' && !it.negated);
  let orPending = false;
  items.forEach((item, i) => {
    if (item.kind === 'or') {
      const prev = out.must[out.must.length - 1];
      const next = items[i + 1];
      if (prev === undefined || items[i - 1]?.kind === 'or' || !isPositive(next)) {
        warnings.push('OR needs a word or phrase on each side; read it as nothing.');
      } else orPending = prev.length > 0;
      return;
    }
    if (item.kind === 'field') {
      applyField(out, item, warnings);
      orPending = false;
      return;
    }
    const clauses =
      item.kind === 'phrase'
        ? [phraseClause(item.text)].filter((c): c is Clause => c !== null)
        : wordClauses(item.text, i === lastWords && i === items.length - 1 && !/\s$/.test(query));
    if (item.negated) {
      // Excluding a misspelling of a word would hide too much: exclusions are exact.
      out.not.push(...clauses.map(exact));
      return;
    }
    clauses.forEach((clause, k) => {
      const prev = out.must[out.must.length - 1];
      if (k === 0 && orPending && prev !== undefined) prev.push(clause);
      else out.must.push([clause]);
    });
    orPending = false;
  });
  if (out.must.length > MAX_CLAUSES) {
    warnings.push(`Only the first ${MAX_CLAUSES} words are used.`);
    out.must.length = MAX_CLAUSES;
  }
  out.interpretation = describe(out);
  return out;
}

function isPositive(item: Item | undefined): boolean {
  return item !== undefined && !item.negated && (item.kind === 'words' || item.kind === 'phrase');
}

function exact(clause: Clause): Clause {
  return clause.kind === 'word' ? { ...clause, fuzzy: false, prefix: false } : clause;
}

function scan(query: string, warnings: string[]): Item[] {
  const items: Item[] = [];
  const n = query.length;
  let i = 0;
  while (i < n) {
    if (/\s/.test(query[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    if (query[i] === '-' && i + 1 < n && !/[\s-]/.test(query[i + 1] ?? '')) {
      negated = true;
      i++;
    }
    if (query[i] === '"') {
      const { text, end } = quoted(query, i, warnings);
      items.push({ kind: 'phrase', text, negated, raw: query.slice(start, end) });
      i = end;
      continue;
    }
    let end = i;
    while (end < n && !/[\s"]/.test(query[end] ?? '')) end++;
    const word = query.slice(i, end);
    const colon = word.indexOf(':');
    const field = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (!negated && FIELDS.has(field)) {
      let value = word.slice(colon + 1);
      if (value === '' && query[end] === '"') {
        const q = quoted(query, end, warnings);
        value = q.text;
        end = q.end;
      }
      items.push({ kind: 'field', field, text: value, negated, raw: query.slice(start, end) });
    } else if (!negated && word === 'OR') {
      items.push({ kind: 'or', text: word, negated, raw: word });
    } else {
      items.push({ kind: 'words', text: word, negated, raw: query.slice(start, end) });
    }
    i = end;
  }
  return items;
}

function quoted(query: string, at: number, warnings: string[]): { text: string; end: number } {
  const close = query.indexOf('"', at + 1);
  if (close < 0) {
    const text = query.slice(at + 1);
    if (text.trim() !== '') warnings.push(`Unclosed quote: read "${text.trim()} as a phrase.`);
    return { text, end: query.length };
  }
  return { text: query.slice(at + 1, close), end: close + 1 };
}

function applyField(out: ParsedQuery, item: Item, warnings: string[]): void {
  const value = item.text.trim();
  if (value === '') {
    warnings.push(`${item.raw} has nothing after the colon; ignored.`);
    return;
  }
  switch (item.field) {
    case 'tag':
      out.tags.push(normalizeTagKey(value));
      return;
    case 'source':
      out.sources.push(normalizeField(value));
      return;
    case 'author':
      out.authors.push(normalizeField(value));
      return;
    case 'in': {
      const v = value.toLowerCase();
      if (v === 'notes' || v === 'note') out.scope = 'notes';
      else if (v === 'articles' || v === 'article') out.scope = 'articles';
      else if (v === 'memos' || v === 'memo') out.scope = 'memos';
      else
        warnings.push(
          `${item.raw} is not a place to search (use in:notes, in:articles or in:memos); ignored.`,
        );
      return;
    }
    case 'after':
    case 'before': {
      const date = parseDate(value, item.field === 'before');
      if (date === null)
        warnings.push(`${item.raw} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored.`);
      else if (item.field === 'after') out.after = Math.max(out.after ?? 0, date);
      else out.before = Math.min(out.before ?? 99999999, date);
      return;
    }
  }
}

/** `2017` → 20170101 (or 20171231 for an upper bound); null when it is not a real date. */
export function parseDate(value: string, upper: boolean): number | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  const mm = month ?? (upper ? 12 : 1);
  const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
  if (day !== null && (day < 1 || day > last)) return null;
  const dd = day ?? (upper ? last : 1);
  return y * 10000 + mm * 100 + dd;
}

/** `2017-03-09` → 20170309; 0 for null or anything else. */
export function dateNumber(published: string | null): number {
  if (published === null) return 0;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

/** A tag name or path as search compares it: like `normalizeField`, and `Actors / Russia` as `actors/russia`. */
export function normalizeTagKey(value: string): string {
  return normalizeField(value)
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('/');
}

/** Case-, diacritic- and spacing-insensitive form of a metadata value or filter. */
export function normalizeField(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters separate nothing a person typed
  return normalizeTerm(value.replace(/[\u0000-\u001f\s]+/g, ' ').trim());
}

function describe(q: ParsedQuery): string {
  const parts: string[] = [];
  if (q.must.length > 0)
    parts.push(`all of: ${q.must.map((alts) => alts.map(clauseText).join(' or ')).join(', ')}`);
  if (q.not.length > 0) parts.push(`not: ${q.not.map(clauseText).join(', ')}`);
  if (q.tags.length === 1) parts.push(`tag: ${q.tags[0] ?? ''}`);
  else if (q.tags.length > 1) parts.push(`tags in one passage: ${q.tags.join(', ')}`);
  for (const s of q.sources) parts.push(`source contains: ${s}`);
  for (const a of q.authors) parts.push(`author contains: ${a}`);
  if (q.after !== null) parts.push(`on or after ${dateText(q.after)}`);
  if (q.before !== null) parts.push(`on or before ${dateText(q.before)}`);
  if (q.scope !== 'all') parts.push(`in ${q.scope} only`);
  return parts.length === 0 ? 'nothing to search for' : parts.join('; ');
}

function clauseText(c: Clause): string {
  if (c.kind === 'phrase') return c.word ?? `"${c.terms.map((t) => t.term).join(' ')}"`;
  const notes: string[] = [];
  if (c.prefix) notes.push('or words starting with it');
  if (c.fuzzy && maxEdits(c.term) > 0) notes.push('typo-tolerant');
  return notes.length === 0 ? c.term : `${c.term} (${notes.join(', ')})`;
}

function dateText(d: number): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function lastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
