// Where links lead, and the panels around the open note: its outgoing links, the passages it cites, and unlinked
// mentions (linked with one click, one commit). Following `[[…]]` asks the core what the target names (the same
// answer an embed draws), then opens the note, the article at its passage, or the tag.
import type { ApiInput, CommitEvent } from '../../../main/core/api-contract';
import type { EmbedView, Mention, NoteLinks } from '../../../main/core/notes/note-views';
import { api, desktop } from '../lib/api-client';
import { parseQuireLink } from '../lib/quire-link';
import { embeds } from '../lib/editor/embed-cache';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { tags } from './tags.svelte';
import { ui } from './ui.svelte';

/** Opens what an embed (or a resolved link) shows: the article at the passage, the note, the tag's passages. */
export async function openEmbed(view: EmbedView): Promise<void> {
  await notes.flush();
  switch (view.kind) {
    case 'passage':
      return reader.open(view.articleId, { passageId: view.passageId, highlightId: view.highlightId });
    case 'article':
      return reader.open(view.articleId);
    case 'note':
      return notes.open(view.noteId);
    case 'tag':
      ui.setSection('tags');
      return tags.choose(view.tagId);
    case 'missing':
      ui.toast(view.message);
  }
}

/** Follows `[[target]]`: to what it names, or offers to create the note it would name. */
export async function followLink(target: string): Promise<void> {
  try {
    const view = await embeds.get(target);
    if (view.kind !== 'missing') return await openEmbed(view);
    // Only a plain title can become a new note; `tag:x` or `Title#^id` that name nothing are just reported.
    if (target.toLowerCase().startsWith('tag:') || target.includes('#^')) return ui.toast(view.message);
    await notes.openByTitle(target);
  } catch (e) {
    ui.error(e);
  }
}

/** Typing saves the note every moment; its panels are read again once the saves pause. */
const RELOAD_MS = 700;

/**
 * Opens a link's address from a note (the live view or the preview): a citation's `quire://article/…` at its
 * passage, a rendered `[[link]]`, or a web address outside the app. Nothing else navigates.
 */
export async function openAddress(href: string): Promise<void> {
  const link = parseQuireLink(href);
  if (link?.kind === 'note') return followLink(link.title);
  if (link?.kind === 'article') {
    await notes.flush();
    return reader.open(link.articleId, { passageId: link.passageId, highlightId: link.highlightId });
  }
  if (!/^https?:/i.test(href)) return;
  if (desktop) await desktop.openExternal(href);
  else window.open(href, '_blank', 'noopener,noreferrer');
}

class LinksState {
  /** The open note's links panel; null until loaded. */
  view = $state.raw<NoteLinks | null>(null);
  busy = $state<string | null>(null);
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  async load(noteId: string): Promise<void> {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    try {
      const view = await api.noteLinks({ id: noteId });
      if (seq === this.seq) this.view = view;
    } catch {
      // The note went away meanwhile; the editor says so.
      if (seq === this.seq) this.view = null;
    }
  }

  /**
   * Reads the panels again after a change that can move them: any note, highlight, tag or article changed. The
   * open note's own typing saves refresh them too (a new link appears in the outgoing list), once typing pauses.
   */
  apply(e: CommitEvent): void {
    if (!notes.view || e.records.length === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const id = notes.view?.note.id;
      if (id) void this.load(id);
    }, RELOAD_MS);
  }

  async linkMention(m: Mention): Promise<void> {
    const id = notes.view?.note.id;
    if (!id) return;
    this.busy = `${m.kind}:${m.id}`;
    try {
      await notes.flush();
      const source: ApiInput<'noteLinkMention'>['source'] =
        m.kind === 'note'
          ? { kind: 'note', id: m.id }
          : { kind: 'article', id: m.id, passageId: m.passageId };
      await api.noteLinkMention({ id, source });
    } catch (e) {
      ui.error(e);
    } finally {
      this.busy = null;
    }
  }
}

export const links = new LinksState();
