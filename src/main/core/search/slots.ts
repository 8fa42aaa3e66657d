// The index's document table. Every article owns a contiguous run of "slots": its title first, then one slot
// per passage. Postings point at slots, so a hit resolves to (article, passage) with two array reads.

export class SlotTable {
  /** Per article number. */
  readonly articleIds: string[] = [];
  articleFirst = new Uint32Array(256);
  articleCount = new Uint32Array(256);
  articleAlive = new Uint8Array(256);
  /** Per slot: '' for a title slot, else the passage id. */
  readonly slotPassageIds: string[] = [];
  slotArticle = new Uint32Array(1024);
  /** Token positions in the slot (BM25 length normalisation). */
  slotLength = new Uint32Array(1024);
  readonly byId = new Map<string, number>();
  /** Running sums over live slots, for average lengths. */
  liveTitles = 0;
  liveTitleLength = 0;
  livePassages = 0;
  livePassageLength = 0;
  deadSlots = 0;

  get slotCount(): number {
    return this.slotPassageIds.length;
  }

  get articleTotal(): number {
    return this.articleIds.length;
  }

  addArticle(id: string): number {
    const a = this.articleIds.length;
    this.articleIds.push(id);
    if (a >= this.articleFirst.length) {
      this.articleFirst = grow32(this.articleFirst, a + 1);
      this.articleCount = grow32(this.articleCount, a + 1);
      const alive = new Uint8Array(this.articleAlive.length * 2);
      alive.set(this.articleAlive);
      this.articleAlive = alive;
    }
    this.articleFirst[a] = this.slotCount;
    this.articleCount[a] = 0;
    this.articleAlive[a] = 1;
    this.byId.set(id, a);
    return a;
  }

  addSlot(article: number, passageId: string, length: number): number {
    const slot = this.slotPassageIds.length;
    this.slotPassageIds.push(passageId);
    if (slot >= this.slotArticle.length) {
      this.slotArticle = grow32(this.slotArticle, slot + 1);
      this.slotLength = grow32(this.slotLength, slot + 1);
    }
    this.slotArticle[slot] = article;
    this.slotLength[slot] = length;
    this.articleCount[article] = (this.articleCount[article] ?? 0) + 1;
    if (passageId === '') {
      this.liveTitles++;
      this.liveTitleLength += length;
    } else {
      this.livePassages++;
      this.livePassageLength += length;
    }
    return slot;
  }

  kill(article: number): void {
    this.articleAlive[article] = 0;
    this.byId.delete(this.articleIds[article] ?? '');
    const first = this.articleFirst[article] ?? 0;
    const count = this.articleCount[article] ?? 0;
    for (let s = first; s < first + count; s++) {
      const len = this.slotLength[s] ?? 0;
      if (this.slotPassageIds[s] === '') {
        this.liveTitles--;
        this.liveTitleLength -= len;
      } else {
        this.livePassages--;
        this.livePassageLength -= len;
      }
    }
    this.deadSlots += count;
  }
}

export function grow32(arr: Uint32Array, need: number): Uint32Array<ArrayBuffer> {
  let cap = Math.max(arr.length * 2, 16);
  while (cap < need) cap *= 2;
  const next = new Uint32Array(cap);
  next.set(arr);
  return next;
}
