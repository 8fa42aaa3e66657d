// The records a notebook holds, and the one shape every change to them takes. A change names a record by kind and
// id and gives its state before and after (null: absent). Everything that writes the notebook speaks this shape:
// handlers, undo/redo, the journal on disk, and (later) replication.
import type { z } from 'zod';
import type { Change, ChangeOrigin, Highlight, RecordKind, RecordTypes } from '../types';
import { articleRecordSchema, highlightSchema, noteSchema, tagSchema, trashEntrySchema } from './schema';

export type { Change, ChangeOrigin, RecordKind, RecordTypes } from '../types';

export const recordKinds = [
  'article',
  'tag',
  'highlight',
  'note',
  'trash',
] as const satisfies readonly RecordKind[];

export const recordSchemas: { [K in RecordKind]: z.ZodType<RecordTypes[K]> } = {
  article: articleRecordSchema,
  tag: tagSchema,
  highlight: highlightSchema,
  note: noteSchema,
  trash: trashEntrySchema,
};

/** A change set as it was committed: numbered in commit order, never reused within a notebook. */
export interface Committed {
  seq: number;
  at: string;
  /** What happened, in words a researcher reads in the Edit menu: "Tag 3 passages arms-trade". */
  label: string;
  origin: ChangeOrigin;
  changes: Change[];
}

/**
 * Records are split over a few files per kind (shards) so that saving one never rewrites the whole corpus.
 * Highlights live with their article's shard number so deleting an article touches one highlights file.
 */
export const shardCounts: Readonly<Record<RecordKind, number>> = {
  article: 64,
  highlight: 64,
  note: 16,
  tag: 1,
  trash: 4,
};

export function shardOf<K extends RecordKind>(kind: K, record: RecordTypes[K]): number {
  const key = kind === 'highlight' ? (record as Highlight).articleId : record.id;
  return hashString(key) % shardCounts[kind];
}

/** FNV-1a: stable across runs and platforms, which a shard number must be. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
