// Turns what a person typed into clauses. Every clause must be satisfied (AND).
//   fomin russia      → two word clauses (typo-tolerant; the last one also matches as a prefix)
//   "deputy defense"  → one phrase clause (consecutive positions, exact spelling)
//   ဒုံးကျည်          → a phrase of bigrams (scripts without spaces are indexed as bigrams)
// An unclosed quote is a phrase still being typed: everything after it is the phrase.

import { normalizeTerm, tokenize, type Token } from './tokenize';

export interface PhraseTerm {
  term: string;
  /** Position relative to the phrase's first term. */
  offset: number;
}

export type Clause =
  | {
      kind: 'word';
      term: string;
      /** Typo tolerance applies (false inside quotes and for bigram scripts). */
      fuzzy: boolean;
      /** Search-as-you-type: also match terms that start with `term`. */
      prefix: boolean;
      /** For a compound (`su-30sm`): its parts as a phrase, used when the compound itself is not indexed. */
      parts: PhraseTerm[] | null;
    }
  | {
      kind: 'phrase';
      terms: PhraseTerm[];
      /** For a word of a script indexed as bigrams: the word itself, reported instead of its bigrams. */
      word?: string;
    };

/** The AND of more clauses than this is never a real query; the tail is ignored rather than slowing the index. */
export const MAX_CLAUSES = 32;

export function parseQuery(query: string): Clause[] {
  const clauses: Clause[] = [];
  const re = /"([^"]*)"?/g;
  let last = 0;
  const pieces: { text: string; quoted: boolean }[] = [];
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    pieces.push({ text: query.slice(last, m.index), quoted: false });
    pieces.push({ text: m[1] ?? '', quoted: true });
    last = m.index + m[0].length;
  }
  pieces.push({ text: query.slice(last), quoted: false });
  const lastWordPiece = lastIndexWhere(pieces, (p) => tokenize(p.text).length > 0);
  pieces.forEach((piece, i) => {
    if (piece.quoted) {
      const clause = phraseClause(piece.text);
      if (clause) clauses.push(clause);
    } else clauses.push(...wordClauses(piece.text, i === lastWordPiece));
  });
  return clauses.slice(0, MAX_CLAUSES);
}

/** The clause of a quoted phrase (exact spelling, consecutive positions); null when it has no words. */
export function phraseClause(text: string): Clause | null {
  const phrase = phraseOf(tokenize(text));
  if (phrase.length === 1) return exactWord(phrase[0]?.term ?? '');
  if (phrase.length > 1) return { kind: 'phrase', terms: phrase };
  return null;
}

/** One clause per typed word; the last one also matches as a prefix when `lastIsPrefix`. */
export function wordClauses(text: string, lastIsPrefix: boolean): Clause[] {
  const groups = wordGroups(tokenize(text));
  return groups.map((group, g) => clauseOf(text, group, lastIsPrefix && g === groups.length - 1));
}

function exactWord(term: string): Clause {
  return { kind: 'word', term, fuzzy: false, prefix: false, parts: null };
}

/** Splits tokens into one group per typed word: a word with its compound extras, or one run of bigrams. */
function wordGroups(tokens: Token[]): Token[][] {
  const groups: Token[][] = [];
  let prev: Token | undefined;
  for (const t of tokens) {
    const current = groups[groups.length - 1];
    const sameWord =
      current !== undefined &&
      prev !== undefined &&
      ((t.role === 'gram' && prev.role === 'gram' && t.start < prev.end) ||
        ((t.role === 'joined' || t.role === 'part') && prev.role !== 'gram'));
    if (sameWord) current.push(t);
    else groups.push([t]);
    prev = t;
  }
  return groups;
}

function clauseOf(text: string, group: Token[], isLast: boolean): Clause {
  const first = group[0] as Token;
  if (first.role === 'gram') {
    if (group.length === 1)
      return { kind: 'word', term: first.term, fuzzy: false, prefix: true, parts: null };
    const word = normalizeTerm(text.slice(first.start, group[group.length - 1]?.end ?? first.end));
    return { kind: 'phrase', terms: phraseOf(group), word };
  }
  const parts = group.filter((t) => t.role === 'part');
  return {
    kind: 'word',
    term: first.term,
    fuzzy: true,
    prefix: isLast,
    parts: parts.length > 1 ? parts.map((t) => ({ term: t.term, offset: t.pos - first.pos })) : null,
  };
}

/** The terms a phrase must find at consecutive positions: whole words and bigrams, not compound extras. */
function phraseOf(tokens: Token[]): PhraseTerm[] {
  const main = tokens.filter((t) => t.role === 'word' || t.role === 'gram');
  const base = main[0]?.pos ?? 0;
  return main.map((t) => ({ term: t.term, offset: t.pos - base }));
}

function lastIndexWhere<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
