import type { ApiParsedInput, NoteSummary } from '../api-contract';
import type { Core } from '../app/core';
import { trashNote } from '../app/trash';
import { QuireError } from '../errors';
import { citationMarkdown } from '../notes/citations';
import { noteBacklinks } from '../notes/backlinks';
import { missingLinkTargets } from '../notes/wikilinks';
import { renameWikilinks, sameTitle } from '../notes/wikilinks';
import type { Transaction } from '../store/transaction';
import type { Note } from '../types';
import { requireArticle } from './article-view';
import type { Handlers } from './handler';

const summary = ({ id, title, createdAt, updatedAt }: Note): NoteSummary => ({
  id,
  title,
  createdAt,
  updatedAt,
});

function requireNote(tx: Pick<Transaction, 'get'>, id: string): Note {
  const note = tx.get('note', id);
  if (!note) throw new QuireError('NOT_FOUND', 'That note no longer exists; it may have been deleted.');
  return note;
}

// Wikilinks resolve by title, so titles are unique (case-insensitively, as file systems and Obsidian see them).
function assertTitleFree(notes: readonly Note[], title: string, except?: string): void {
  if (notes.some((n) => n.id !== except && sameTitle(n.title, title))) {
    throw new QuireError('CONFLICT', `A note called “${title}” already exists. Choose another title.`);
  }
}

async function noteList(core: Core) {
  return [...core.session().store.list('note')]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map(summary);
}

async function noteGet(core: Core, { id }: { id: string }) {
  const { store, derived } = core.session();
  const note = requireNote(store, id);
  return {
    note,
    backlinks: noteBacklinks(derived.notesLinkingTo(note), note),
    missingLinks: missingLinkTargets(note.body, store.list('note')),
  };
}

async function noteFindByTitle(core: Core, { title }: { title: string }) {
  const note = core
    .session()
    .store.list('note')
    .find((n) => sameTitle(n.title, title));
  return note ? summary(note) : null;
}

async function noteCreate(core: Core, { title, body }: ApiParsedInput<'noteCreate'>) {
  const session = core.writable();
  const now = core.now().toISOString();
  const { value } = await session.commit(`Create note “${title}”`, (tx) => {
    assertTitleFree(tx.list('note'), title);
    const note: Note = { id: core.ids('note'), title, body, createdAt: now, updatedAt: now };
    tx.put('note', note);
    return note;
  });
  return value;
}

/** Saves as the researcher types: consecutive saves of one note are one undo step. */
async function noteUpdate(core: Core, { id, body }: ApiParsedInput<'noteUpdate'>) {
  const session = core.writable();
  const title = requireNote(session.store, id).title;
  const { value } = await session.commit(
    `Edit note “${title}”`,
    (tx) => {
      const note = requireNote(tx, id);
      if (note.body === body) return note;
      const next: Note = { ...note, body, updatedAt: core.now().toISOString() };
      tx.put('note', next);
      return next;
    },
    { coalesce: `note:${id}` },
  );
  return value;
}

/** Renames the note and points every link to it at the new title, in one step. */
async function noteRename(core: Core, { id, title }: ApiParsedInput<'noteRename'>) {
  const session = core.writable();
  const old = requireNote(session.store, id).title;
  const { value } = await session.commit(`Rename note “${old}” to “${title}”`, (tx) => {
    const note = requireNote(tx, id);
    assertTitleFree(tx.list('note'), title, id);
    const now = core.now().toISOString();
    let notesUpdated = 0;
    for (const other of tx.list('note')) {
      const body = renameWikilinks(other.body, note.title, title);
      if (body === other.body) continue;
      tx.put('note', { ...other, body, updatedAt: now });
      if (other.id !== id) notesUpdated++;
    }
    const renamed: Note = { ...requireNote(tx, id), title, updatedAt: now };
    tx.put('note', renamed);
    return { note: renamed, notesUpdated };
  });
  return value;
}

/** Into the Trash: nothing is asked, and undo or the Trash bring it back with its links. */
async function noteDelete(core: Core, { id }: { id: string }) {
  const session = core.writable();
  const note = requireNote(session.store, id);
  const now = core.now().toISOString();
  await session.commit(`Delete note “${note.title}”`, (tx) => trashNote(tx, requireNote(tx, id), now));
  return note;
}

async function citationFor(core: Core, { highlightId }: { highlightId: string }) {
  const highlight = core.session().store.get('highlight', highlightId);
  if (!highlight)
    throw new QuireError('NOT_FOUND', 'That highlight no longer exists; it may have been deleted.');
  return { markdown: citationMarkdown(highlight, requireArticle(core, highlight.articleId)) };
}

export const noteHandlers = {
  noteList,
  noteGet,
  noteFindByTitle,
  noteCreate,
  noteUpdate,
  noteRename,
  noteDelete,
  citationFor,
} satisfies Handlers<
  | 'noteList'
  | 'noteGet'
  | 'noteFindByTitle'
  | 'noteCreate'
  | 'noteUpdate'
  | 'noteRename'
  | 'noteDelete'
  | 'citationFor'
>;
