import type { ApiHandlers, NoteSummary } from '../api-contract';
import type { Note } from '../types';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { renameWikilinks, sameTitle } from '../notes/wikilinks';
import { citationMarkdown } from '../notes/citations';
import { missingLinkTargets, noteBacklinks } from '../notes/backlinks';
import { requireArticle } from './article-view';

type NoteMethods =
  | 'noteList'
  | 'noteGet'
  | 'noteFindByTitle'
  | 'noteCreate'
  | 'noteUpdate'
  | 'noteRename'
  | 'noteDelete'
  | 'noteRestore'
  | 'citationFor';

const summary = ({ id, title, createdAt, updatedAt }: Note): NoteSummary => ({
  id,
  title,
  createdAt,
  updatedAt,
});

export function noteHandlers(core: Core): Pick<ApiHandlers, NoteMethods> {
  /** Notes changed: re-index the ones given (notes are searchable) and tell the views. */
  const changed = (indexed: Iterable<Note> = [], removed?: string) => {
    const session = core.session();
    session.indexNotes(indexed);
    if (removed) session.unindexNote(removed);
    core.emit('changed', { what: 'notes' });
  };

  function requireNote(notes: readonly Note[], id: string): Note {
    const note = notes.find((n) => n.id === id);
    if (!note) throw new QuireError('NOT_FOUND', 'That note no longer exists; it may have been deleted.');
    return note;
  }

  // Wikilinks resolve by title, so titles are unique (case-insensitively, as file systems and Obsidian see them).
  function assertTitleFree(notes: readonly Note[], title: string, except?: string): void {
    if (notes.some((n) => n.id !== except && sameTitle(n.title, title))) {
      throw new QuireError('CONFLICT', `A note called “${title}” already exists. Choose another title.`);
    }
  }

  return {
    noteList: async () =>
      [...core.session().store.notes()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map(summary),
    noteGet: async ({ id }) => {
      const notes = [...core.session().store.notes()];
      const note = requireNote(notes, id);
      return {
        note,
        backlinks: noteBacklinks(notes, note),
        missingLinks: missingLinkTargets(note.body, notes),
      };
    },
    noteFindByTitle: async ({ title }) => {
      const note = core
        .session()
        .store.notes()
        .find((n) => sameTitle(n.title, title));
      return note ? summary(note) : null;
    },
    noteCreate: async ({ title, body }) => {
      const { store } = core.writable();
      const now = core.now().toISOString();
      const note = await store.updateNotes((d) => {
        assertTitleFree(d.notes, title);
        const n: Note = { id: core.ids('note'), title, body, createdAt: now, updatedAt: now };
        d.notes.push(n);
        return n;
      });
      changed([note]);
      return note;
    },
    noteUpdate: async ({ id, body }) => {
      const { store } = core.writable();
      const note = await store.updateNotes((d) => {
        const n = requireNote(d.notes, id);
        if (n.body !== body) {
          n.body = body;
          n.updatedAt = core.now().toISOString();
        }
        return { ...n };
      });
      changed([note]);
      return note;
    },
    noteRename: async ({ id, title }) => {
      const { store } = core.writable();
      const result = await store.updateNotes((d) => {
        const n = requireNote(d.notes, id);
        assertTitleFree(d.notes, title, id);
        const now = core.now().toISOString();
        const touched: Note[] = [];
        for (const other of d.notes) {
          const body = renameWikilinks(other.body, n.title, title);
          if (body !== other.body) {
            other.body = body;
            other.updatedAt = now;
            touched.push(other);
          }
        }
        n.title = title;
        n.updatedAt = now;
        return {
          note: { ...n },
          notesUpdated: touched.length,
          touched: [...touched, n].map((x) => ({ ...x })),
        };
      });
      changed(result.touched);
      return { note: result.note, notesUpdated: result.notesUpdated };
    },
    noteDelete: async ({ id }) => {
      const { store } = core.writable();
      const note = await store.updateNotes((d) => {
        const n = requireNote(d.notes, id);
        d.notes = d.notes.filter((x) => x.id !== id);
        return n;
      });
      changed([], id);
      return note;
    },
    noteRestore: async ({ note }) => {
      const { store } = core.writable();
      const restored = await store.updateNotes((d) => {
        if (d.notes.some((n) => n.id === note.id))
          throw new QuireError('CONFLICT', 'That note is already there.');
        assertTitleFree(d.notes, note.title);
        d.notes.push(note);
        return note;
      });
      changed([restored]);
      return restored;
    },
    citationFor: async ({ highlightId }) => {
      const { store } = core.session();
      const highlight = store.highlights().find((h) => h.id === highlightId);
      if (!highlight)
        throw new QuireError('NOT_FOUND', 'That highlight no longer exists; it may have been deleted.');
      return { markdown: citationMarkdown(highlight, requireArticle(core, highlight.articleId)) };
    },
  };
}
