// Notes: list, the open note with its autosaved draft, links, citations, rename and delete with undo.
import type { NoteSummary, NoteView } from '../../../main/core/api-contract';
import { api, messageOf } from '../lib/api-client';
import { reader } from './reader.svelte';
import { ui } from './ui.svelte';

const AUTOSAVE_MS = 600;

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

class NotesState {
  list = $state.raw<NoteSummary[]>([]);
  view = $state.raw<NoteView | null>(null);
  draft = $state('');
  saveState = $state<SaveState>('saved');
  saveError = $state<string | null>(null);
  preview = $state(false);
  /** Caret position in the editor, so a citation lands where the researcher was writing. */
  cursor = $state<number | null>(null);
  /** A highlight waiting for the researcher to pick the note to cite it in. */
  citeHighlightId = $state<string | null>(null);
  /** A range of the open note to select and scroll to (a search hit); the tick re-applies the same range. */
  reveal = $state.raw<{ start: number; end: number; tick: number } | null>(null);

  sorted = $derived([...this.list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));

  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | null = null;

  async loadList(): Promise<void> {
    try {
      this.list = await api.noteList({});
    } catch (e) {
      ui.error(e);
    }
  }

  async open(id: string): Promise<void> {
    await this.flush();
    try {
      const view = await api.noteGet({ id });
      this.view = view;
      this.draft = view.note.body;
      this.saveState = 'saved';
      this.saveError = null;
      this.cursor = null;
      ui.show({ kind: 'note', id });
    } catch (e) {
      ui.error(e);
    }
  }

  /** Opens a note with `range` of its body selected in the editor (a search hit's paragraph). */
  async openAt(id: string, range: { start: number; end: number } | null): Promise<void> {
    await this.open(id);
    if (this.view?.note.id !== id || !range) return;
    this.preview = false;
    this.reveal = { ...range, tick: (this.reveal?.tick ?? 0) + 1 };
  }

  /** Re-reads the open note's backlinks and missing links; keeps an unsaved draft. */
  async refresh(): Promise<void> {
    const id = this.view?.note.id;
    if (!id) return;
    try {
      const view = await api.noteGet({ id });
      if (this.view?.note.id !== id) return;
      this.view = view;
      if (this.saveState === 'saved') this.draft = view.note.body;
    } catch {
      // Deleted elsewhere: leave what is on screen; the list reload shows it gone.
    }
  }

  async create(title: string, body = ''): Promise<string> {
    const note = await api.noteCreate({ title, body });
    await this.loadList();
    await this.open(note.id);
    return note.id;
  }

  async newNote(): Promise<void> {
    await ui.ask({
      title: 'New note',
      label: 'Title',
      value: '',
      submitLabel: 'Create note',
      submit: async (title) => {
        await this.create(title);
      },
    });
  }

  edit(body: string): void {
    this.draft = body;
    this.saveState = 'dirty';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
  }

  /** Saves the draft now if it changed (on blur, before switching, before citing). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.saving) await this.saving;
    const view = this.view;
    if (!view || this.saveState === 'saved') return;
    const body = this.draft;
    this.saveState = 'saving';
    this.saving = (async () => {
      try {
        const note = await api.noteUpdate({ id: view.note.id, body });
        if (this.view?.note.id === note.id) this.view = { ...this.view, note };
        this.saveState = this.draft === body ? 'saved' : 'dirty';
        this.saveError = null;
      } catch (e) {
        this.saveState = 'error';
        this.saveError = messageOf(e);
      }
    })();
    await this.saving;
    this.saving = null;
    // Re-read: the save above changed the state while we awaited.
    const after: SaveState = this.currentState();
    if (after === 'dirty') await this.flush();
    else if (after === 'saved') await Promise.all([this.refresh(), this.loadList()]);
  }

  private currentState(): SaveState {
    return this.saveState;
  }

  /** Follows a [[wikilink]]: opens the note, or offers to create it. */
  async openByTitle(title: string): Promise<void> {
    try {
      // `[[Title#Heading]]` names the note "Title" unless a note is really called "Title#Heading" (C# notes).
      const hash = title.indexOf('#');
      const found =
        (await api.noteFindByTitle({ title })) ??
        (hash > 0 ? await api.noteFindByTitle({ title: title.slice(0, hash).trim() }) : null);
      if (found) return await this.open(found.id);
      const ok = await ui.confirm('Create note', `Create note ‘${title}’?`, 'Create note');
      if (ok) await this.create(title);
    } catch (e) {
      ui.error(e);
    }
  }

  async rename(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.flush();
    await ui.ask({
      title: 'Rename note',
      label: 'Title',
      value: view.note.title,
      submitLabel: 'Rename',
      submit: async (title) => {
        const { notesUpdated } = await api.noteRename({ id: view.note.id, title });
        await Promise.all([this.loadList(), this.open(view.note.id)]);
        ui.toast(
          notesUpdated === 0
            ? `Renamed to “${title}”.`
            : `Renamed to “${title}”; ${notesUpdated} ${notesUpdated === 1 ? 'note' : 'notes'} updated.`,
        );
      },
    });
  }

  async remove(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.flush();
    try {
      const removed = await api.noteDelete({ id: view.note.id });
      this.view = null;
      this.saveState = 'saved';
      ui.show(null);
      await this.loadList();
      ui.toast(`Deleted the note “${removed.title}”.`, {
        action: {
          label: 'Undo',
          run: async () => {
            try {
              const note = await api.noteRestore({ note: removed });
              await this.loadList();
              await this.open(note.id);
            } catch (e) {
              ui.error(e);
            }
          },
        },
      });
    } catch (e) {
      ui.error(e);
    }
  }

  /** Appends (or inserts at the caret of the open note) the citation for a highlight, and saves. */
  async citeInto(highlightId: string, target: { noteId: string } | { newTitle: string }): Promise<void> {
    const { markdown } = await api.citationFor({ highlightId });
    let noteId: string;
    if ('newTitle' in target) {
      const note = await api.noteCreate({ title: target.newTitle, body: markdown + '\n' });
      await this.loadList();
      await this.open(note.id);
      noteId = note.id;
    } else if (this.view?.note.id === target.noteId) {
      noteId = target.noteId;
      const body = this.draft;
      const at = this.cursor ?? body.length;
      const before = body.slice(0, at);
      const after = body.slice(at);
      const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      this.edit(`${before}${lead}${markdown}\n${after.startsWith('\n') || after === '' ? '' : '\n'}${after}`);
      await this.flush();
    } else {
      noteId = target.noteId;
      const { note } = await api.noteGet({ id: noteId });
      const sep =
        note.body === '' || note.body.endsWith('\n\n') ? '' : note.body.endsWith('\n') ? '\n' : '\n\n';
      await api.noteUpdate({ id: noteId, body: `${note.body}${sep}${markdown}\n` });
      await this.loadList();
    }
    this.citeHighlightId = null;
    await reader.reload();
    const title = this.list.find((n) => n.id === noteId)?.title ?? 'the note';
    ui.toast(`Cited in “${title}”.`);
  }
}

export const notes = new NotesState();
