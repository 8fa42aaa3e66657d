// Full-text search over passages: a compact inverted index with typo tolerance, prefix and phrase queries.
// fuse.js is deliberately not used here (GUIDE §4: seconds per query over passage text); see execute.ts for
// match semantics and ranking, serialize.ts for the cache format.

import type { ArticleBody } from '../types';
import { execute, type SearchResult } from './execute';
import { Scratch } from './scratch';
import { PostingCursor, PostingList } from './postings';
import { parseQuery } from './query';
import { readIndex, writeIndex } from './serialize';
import { SlotTable } from './slots';
import { scanTokens } from './tokenize';
import { Vocabulary } from './vocabulary';

export type { RawHit, SearchResult } from './execute';

// Removing articles leaves tombstones; past this share of dead slots the postings are rewritten without them.
const COMPACT_RATIO = 0.2;

export class SearchIndex {
  private vocab = new Vocabulary();
  private slots = new SlotTable();
  private readonly scratch = new Scratch();

  /** Indexes the title and every passage of an article; an article already indexed is replaced. */
  addArticle(doc: { id: string; title: string }, body: ArticleBody): void {
    if (this.has(doc.id)) this.removeArticle(doc.id);
    const article = this.slots.addArticle(doc.id);
    this.indexSlot(article, '', doc.title);
    for (const p of body.passages) this.indexSlot(article, p.id, body.text.slice(p.start, p.end));
  }

  removeArticle(id: string): void {
    const article = this.slots.byId.get(id);
    if (article === undefined) return;
    this.slots.kill(article);
    if (this.slots.deadSlots > COMPACT_RATIO * this.slots.slotCount) this.compact();
  }

  has(id: string): boolean {
    return this.slots.byId.has(id);
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.slots.byId.size;
  }

  /** All query words must match (see execute.ts); `total` counts matching passages, `hits` the best `limit`. */
  search(query: string, limit: number): SearchResult {
    const clauses = parseQuery(query);
    return execute(this.vocab, this.slots, this.scratch, clauses, Math.max(0, Math.floor(limit)));
  }

  /** A versioned snapshot; tombstones are compacted away first. */
  toJSON(): string {
    if (this.slots.deadSlots > 0) this.compact();
    return writeIndex(this.vocab, this.slots);
  }

  /** Throws a QuireError for a wrong version or corrupt input: the caller then rebuilds from the articles. */
  static fromJSON(json: string): SearchIndex {
    const { vocab, slots } = readIndex(json);
    const index = new SearchIndex();
    index.vocab = vocab;
    index.slots = slots;
    return index;
  }

  private indexSlot(article: number, passageId: string, text: string): void {
    const slot = this.slots.slotCount;
    const positions = new Map<string, number[]>();
    const length = scanTokens(text, (term, _start, _end, pos) => {
      const list = positions.get(term);
      if (list === undefined) positions.set(term, [pos]);
      else if (list[list.length - 1] !== pos) list.push(pos);
    });
    this.slots.addSlot(article, passageId, length);
    for (const [term, list] of positions) this.vocab.listFor(term).append(slot, list);
  }

  /** Rewrites postings and slot numbers without dead articles; terms left with no posting are dropped. */
  private compact(): void {
    const old = this.slots;
    const slots = new SlotTable();
    const remap = new Int32Array(old.slotCount).fill(-1);
    for (let a = 0; a < old.articleTotal; a++) {
      if (old.articleAlive[a] !== 1) continue;
      const article = slots.addArticle(old.articleIds[a] ?? '');
      const first = old.articleFirst[a] ?? 0;
      const count = old.articleCount[a] ?? 0;
      for (let s = first; s < first + count; s++) {
        remap[s] = slots.addSlot(article, old.slotPassageIds[s] ?? '', old.slotLength[s] ?? 0);
      }
    }
    const vocab = new Vocabulary();
    this.vocab.terms.forEach((term, id) => {
      const list = this.vocab.postings[id];
      if (!list) return;
      const cursor = new PostingCursor(list.bytes());
      let fresh: PostingList | null = null;
      for (let s = cursor.next(); s >= 0; s = cursor.next()) {
        const to = remap[s] ?? -1;
        if (to < 0) continue;
        fresh ??= new PostingList();
        fresh.append(to, cursor.positions());
      }
      if (fresh) vocab.add(term, fresh);
    });
    this.vocab = vocab;
    this.slots = slots;
  }
}
