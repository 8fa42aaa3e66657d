// Which of many strings occur in one text, in a single pass (Aho–Corasick). Asking `text.includes(p)` for each
// pattern costs text × patterns, and `includes` itself slows to text × pattern on periodic input (a page of
// `&a&a&a…`), so a hostile page could make the HTML reader run for minutes.

/** Past this many pattern characters the index is not built; callers then treat nothing as found. */
export const MAX_PATTERN_UNITS = 8_000_000;

/**
 * For each pattern, whether it occurs in `text` (UTF-16 code units, exact). An empty pattern occurs. Returns
 * null when the patterns are too large to index (more than MAX_PATTERN_UNITS characters in all).
 */
export function occurrences(text: string, patterns: readonly string[]): boolean[] | null {
  let total = 1;
  for (const p of patterns) total += p.length;
  if (total > MAX_PATTERN_UNITS) return null;
  const trie = new Trie(total);
  const ends = patterns.map((p) => trie.insert(p));
  const order = trie.linkFailures();
  // One pass over the text marks every node reached; a node reached means its whole failure chain occurred.
  const reached = new Uint8Array(trie.size);
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    v = trie.step(v, text.charCodeAt(i));
    reached[v] = 1;
  }
  reached[0] = 1;
  for (let k = order.length - 1; k >= 0; k--) {
    const w = order[k] ?? 0;
    if (reached[w]) reached[trie.fail[w] ?? 0] = 1;
  }
  return ends.map((end) => reached[end] === 1);
}

/** A node with more children than this looks them up in a map instead of walking its list. */
const LIST_CHILDREN = 8;

/**
 * A trie over UTF-16 code units in flat arrays. The root, which every mismatch falls back to, looks its children
 * up in a table; other nodes keep theirs in a short list (in a trie of sentences nearly all have one child), or
 * in a map once they have many, so no single step can cost more than a lookup.
 */
class Trie {
  size = 1;
  private readonly rootChild = new Int32Array(0x10000);
  private readonly firstChild: Int32Array;
  private readonly sibling: Int32Array;
  private readonly childCount: Uint8Array;
  private readonly wide = new Map<number, Map<number, number>>();
  private readonly unit: Uint16Array;
  readonly fail: Int32Array;

  constructor(capacity: number) {
    this.firstChild = new Int32Array(capacity);
    this.sibling = new Int32Array(capacity);
    this.childCount = new Uint8Array(capacity);
    this.unit = new Uint16Array(capacity);
    this.fail = new Int32Array(capacity);
  }

  /** The child of `v` on `c`, or 0 (the root is nobody's child). */
  child(v: number, c: number): number {
    if (v === 0) return this.rootChild[c] ?? 0;
    if ((this.childCount[v] ?? 0) > LIST_CHILDREN) return this.wide.get(v)?.get(c) ?? 0;
    for (let w = this.firstChild[v] ?? 0; w !== 0; w = this.sibling[w] ?? 0) if (this.unit[w] === c) return w;
    return 0;
  }

  insert(pattern: string): number {
    let v = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let w = this.child(v, c);
      if (w === 0) {
        w = this.size++;
        this.unit[w] = c;
        if (v === 0) this.rootChild[c] = w;
        else this.addChild(v, w, c);
      }
      v = w;
    }
    return v;
  }

  private addChild(v: number, w: number, c: number): void {
    this.sibling[w] = this.firstChild[v] ?? 0;
    this.firstChild[v] = w;
    const count = (this.childCount[v] ?? 0) + 1;
    this.childCount[v] = Math.min(count, 255);
    if (count <= LIST_CHILDREN) return;
    let map = this.wide.get(v);
    if (!map) {
      map = new Map();
      for (let x = this.firstChild[v] ?? 0; x !== 0; x = this.sibling[x] ?? 0) map.set(this.unit[x] ?? 0, x);
      this.wide.set(v, map);
    }
    map.set(c, w);
  }

  /** Failure links, breadth first (the longest proper suffix also in the trie); returns the order used. */
  linkFailures(): Int32Array {
    const order = new Int32Array(this.size - 1);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < 0x10000; c++) {
      const w = this.rootChild[c] ?? 0;
      if (w !== 0) order[tail++] = w;
    }
    while (head < tail) {
      const v = order[head++] ?? 0;
      for (let w = this.firstChild[v] ?? 0; w !== 0; w = this.sibling[w] ?? 0) {
        this.fail[w] = this.step(this.fail[v] ?? 0, this.unit[w] ?? 0);
        order[tail++] = w;
      }
    }
    return order;
  }

  /** The automaton's move from `v` on `c`, following failure links until a child matches. */
  step(from: number, c: number): number {
    let v = from;
    for (;;) {
      const w = this.child(v, c);
      if (w !== 0 || v === 0) return w;
      v = this.fail[v] ?? 0;
    }
  }
}
