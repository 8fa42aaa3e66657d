// The Trash: deleted notes, articles (with their highlights) and tags (with what their deletion changed) are kept,
// restorable with everything they had, until the researcher empties the Trash or 30 days pass. Moving into and out
// of the Trash are ordinary change sets, so undo, search and the views follow them like any edit.
import type { ArticleRecord, Highlight, Note, Tag, TrashEntry } from '../types';
import { liftChildren } from '../codebook/edits';
import { sameTitle } from '../notes/wikilinks';
import type { Transaction } from '../store/transaction';
import type { NotebookSession } from './session';

export const TRASH_DAYS = 30;

export function trashNote(tx: Transaction, note: Note, now: string): TrashEntry {
  tx.remove('note', note.id);
  return file(tx, {
    id: note.id,
    kind: 'note',
    title: note.title,
    deletedAt: now,
    note,
    highlights: [],
    untagged: [],
  });
}

export function trashArticle(tx: Transaction, article: ArticleRecord, now: string): TrashEntry {
  const highlights = tx.highlightsOf(article.id);
  for (const h of highlights) tx.remove('highlight', h.id);
  tx.remove('article', article.id);
  return file(tx, {
    id: article.id,
    kind: 'article',
    title: article.title,
    deletedAt: now,
    article,
    highlights,
    untagged: [],
  });
}

/**
 * Deletes a tag. Its highlights keep their span, memo and other tags; with `withHighlights`, the passages coded
 * with this tag alone go too (a passage also coded otherwise only loses this code). Its sub-tags move up a level.
 */
export function trashTag(tx: Transaction, tag: Tag, withHighlights: boolean, now: string): TrashEntry {
  const removed: Highlight[] = [];
  const untagged: string[] = [];
  for (const h of tx.list('highlight')) {
    if (!h.tagIds.includes(tag.id)) continue;
    const rest = h.tagIds.filter((t) => t !== tag.id);
    if (withHighlights && rest.length === 0) {
      tx.remove('highlight', h.id);
      removed.push(h);
    } else {
      tx.put('highlight', { ...h, tagIds: rest });
      untagged.push(h.id);
    }
  }
  liftChildren(tx, tag);
  tx.remove('tag', tag.id);
  return file(tx, {
    id: tag.id,
    kind: 'tag',
    title: tag.name,
    deletedAt: now,
    tag,
    highlights: removed,
    untagged,
  });
}

/** Puts everything back as it was, as far as the notebook still allows; says what could not come back. */
export function restoreFromTrash(tx: Transaction, entry: TrashEntry): string[] {
  const notes: string[] = [];
  tx.remove('trash', entry.id);
  if (entry.note) {
    let title = entry.note.title;
    if (tx.list('note').some((n) => sameTitle(n.title, title))) {
      title = `${title} (restored)`;
      notes.push(`A note called “${entry.note.title}” exists now, so the restored one is called “${title}”.`);
    }
    tx.put('note', { ...entry.note, title });
  }
  if (entry.article) tx.put('article', entry.article);
  if (entry.tag) {
    const parentId = entry.tag.parentId;
    if (parentId !== null && !tx.get('tag', parentId)) {
      notes.push(`The tag it sat under is gone, so “${entry.tag.name}” comes back at the top level.`);
      tx.put('tag', { ...entry.tag, parentId: null });
    } else tx.put('tag', entry.tag);
  }
  let lostTags = 0;
  for (const h of entry.highlights) {
    if (!tx.get('article', h.articleId)) continue;
    const tagIds = h.tagIds.filter((t) => tx.get('tag', t));
    lostTags += h.tagIds.length - tagIds.length;
    tx.put('highlight', { ...h, tagIds });
  }
  if (entry.tag) {
    for (const id of entry.untagged) {
      const h = tx.get('highlight', id);
      if (h && !h.tagIds.includes(entry.tag.id))
        tx.put('highlight', { ...h, tagIds: [...h.tagIds, entry.tag.id] });
    }
  }
  if (lostTags > 0)
    notes.push(`${lostTags} tag${lostTags === 1 ? ' was' : 's were'} deleted meanwhile and stay off.`);
  return notes;
}

/** Entries past their 30 days go for good when a notebook opens (a system change: not an undo step). */
export async function purgeExpiredTrash(session: NotebookSession, now: Date): Promise<number> {
  const cutoff = now.getTime() - TRASH_DAYS * 24 * 60 * 60 * 1000;
  const expired = session.store.list('trash').filter((t) => Date.parse(t.deletedAt) < cutoff);
  if (expired.length === 0) return 0;
  await session.commit(
    `Empty ${expired.length} item${expired.length === 1 ? '' : 's'} older than ${TRASH_DAYS} days from the Trash`,
    (tx) => {
      for (const t of expired) tx.remove('trash', t.id);
    },
    { origin: 'system' },
  );
  return expired.length;
}

/** What a trash entry brought with it, in a few words: "with 3 highlights". */
export function trashDetail(entry: TrashEntry): string {
  const n = entry.highlights.length;
  if (entry.kind === 'tag') {
    const parts = [];
    if (entry.untagged.length)
      parts.push(`taken off ${entry.untagged.length} highlight${entry.untagged.length === 1 ? '' : 's'}`);
    if (n) parts.push(`${n} highlight${n === 1 ? '' : 's'} deleted with it`);
    return parts.join('; ');
  }
  return n ? `with ${n} highlight${n === 1 ? '' : 's'}` : '';
}

function file(tx: Transaction, entry: TrashEntry): TrashEntry {
  // Deleting again what was restored and deleted before replaces the older entry.
  tx.put('trash', entry);
  return entry;
}
