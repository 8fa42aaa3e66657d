// The on-disk form of the index: a rebuildable cache, so any doubt (wrong magic or version, bad lengths, a
// checksum mismatch) is a QuireError and the caller rebuilds. Binary, so opening is a few copies, not a parse:
//   "QSIX" | u32 version | u32 checksum (over everything after it) | u32 sectionCount | sectionCount × u32 byteLength
//   | sections, each padded to 4 bytes.
// Sections: 0 strings (UTF-8 JSON of the string tables), then typed arrays (see SECTIONS), then posting bytes.
// Posting lists are views into the file's bytes: PostingList copies itself before its first append.

import { QuireError } from '../errors';
import { PostingList } from './postings';
import { SlotTable } from './slots';
import { Vocabulary } from './vocabulary';

export const INDEX_VERSION = 4;
const MAGIC = 0x58495351; // "QSIX" little-endian
const HEADER = 16;

interface Strings {
  /** The notebook's journal position the index reflects (change sets after it are caught up at open). */
  seq: number;
  docKeys: string[];
  passageIds: string[];
  terms: string[];
  sources: string[];
  authors: string[];
  /** Per document: its coded spans as [start, end, tags]. */
  codes: [number, number, string[]][][];
}

/** Callers must compact first: every document written is alive. */
export function writeIndex(vocab: Vocabulary, slots: SlotTable, seq: number): Uint8Array {
  const docs = slots.articleTotal;
  const n = slots.slotCount;
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
  const postings = new Uint8Array(total);
  let at = 0;
  for (const list of vocab.postings) {
    postings.set(list.bytes(), at);
    at += list.length;
  }
  const strings: Strings = {
    seq,
    docKeys: slots.articleIds,
    passageIds: slots.slotPassageIds,
    terms: vocab.terms,
    sources: slots.docSource,
    authors: slots.docAuthor,
    codes: slots.docCodes.map((spans) =>
      spans.map((c): [number, number, string[]] => [c.start, c.end, c.tags]),
    ),
  };
  const sections: Uint8Array[] = [
    new TextEncoder().encode(JSON.stringify(strings)),
    bytesOf(slots.articleCount.subarray(0, docs)),
    slots.docKind.subarray(0, docs),
    bytesOf(slots.docPublished.subarray(0, docs)),
    bytesOf(slots.slotLength.subarray(0, n)),
    bytesOf(slots.slotStart.subarray(0, n)),
    bytesOf(slots.slotEnd.subarray(0, n)),
    bytesOf(byteLengths),
    bytesOf(counts),
    bytesOf(lastSlots),
    bytesOf(vocab.sortedOrder()),
    postings,
  ];
  const headerBytes = HEADER + 4 * sections.length;
  const size = sections.reduce((sum, s) => sum + pad4(s.byteLength), headerBytes);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, INDEX_VERSION, true);
  view.setUint32(12, sections.length, true);
  let offset = headerBytes;
  sections.forEach((s, i) => {
    view.setUint32(HEADER + 4 * i, s.byteLength, true);
    out.set(s, offset);
    offset += pad4(s.byteLength);
  });
  view.setUint32(8, checksum(out, 12), true);
  return out;
}

export function readIndex(input: Uint8Array): { vocab: Vocabulary; slots: SlotTable; seq: number } {
  // A private, aligned copy: typed-array views need 4-byte alignment and the caller's buffer may change.
  const bytes = new Uint8Array(input.byteLength);
  bytes.set(input);
  if (bytes.byteLength < HEADER) throw corrupt('it is too short');
  const view = new DataView(bytes.buffer);
  if (view.getUint32(0, true) !== MAGIC) throw corrupt('it is not a Quire search index');
  const version = view.getUint32(4, true);
  if (version !== INDEX_VERSION) {
    throw new QuireError(
      'NOTEBOOK_ERROR',
      `The search index was written in format ${version} and this Quire reads ${INDEX_VERSION}; it will be rebuilt from your articles.`,
    );
  }
  if (view.getUint32(8, true) !== checksum(bytes, 12)) throw corrupt('its checksum does not match');
  const sectionCount = view.getUint32(12, true);
  if (sectionCount !== 12 || bytes.byteLength < HEADER + 4 * sectionCount)
    throw corrupt('its header is broken');
  const sections: Uint8Array[] = [];
  let offset = HEADER + 4 * sectionCount;
  for (let i = 0; i < sectionCount; i++) {
    const len = view.getUint32(HEADER + 4 * i, true);
    if (offset + len > bytes.byteLength) throw corrupt('a section runs past the end');
    sections.push(bytes.subarray(offset, offset + len));
    offset += pad4(len);
  }
  const [
    json,
    counts,
    kinds,
    published,
    lengths,
    starts,
    ends,
    byteLengths,
    termCounts,
    lastSlots,
    order,
    postings,
  ] = sections as [Uint8Array, ...Uint8Array[]];
  let strings: Strings;
  try {
    strings = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as Strings;
  } catch (e) {
    throw corrupt('its string table does not parse', e);
  }
  const docCounts = u32(counts);
  const docKinds = kinds ?? new Uint8Array(0);
  const docPublished = u32(published);
  const slotLengths = u32(lengths);
  const slotStarts = u32(starts);
  const slotEnds = u32(ends);
  const docs = strings.docKeys.length;
  const n = strings.passageIds.length;
  if (
    [
      docCounts.length,
      docKinds.length,
      docPublished.length,
      strings.sources.length,
      strings.authors.length,
    ].some((l) => l !== docs) ||
    !Array.isArray(strings.codes) ||
    strings.codes.length !== docs ||
    [slotLengths.length, slotStarts.length, slotEnds.length].some((l) => l !== n)
  ) {
    throw corrupt('its document and passage tables disagree');
  }
  const slots = new SlotTable();
  let slot = 0;
  for (let d = 0; d < docs; d++) {
    const doc = slots.addArticle(strings.docKeys[d] ?? '', {
      kind: docKinds[d] ?? 0,
      published: docPublished[d] ?? 0,
      source: strings.sources[d] ?? '',
      author: strings.authors[d] ?? '',
      codes: (strings.codes[d] ?? []).map(([start, end, tags]) => ({ start, end, tags })),
    });
    const c = docCounts[d] ?? 0;
    if (slot + c > n) throw corrupt('a document points past the passage table');
    for (let k = 0; k < c; k++, slot++) {
      slots.addSlot(
        doc,
        strings.passageIds[slot] ?? '',
        slotLengths[slot] ?? 0,
        slotStarts[slot],
        slotEnds[slot],
      );
    }
  }
  if (slot !== n) throw corrupt('some passages belong to no document');

  const terms = strings.terms;
  const lens = u32(byteLengths);
  const tc = u32(termCounts);
  const last = u32(lastSlots);
  const sorted = u32(order);
  if ([lens.length, tc.length, last.length, sorted.length].some((l) => l !== terms.length)) {
    throw corrupt('its term tables disagree');
  }
  const data = postings ?? new Uint8Array(0);
  const vocab = new Vocabulary();
  let at = 0;
  for (let i = 0; i < terms.length; i++) {
    const len = lens[i] ?? 0;
    const lastSlot = last[i] ?? 0;
    if (at + len > data.length || lastSlot >= n) throw corrupt('a posting list runs past the data');
    vocab.add(terms[i] ?? '', new PostingList(data.subarray(at, at + len), tc[i] ?? 0, lastSlot), false);
    at += len;
  }
  if (at !== data.length) throw corrupt('it has trailing posting data');
  vocab.restoreSorted(Array.from(sorted));
  if (!Number.isSafeInteger(strings.seq) || strings.seq < 0) throw corrupt('its journal position is missing');
  return { vocab, slots, seq: strings.seq };
}

function corrupt(why: string, cause?: unknown): QuireError {
  return new QuireError(
    'NOTEBOOK_ERROR',
    `The saved search index cannot be read (${why}); it will be rebuilt from your articles.`,
    cause === undefined ? undefined : { cause },
  );
}

function bytesOf(arr: Uint32Array): Uint8Array {
  return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function u32(section: Uint8Array | undefined): Uint32Array {
  if (section === undefined || section.byteLength % 4 !== 0)
    throw corrupt('a number table has a broken length');
  // Sections start 4-aligned within a fresh buffer, so this is a view, not a copy.
  return new Uint32Array(section.buffer, section.byteOffset, section.byteLength / 4);
}

/** FNV-style multiply-xor over 32-bit words (the tail byte-wise): cheap, and any flipped byte changes it. */
function checksum(bytes: Uint8Array, from: number): number {
  let h = 0x811c9dc5;
  const words = (bytes.byteLength - from) >>> 2;
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + from, words);
  for (let i = 0; i < words; i++) h = Math.imul(h ^ (view[i] as number), 0x01000193);
  for (let i = from + words * 4; i < bytes.byteLength; i++)
    h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}
