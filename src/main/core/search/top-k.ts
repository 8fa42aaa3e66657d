// Keeps the `limit` best (score desc, slot asc) of a stream in a binary min-heap: a common word can match
// 10^5 passages, and sorting them all to show 50 would cost more than the search itself.

interface Entry {
  slot: number;
  score: number;
}

export class TopK {
  private readonly heap: Entry[] = [];
  constructor(private readonly limit: number) {}

  offer(slot: number, score: number): void {
    const h = this.heap;
    const root = h[0];
    if (h.length < this.limit) {
      h.push({ slot, score });
      this.up(h.length - 1);
    } else if (root !== undefined && worse(root, { slot, score })) {
      h[0] = { slot, score };
      this.down(0);
    }
  }

  sorted(): Entry[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  private up(from: number): void {
    const h = this.heap;
    let i = from;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(at(h, i), at(h, p))) break;
      swap(h, i, p);
      i = p;
    }
  }

  private down(from: number): void {
    const h = this.heap;
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(at(h, l), at(h, m))) m = l;
      if (r < h.length && worse(at(h, r), at(h, m))) m = r;
      if (m === i) return;
      swap(h, i, m);
      i = m;
    }
  }
}

function at(h: Entry[], i: number): Entry {
  return h[i] as Entry;
}

function swap(h: Entry[], i: number, j: number): void {
  const t = at(h, i);
  h[i] = at(h, j);
  h[j] = t;
}

function worse(a: Entry, b: Entry): boolean {
  return a.score < b.score || (a.score === b.score && a.slot > b.slot);
}
