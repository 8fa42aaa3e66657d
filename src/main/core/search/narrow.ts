// Narrowing for fuzzy matching over many short strings (GUIDE §4: fuse.js takes 40-117 ms over 10k titles, a few ms
// over a few hundred). Each string is filed under its character bigrams; a query keeps the strings sharing the most
// bigrams with it, and only those reach fuse.js. A typo changes at most two bigrams of a word, so the string that
// was meant still shares most of them and stays among the candidates.

/** Lower case, without diacritics: "Pantšir" and "pantsir" file alike. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function bigrams(folded: string): Set<string> {
  const out = new Set<string>();
  // Word by word: a bigram across a space says nothing about either word.
  for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...word];
    if (chars.length === 1) out.add(chars[0] ?? '');
    for (let i = 0; i + 1 < chars.length; i++) out.add((chars[i] ?? '') + (chars[i + 1] ?? ''));
  }
  out.delete('');
  return out;
}

export class BigramNarrower {
  private readonly postings = new Map<string, number[]>();
  private readonly folded: string[];
  private readonly counts: Uint16Array;

  constructor(texts: readonly string[]) {
    this.folded = texts.map(foldText);
    this.counts = new Uint16Array(texts.length);
    this.folded.forEach((text, i) => {
      for (const g of bigrams(text)) {
        let list = this.postings.get(g);
        if (!list) this.postings.set(g, (list = []));
        list.push(i);
      }
    });
  }

  get size(): number {
    return this.folded.length;
  }

  /**
   * Up to `max` indexes of the strings most like `query`, best first; strings sharing fewer than half the query's
   * bigrams are left out. A one-letter query keeps the strings holding that letter.
   */
  candidates(query: string, max: number): number[] {
    const q = foldText(query).trim();
    if (q === '') return [];
    const grams = bigrams(q);
    if (grams.size === 0) return [];
    if ([...q].length === 1) return this.containing(q, max);
    const touched: number[] = [];
    for (const g of grams) {
      for (const i of this.postings.get(g) ?? []) {
        if (this.counts[i] === 0) touched.push(i);
        this.counts[i] = (this.counts[i] ?? 0) + 1;
      }
    }
    const needed = Math.max(1, Math.ceil(grams.size / 2));
    const kept = touched.filter((i) => (this.counts[i] ?? 0) >= needed);
    kept.sort((a, b) => (this.counts[b] ?? 0) - (this.counts[a] ?? 0) || a - b);
    for (const i of touched) this.counts[i] = 0;
    return kept.slice(0, max);
  }

  private containing(q: string, max: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.folded.length && out.length < max; i++) {
      if (this.folded[i]?.includes(q)) out.push(i);
    }
    return out;
  }
}
