// Notes: list, the open note with its autosaved draft, links, citations, rename and delete with undo.
import type { CommitEvent, NoteSummary, NoteView } from '../../../main/core/api-contract';
import type { Note } from '../../../main/core/types';
import { linkTitle, TAG_PREFIX } from '../../../main/core/notes/link-targets';
import { titleKey } from '../../../main/core/notes/wikilinks';
import { api, messageOf } from '../lib/api-client';
import { embeds } from '../lib/editor/embed-cache';
import { missingLinkTitles } from '../lib/missing-links';
import { history } from './history.svelte';
import { library } from './library.svelte';
import { tags } from './tags.svelte';
import { ui } from './ui.svelte';

const AUTOSAVE_MS = 600;

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

/** The open note's editor, while one is mounted: it owns the text the researcher is typing. */
export interface EditorHandle {
  noteId: string;
  text(): string;
  /** Takes a text changed elsewhere (undo from the menu, a rename that rewrote links), keeping the caret. */
  replace(body: string): void;
  /** Inserts Markdown at the caret as a paragraph of its own (one undo step in the editor). */
  insertBlock(markdown: string): void;
}

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
  /**
   * A note was just created: the researcher writes next, so the editor takes focus once. Taken by the editor,
   * so an editor mounted later (the note opened from a search hit) keeps the hit's selection.
   */
  wantsFocus = $state(false);

  sorted = $derived([...this.list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
  /** Everything a `[[link]]` can name (note and article titles, `tag:` names), compared as links compare. */
  private known = $derived(
    new Set([
      ...this.list.map((n) => titleKey(n.title)),
      ...library.articles.map((a) => titleKey(linkTitle(a.title))),
      ...tags.list.map((t) => titleKey(TAG_PREFIX + t.name)),
    ]),
  );
  /** Titles the saved draft links to that nothing has yet (offered for creation as notes). */
  missingLinks = $derived(this.view ? missingLinkTitles(this.draft, this.known) : []);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | null = null;
  private editor: EditorHandle | null = null;

  /** The mounted editor registers itself; saves then read its text. */
  attachEditor(editor: EditorHandle): void {
    this.editor = editor;
  }

  /** The editor goes (another note opened, the pane closed): keep what it had typed as the draft. */
  detachEditor(editor: EditorHandle): void {
    if (this.editor !== editor) return;
    // Only unsaved typing needs keeping; otherwise the draft may already be the next note's (it is set first).
    if (this.view?.note.id === editor.noteId && this.saveState !== 'saved') this.draft = editor.text();
    this.editor = null;
  }

  /** The text being edited: the editor's when one is open for the note, else the draft. */
  private currentText(): string {
    const editor = this.editor;
    return editor && editor.noteId === this.view?.note.id ? editor.text() : this.draft;
  }

  /** The editor changed its text: save soon (the text is read when saving, not on every key). */
  touched(): void {
    this.saveState = 'dirty';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
  }

  /** Preview shows the draft: bring it up to what is typed first. */
  togglePreview(): void {
    if (!this.preview) this.draft = this.currentText();
    this.preview = !this.preview;
  }

  async loadList(): Promise<void> {
    embeds.clear();
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
      // The draft first: the editor for the new view is created from it (a flush can run between two writes).
      this.draft = view.note.body;
      this.saveState = 'saved';
      this.view = view;
      this.saveError = null;
      this.cursor = null;
      ui.show({ kind: 'note', id });
    } catch (e) {
      ui.error(e);
    }
  }

  /** Forgets the open note without saving (its notebook was closed: the draft was saved before, see notebook.open). */
  discard(): void {
    clearTimeout(this.timer);
    this.view = null;
    this.draft = '';
    this.saveState = 'saved';
    this.saveError = null;
    this.reveal = null;
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
    await this.open(note.id);
    this.preview = false;
    this.wantsFocus = true;
    return note.id;
  }

  /** Applies a committed change set: the list, and the open note when it changed elsewhere (undo, rename). */
  apply(e: CommitEvent): void {
    const changed = e.records.filter((r) => r.kind === 'note');
    if (changed.length === 0) return;
    const gone = new Set(changed.map((r) => r.id));
    const fresh = changed.flatMap((r) => (r.after ? [summaryOf(r.after as Note)] : []));
    this.list = [...this.list.filter((n) => !gone.has(n.id)), ...fresh];
    const view = this.view;
    if (!view) return;
    const mine = changed.find((r) => r.id === view.note.id);
    if (mine && !mine.after) {
      this.view = null;
      this.saveState = 'saved';
      if (ui.main?.kind === 'note' && ui.main.id === view.note.id) ui.show(null);
      return;
    }
    if (mine?.after) {
      const note = mine.after as Note;
      this.view = { ...view, note };
      // What the researcher is typing wins over an echo of their own save; anything else (undo, a rename that
      // rewrote links) replaces a draft that has no unsaved typing.
      if (this.saveState === 'saved' && this.draft !== note.body) {
        this.draft = note.body;
        if (this.editor?.noteId === note.id && this.editor.text() !== note.body)
          this.editor.replace(note.body);
      }
    }
    // Other notes changed: who links here may have too.
    if (changed.some((r) => r.id !== view.note.id)) void this.refresh();
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
    const body = this.currentText();
    this.draft = body;
    this.saveState = 'saving';
    this.saving = (async () => {
      try {
        await api.noteUpdate({ id: view.note.id, body });
        this.saveState = this.currentText() === body ? 'saved' : 'dirty';
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
        ui.toast(
          notesUpdated === 0
            ? `Renamed to “${title}”.`
            : `Renamed to “${title}”; ${notesUpdated} ${notesUpdated === 1 ? 'note' : 'notes'} updated.`,
        );
      },
    });
  }

  /** Into the Trash: nothing is asked (undo and the Trash bring it back), and the toast says where it went. */
  async remove(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.flush();
    try {
      const removed = await api.noteDelete({ id: view.note.id });
      ui.toast(`Moved the note “${removed.title}” to the Trash.`, {
        action: { label: 'Undo', run: () => history.undo() },
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
      await this.open(note.id);
      noteId = note.id;
    } else if (this.view?.note.id === target.noteId && this.editor?.noteId === target.noteId) {
      noteId = target.noteId;
      this.editor.insertBlock(markdown);
      await this.flush();
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
    }
    this.citeHighlightId = null;
    const title = this.list.find((n) => n.id === noteId)?.title ?? 'the note';
    ui.toast(`Cited in “${title}”.`);
  }
}

const summaryOf = ({ id, title, createdAt, updatedAt }: Note): NoteSummary => ({
  id,
  title,
  createdAt,
  updatedAt,
});

export const notes = new NotesState();
