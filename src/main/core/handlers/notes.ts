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
  const changed = () => core.emit('changed', { what: 'notes' });

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
      changed();
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
      changed();
      return note;
    },
    noteRename: async ({ id, title }) => {
      const { store } = core.writable();
      const result = await store.updateNotes((d) => {
        const n = requireNote(d.notes, id);
        assertTitleFree(d.notes, title, id);
        const now = core.now().toISOString();
        let notesUpdated = 0;
        for (const other of d.notes) {
          const body = renameWikilinks(other.body, n.title, title);
          if (body !== other.body) {
            other.body = body;
            other.updatedAt = now;
            notesUpdated++;
          }
        }
        n.title = title;
        n.updatedAt = now;
        return { note: { ...n }, notesUpdated };
      });
      changed();
      return result;
    },
    noteDelete: async ({ id }) => {
      const { store } = core.writable();
      const note = await store.updateNotes((d) => {
        const n = requireNote(d.notes, id);
        d.notes = d.notes.filter((x) => x.id !== id);
        return n;
      });
      changed();
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
      changed();
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
