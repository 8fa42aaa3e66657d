// A seeded generator (mulberry32): a failing run is repeated exactly by passing its printed seed.

export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
  }

  /** Up to `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** Picks a key with probability proportional to its weight (weights of 0 are never picked). */
  weighted<K extends string>(weights: Record<K, number>): K | undefined {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    let r = this.next() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)?.[0];
  }
}

/** Words of ten lowercase letters, never the same twice: each one names exactly one thing in a notebook. */
export class Words {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      let w = '';
      for (let i = 0; i < 10; i++) w += String.fromCharCode(97 + this.rng.int(0, 25));
      if (!this.used.has(w)) {
        this.used.add(w);
        return w;
      }
    }
  }
}
