// The index's document table. Every document (an article, a note or a memo) owns a contiguous run of "slots": its
// title first, then one slot per passage. Postings point at slots, so a hit resolves to (document, passage) with
// two array reads. Per-document metadata lives here too, already normalised, so filters are array reads.

export const KIND_ARTICLE = 0;
export const KIND_NOTE = 1;
export const KIND_MEMO = 2;

/** A coded stretch of a document: [start, end) in its text and the tag names (normalised) that apply there. */
export interface CodedSpan {
  start: number;
  end: number;
  tags: string[];
}

/** Metadata kept per document for the `tag:`/`source:`/`author:`/`after:`/`before:` filters. */
export interface DocFilterMeta {
  kind: number;
  /** YYYYMMDD, 0 when unknown. */
  published: number;
  /** Normalised (see `normalizeField`), '' when unknown. */
  source: string;
  author: string;
  /** Where the document is coded; `tag:` filters keep the passages these overlap. */
  codes: CodedSpan[];
}

export class SlotTable {
  /** Per document number: its key (an article id, or a note key, see index.ts). */
  readonly articleIds: string[] = [];
  articleFirst = new Uint32Array(256);
  articleCount = new Uint32Array(256);
  articleAlive = new Uint8Array(256);
  docKind = new Uint8Array(256);
  docPublished = new Uint32Array(256);
  readonly docSource: string[] = [];
  readonly docAuthor: string[] = [];
  readonly docCodes: CodedSpan[][] = [];
  /** Per slot: '' for a title slot, else the passage id. */
  readonly slotPassageIds: string[] = [];
  slotArticle = new Uint32Array(1024);
  /** Token positions in the slot (BM25 length normalisation). */
  slotLength = new Uint32Array(1024);
  /** [start, end) of the passage in its document's text. */
  slotStart = new Uint32Array(1024);
  slotEnd = new Uint32Array(1024);
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

  addArticle(id: string, meta: DocFilterMeta = EMPTY_META): number {
    const a = this.articleIds.length;
    this.articleIds.push(id);
    if (a >= this.articleFirst.length) {
      this.articleFirst = grow32(this.articleFirst, a + 1);
      this.articleCount = grow32(this.articleCount, a + 1);
      this.docPublished = grow32(this.docPublished, a + 1);
      this.articleAlive = grow8(this.articleAlive, a + 1);
      this.docKind = grow8(this.docKind, a + 1);
    }
    this.articleFirst[a] = this.slotCount;
    this.articleCount[a] = 0;
    this.articleAlive[a] = 1;
    this.docSource.push('');
    this.docAuthor.push('');
    this.docCodes.push(NO_CODES);
    this.setMeta(a, meta);
    this.byId.set(id, a);
    return a;
  }

  setMeta(doc: number, meta: DocFilterMeta): void {
    this.docKind[doc] = meta.kind;
    this.docPublished[doc] = meta.published;
    this.docSource[doc] = meta.source;
    this.docAuthor[doc] = meta.author;
    this.docCodes[doc] = meta.codes.length === 0 ? NO_CODES : meta.codes;
  }

  metaOf(doc: number): DocFilterMeta {
    return {
      kind: this.docKind[doc] ?? KIND_ARTICLE,
      published: this.docPublished[doc] ?? 0,
      source: this.docSource[doc] ?? '',
      author: this.docAuthor[doc] ?? '',
      codes: this.docCodes[doc] ?? NO_CODES,
    };
  }

  addSlot(article: number, passageId: string, length: number, start = 0, end = 0): number {
    const slot = this.slotPassageIds.length;
    this.slotPassageIds.push(passageId);
    if (slot >= this.slotArticle.length) {
      this.slotArticle = grow32(this.slotArticle, slot + 1);
      this.slotLength = grow32(this.slotLength, slot + 1);
      this.slotStart = grow32(this.slotStart, slot + 1);
      this.slotEnd = grow32(this.slotEnd, slot + 1);
    }
    this.slotArticle[slot] = article;
    this.slotLength[slot] = length;
    this.slotStart[slot] = start;
    this.slotEnd[slot] = end;
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

// Most documents are not coded: they share one empty list.
const NO_CODES: CodedSpan[] = [];
const EMPTY_META: DocFilterMeta = {
  kind: KIND_ARTICLE,
  published: 0,
  source: '',
  author: '',
  codes: NO_CODES,
};

export function grow32(arr: Uint32Array, need: number): Uint32Array<ArrayBuffer> {
  let cap = Math.max(arr.length * 2, 16);
  while (cap < need) cap *= 2;
  const next = new Uint32Array(cap);
  next.set(arr);
  return next;
}

function grow8(arr: Uint8Array, need: number): Uint8Array<ArrayBuffer> {
  let cap = Math.max(arr.length * 2, 16);
  while (cap < need) cap *= 2;
  const next = new Uint8Array(cap);
  next.set(arr);
  return next;
}
