// Full-text search over passages, article titles, metadata, notes and memos: a compact inverted index with typo
// tolerance, prefix and phrase queries and a small query language (operators.ts). fuse.js is deliberately not
// used here (GUIDE §4: seconds per query over passage text); see execute.ts and grouped.ts for match semantics
// and ranking, serialize.ts for the cache format.

import type { ArticleBody } from '../types';
import { execute, type SearchResult } from './execute';
import { executeGrouped, type GroupedSearchResult } from './grouped';
import { dateNumber, normalizeField, normalizeTagKey, parseSearchQuery } from './operators';
import { PostingCursor, PostingList } from './postings';
import { parseQuery } from './query';
import { Scratch } from './scratch';
import { readIndex, writeIndex } from './serialize';
import { KIND_ARTICLE, KIND_MEMO, KIND_NOTE, SlotTable, type CodedSpan, type DocFilterMeta } from './slots';
import { scanTokens } from './tokenize';
import { Vocabulary } from './vocabulary';

export type { RawHit, SearchResult } from './execute';
export type { GroupedSearchResult, GroupHit, RankedGroup } from './grouped';
export type { ParsedQuery } from './operators';

export interface ArticleDocMeta {
  id: string;
  title: string;
  source: string | null;
  author: string | null;
  /** YYYY-MM-DD or null. */
  published: string | null;
  /** The article's coded spans (its highlights) with the tag names and paths `tag:` finds them by. */
  codes: { start: number; end: number; tags: string[] }[];
}

/**
 * A memo (on a highlight, an article or a tag), searched like a short document of its own: `in:memos` finds it,
 * filters apply through the article it belongs to and the tags it is coded with.
 */
export interface MemoDoc {
  /** `h:<highlight id>`, `a:<article id>` or `t:<tag id>`. */
  key: string;
  published: string | null;
  source: string | null;
  author: string | null;
  /** Tag names and paths the memo counts as coded with (its highlight's or tag's). */
  tags: string[];
  /** Its texts (a tag has a description and a memo), each searched paragraph by paragraph: `<id><k>`. */
  parts: { id: string; text: string }[];
}

export interface SearchOptions {
  limit: number;
  offset?: number;
  /** Best passages kept per document (default 3). */
  hitsPerGroup?: number;
  /** Only this article, note or memo: to list all of its matching passages. */
  within?: { kind: 'article' | 'note' | 'memo'; id: string } | null;
}

// Notes and memos share the document table with articles; their keys cannot collide with an article id.
const NOTE_KEY = '\u0002note:';
const MEMO_KEY = '\u0003memo:';
/** A memo's tags apply to all of it. */
const WHOLE = 0x7fffffff;
// Removing documents leaves tombstones; past this share of dead slots the postings are rewritten without them.
const COMPACT_RATIO = 0.2;

export class SearchIndex {
  /** The notebook's journal position this index reflects; set by whoever keeps it in step. */
  seq = 0;
  private vocab = new Vocabulary();
  private slots = new SlotTable();
  private readonly scratch = new Scratch();

  /** Indexes the title and every passage of an article; an article already indexed is replaced. */
  addArticle(doc: ArticleDocMeta | { id: string; title: string }, body: ArticleBody): void {
    this.removeKey(doc.id);
    const article = this.slots.addArticle(doc.id, metaOf(doc));
    this.indexSlot(article, '', doc.title, 0, 0);
    for (const p of body.passages)
      this.indexSlot(article, p.id, body.text.slice(p.start, p.end), p.start, p.end);
  }

  /**
   * Metadata and tags change without re-reading any text. The title's words are indexed text: when the title
   * itself changed, call `addArticle` with the body instead (this keeps searching the old title's words).
   */
  updateArticleMeta(meta: ArticleDocMeta): void {
    const doc = this.slots.byId.get(meta.id);
    if (doc !== undefined) this.slots.setMeta(doc, metaOf(meta));
  }

  removeArticle(id: string): void {
    this.removeKey(id);
  }

  /** A note is searched like an article: its title, then one passage per paragraph (`n0`, `n1`, ...). */
  addNote(note: { id: string; title: string; body: string }): void {
    const key = NOTE_KEY + note.id;
    this.removeKey(key);
    const doc = this.slots.addArticle(key, {
      kind: KIND_NOTE,
      published: 0,
      source: '',
      author: '',
      codes: [],
    });
    this.indexSlot(doc, '', note.title, 0, 0);
    this.indexParagraphs(doc, 'n', note.body);
  }

  removeNote(id: string): void {
    this.removeKey(NOTE_KEY + id);
  }

  /** Indexes a memo (replacing what was indexed under its key); an empty memo is simply not there. */
  addMemo(memo: MemoDoc): void {
    const key = MEMO_KEY + memo.key;
    this.removeKey(key);
    if (memo.parts.every((p) => p.text.trim() === '')) return;
    const codes = memo.tags.length ? [{ start: 0, end: WHOLE, tags: memo.tags }] : [];
    const doc = this.slots.addArticle(key, {
      ...metaOf({ ...memo, id: memo.key, title: '', codes }),
      kind: KIND_MEMO,
    });
    this.indexSlot(doc, '', '', 0, 0);
    for (const part of memo.parts) this.indexParagraphs(doc, part.id, part.text);
  }

  removeMemo(key: string): void {
    this.removeKey(MEMO_KEY + key);
  }

  hasMemo(key: string): boolean {
    return this.slots.byId.has(MEMO_KEY + key);
  }

  has(id: string): boolean {
    return this.slots.byId.has(id);
  }

  hasNote(id: string): boolean {
    return this.slots.byId.has(NOTE_KEY + id);
  }

  /** Number of articles and notes indexed. */
  get size(): number {
    return this.slots.byId.size;
  }

  /** The query language (see operators.ts), answered as articles and notes with their best passages. */
  search(query: string, options: SearchOptions): GroupedSearchResult {
    const limit = Math.max(0, Math.floor(options.limit));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const parsed = parseSearchQuery(query);
    const prefix = { article: '', note: NOTE_KEY, memo: MEMO_KEY } as const;
    const within = options.within ? prefix[options.within.kind] + options.within.id : null;
    return executeGrouped(
      this.vocab,
      this.slots,
      this.scratch,
      parsed,
      { limit, offset, hitsPerGroup: options.hitsPerGroup ?? 3, within },
      keyToId,
    );
  }

  /**
   * Plain words (no operators) answered as a flat list of ranked passages, matched and scored with the same
   * tiers as `search`; lets the ranking be checked without grouping in between.
   */
  searchPassages(query: string, limit: number): SearchResult {
    return execute(this.vocab, this.slots, this.scratch, parseQuery(query), Math.max(0, Math.floor(limit)));
  }

  /** A versioned binary snapshot; tombstones are compacted away first. */
  serialize(): Uint8Array {
    if (this.slots.deadSlots > 0) this.compact();
    return writeIndex(this.vocab, this.slots, this.seq);
  }

  /** Throws a QuireError for a wrong version or corrupt input: the caller then rebuilds from the articles. */
  static deserialize(bytes: Uint8Array): SearchIndex {
    const { vocab, slots, seq } = readIndex(bytes);
    const index = new SearchIndex();
    index.vocab = vocab;
    index.slots = slots;
    index.seq = seq;
    return index;
  }

  /** The binary snapshot as base64 inside a string, for callers that still store text. */
  toJSON(): string {
    return JSON.stringify({
      format: 'quire-search-index',
      data: Buffer.from(this.serialize()).toString('base64'),
    });
  }

  static fromJSON(json: string): SearchIndex {
    let data: unknown;
    try {
      data = (JSON.parse(json) as { data?: unknown }).data;
    } catch {
      data = undefined;
    }
    return SearchIndex.deserialize(
      typeof data === 'string' ? Buffer.from(data, 'base64') : new Uint8Array(0),
    );
  }

  private removeKey(key: string): void {
    const doc = this.slots.byId.get(key);
    if (doc === undefined) return;
    this.slots.kill(doc);
    if (this.slots.deadSlots > COMPACT_RATIO * this.slots.slotCount) this.compact();
  }

  /** One passage per paragraph (lines up to a blank line): `<prefix>0`, `<prefix>1`, … with offsets into `text`. */
  private indexParagraphs(doc: number, prefix: string, text: string): void {
    const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
    let k = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].trim() === '') continue;
      this.indexSlot(doc, `${prefix}${k++}`, m[0], m.index, m.index + m[0].length);
    }
  }

  private indexSlot(doc: number, passageId: string, text: string, start: number, end: number): void {
    const slot = this.slots.slotCount;
    const positions = new Map<string, number[]>();
    const length = scanTokens(text, (term, _start, _end, pos) => {
      const list = positions.get(term);
      if (list === undefined) positions.set(term, [pos]);
      else if (list[list.length - 1] !== pos) list.push(pos);
    });
    this.slots.addSlot(doc, passageId, length, start, end);
    for (const [term, list] of positions) this.vocab.listFor(term).append(slot, list);
  }

  /** Rewrites postings and slot numbers without dead documents; terms left with no posting are dropped. */
  private compact(): void {
    const old = this.slots;
    const slots = new SlotTable();
    const remap = new Int32Array(old.slotCount).fill(-1);
    for (let a = 0; a < old.articleTotal; a++) {
      if (old.articleAlive[a] !== 1) continue;
      const doc = slots.addArticle(old.articleIds[a] ?? '', old.metaOf(a));
      const first = old.articleFirst[a] ?? 0;
      const count = old.articleCount[a] ?? 0;
      for (let s = first; s < first + count; s++) {
        remap[s] = slots.addSlot(
          doc,
          old.slotPassageIds[s] ?? '',
          old.slotLength[s] ?? 0,
          old.slotStart[s],
          old.slotEnd[s],
        );
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

function keyToId(key: string): string {
  if (key.startsWith(NOTE_KEY)) return key.slice(NOTE_KEY.length);
  return key.startsWith(MEMO_KEY) ? key.slice(MEMO_KEY.length) : key;
}

function metaOf(doc: ArticleDocMeta | { id: string; title: string }): DocFilterMeta {
  if (!('codes' in doc)) return { kind: KIND_ARTICLE, published: 0, source: '', author: '', codes: [] };
  return {
    kind: KIND_ARTICLE,
    published: dateNumber(doc.published),
    source: doc.source === null ? '' : normalizeField(doc.source),
    author: doc.author === null ? '' : normalizeField(doc.author),
    codes: doc.codes.map((c): CodedSpan => ({
      start: c.start,
      end: c.end,
      tags: [...new Set(c.tags.map(normalizeTagKey))],
    })),
  };
}
