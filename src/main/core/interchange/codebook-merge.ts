// Codes from another tool (or an earlier export) merged into the notebook's codebook inside one change set:
// a code whose path already exists is matched (its empty description, memo and colour are filled in), any other
// is created under its parent, after the siblings already there.
import { nextTagColor } from '../annotate/colors';
import { normalizeTagName } from '../annotate/tags';
import type { IdGenerator } from '../ids';
import type { Transaction } from '../store/transaction';
import type { Tag } from '../types';
import type { ReadCode } from './qdpx-read';

export interface CodebookMerge {
  /** Code GUID → tag id. */
  tagOf: Map<string, string>;
  created: number;
  matched: number;
  updated: number;
}

const key = (name: string): string => normalizeTagName(name).toLowerCase();

export function mergeCodebook(
  tx: Transaction,
  codes: readonly ReadCode[],
  ids: IdGenerator,
  now: string,
): CodebookMerge {
  const result: CodebookMerge = { tagOf: new Map(), created: 0, matched: 0, updated: 0 };
  const place = (list: readonly ReadCode[], parentId: string | null): void => {
    const siblings = tx.list('tag').filter((t) => t.parentId === parentId);
    let nextOrder = siblings.reduce((m, t) => Math.max(m, t.order + 1), 0);
    for (const code of list) {
      const existing = tx.list('tag').find((t) => t.parentId === parentId && key(t.name) === key(code.name));
      let tag: Tag;
      if (existing) {
        tag = {
          ...existing,
          description: existing.description.trim() ? existing.description : code.description,
          memo: existing.memo.trim() ? existing.memo : code.memo,
        };
        if (tag.description !== existing.description || tag.memo !== existing.memo) {
          tx.put('tag', tag);
          result.updated++;
        }
        result.matched++;
      } else {
        tag = {
          id: ids('tag'),
          name: normalizeTagName(code.name),
          parentId,
          description: code.description,
          order: nextOrder++,
          color: code.color ?? nextTagColor(tx.list('tag').map((t) => t.color)),
          memo: code.memo,
          createdAt: now,
        };
        tx.put('tag', tag);
        result.created++;
      }
      if (code.guid) result.tagOf.set(code.guid, tag.id);
      place(code.children, tag.id);
    }
  };
  place(codes, null);
  return result;
}
