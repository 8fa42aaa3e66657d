// The on-disk form of the index: a rebuildable cache, so any doubt (wrong version, bad lengths) is an error and
// the caller rebuilds. Bulk data is base64 of typed arrays inside one JSON object, which JSON.parse reads as a
// handful of long strings: opening a 10k-article index takes a fraction of a second, not a rebuild.

import { QuireError } from '../errors';
import { PostingList } from './postings';
import { SlotTable } from './slots';
import { Vocabulary } from './vocabulary';

export const INDEX_FORMAT = 'quire-search-index';
export const INDEX_VERSION = 1;

interface IndexFileV1 {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  articleIds: string[];
  /** Slots per article (title + passages), base64 Uint32. */
  articleCounts: string;
  /** Per slot: '' for a title, else the passage id. */
  slotPassageIds: string[];
  slotLengths: string;
  /** Terms joined by '\n' (a term never contains whitespace). */
  terms: string;
  /** Per term, base64 Uint32: byte length, slot count, last slot. */
  byteLengths: string;
  counts: string;
  lastSlots: string;
  postings: string;
}

/** Callers must compact first: every article written is alive. */
export function writeIndex(vocab: Vocabulary, slots: SlotTable): string {
  const termCount = vocab.size;
  const byteLengths = new Uint32Array(termCount);
  const counts = new Uint32Array(termCount);
  const lastSlots = new Uint32Array(termCount);
  let total = 0;
  vocab.postings.forEach((list, i) => {
    byteLengths[i] = list.length;
    counts[i] = list.count;
    lastSlots[i] = list.lastSlot;
    total += list.length;
  });
  const all = new Uint8Array(total);
  let at = 0;
  for (const list of vocab.postings) {
    all.set(list.bytes(), at);
    at += list.length;
  }
  const file: IndexFileV1 = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    articleIds: slots.articleIds,
    articleCounts: b64(slots.articleCount.subarray(0, slots.articleTotal)),
    slotPassageIds: slots.slotPassageIds,
    slotLengths: b64(slots.slotLength.subarray(0, slots.slotCount)),
    terms: vocab.terms.join('\n'),
    byteLengths: b64(byteLengths),
    counts: b64(counts),
    lastSlots: b64(lastSlots),
    postings: Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString('base64'),
  };
  return JSON.stringify(file);
}

export function readIndex(json: string): { vocab: Vocabulary; slots: SlotTable } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw corrupt('it is not valid JSON', e);
  }
  const file = checkShape(parsed);
  const slots = new SlotTable();
  const counts = u32(file.articleCounts);
  const lengths = u32(file.slotLengths);
  if (counts.length !== file.articleIds.length || lengths.length !== file.slotPassageIds.length) {
    throw corrupt('its article and passage tables disagree');
  }
  let slot = 0;
  file.articleIds.forEach((id, a) => {
    const article = slots.addArticle(id);
    const n = counts[a] ?? 0;
    for (let k = 0; k < n; k++, slot++) {
      if (slot >= lengths.length) throw corrupt('an article points past the passage table');
      slots.addSlot(article, file.slotPassageIds[slot] ?? '', lengths[slot] ?? 0);
    }
  });
  if (slot !== lengths.length) throw corrupt('some passages belong to no article');

  const terms = file.terms === '' ? [] : file.terms.split('\n');
  const byteLengths = u32(file.byteLengths);
  const termCounts = u32(file.counts);
  const lastSlots = u32(file.lastSlots);
  if (
    byteLengths.length !== terms.length ||
    termCounts.length !== terms.length ||
    lastSlots.length !== terms.length
  ) {
    throw corrupt('its term tables disagree');
  }
  const bytes = Buffer.from(file.postings, 'base64');
  const vocab = new Vocabulary();
  let at = 0;
  terms.forEach((term, i) => {
    const len = byteLengths[i] ?? 0;
    const last = lastSlots[i] ?? 0;
    if (at + len > bytes.length || last >= slot) throw corrupt('a posting list runs past the data');
    // A copy, not a view: appending to one term must never grow into its neighbour's bytes.
    const own = new Uint8Array(len);
    own.set(bytes.subarray(at, at + len));
    vocab.add(term, new PostingList(own, termCounts[i] ?? 0, last));
    at += len;
  });
  if (at !== bytes.length) throw corrupt('it has trailing posting data');
  return { vocab, slots };
}

function checkShape(v: unknown): IndexFileV1 {
  if (typeof v !== 'object' || v === null) throw corrupt('it is not an index object');
  const o = v as Record<string, unknown>;
  if (o.format !== INDEX_FORMAT) throw corrupt('it is not a Quire search index');
  if (o.version !== INDEX_VERSION) {
    throw new QuireError(
      'NOTEBOOK_ERROR',
      `The search index was written in format ${String(o.version)} and this Quire reads ${INDEX_VERSION}; it will be rebuilt from your articles.`,
    );
  }
  const strings = ['articleCounts', 'slotLengths', 'terms', 'byteLengths', 'counts', 'lastSlots', 'postings'];
  for (const key of strings) if (typeof o[key] !== 'string') throw corrupt(`its "${key}" field is missing`);
  for (const key of ['articleIds', 'slotPassageIds']) {
    const arr = o[key];
    if (!Array.isArray(arr) || !arr.every((x) => typeof x === 'string'))
      throw corrupt(`its "${key}" list is broken`);
  }
  return v as IndexFileV1;
}

function corrupt(why: string, cause?: unknown): QuireError {
  return new QuireError(
    'NOTEBOOK_ERROR',
    `The saved search index cannot be read (${why}); it will be rebuilt from your articles.`,
    cause === undefined ? undefined : { cause },
  );
}

function b64(arr: Uint32Array): string {
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('base64');
}

function u32(s: string): Uint32Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength % 4 !== 0) throw corrupt('a number table has a broken length');
  const out = new Uint32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
