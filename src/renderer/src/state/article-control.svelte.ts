// The researcher's control over one article: metadata edits, the original file beside the kept blocks,
// restoring or dropping blocks, and re-extraction. State is keyed by article id so switching articles
// never shows another article's form or blocks.
import type { ArticleChange, ArticleOriginal, CommitEvent } from '../../../main/core/api-contract';
import { metadataFields, type ArticleMetadata, type MetadataField } from '../../../main/core/types';
import { api, messageOf } from '../lib/api-client';
import { reader } from './reader.svelte';
import { ui } from './ui.svelte';

export type MetaPatch = Partial<ArticleMetadata>;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Article updated; 2 highlights moved, 1 could not be placed" — the counts only when there are any. */
export function changeMessage(change: Pick<ArticleChange, 'moved' | 'orphaned'>): string {
  const parts: string[] = [];
  if (change.moved > 0) parts.push(`${plural(change.moved, 'highlight', 'highlights')} moved`);
  if (change.orphaned > 0) {
    parts.push(
      change.moved > 0
        ? `${change.orphaned} could not be placed`
        : `${plural(change.orphaned, 'highlight', 'highlights')} could not be placed`,
    );
  }
  return parts.length > 0 ? `Article updated; ${parts.join(', ')}.` : 'Article updated.';
}

/** The fields the researcher edited, from the record's `edits` (a present key, even null, is an edit). */
export function editedFields(edits: MetaPatch | undefined): readonly MetadataField[] {
  return metadataFields.filter((f) => edits !== undefined && Object.hasOwn(edits, f));
}

class ArticleControlState {
  /** The article whose metadata form is open. */
  editingId = $state<string | null>(null);
  /** The article whose original-vs-kept view is open. */
  originalId = $state<string | null>(null);
  original = $state.raw<ArticleOriginal | null>(null);
  originalError = $state<string | null>(null);
  originalLoading = $state(false);
  /** The block whose change is in flight (its button is disabled meanwhile). */
  busyBlockId = $state<string | null>(null);
  reextracting = $state(false);
  private originalSeq = 0;

  isEditing(id: string): boolean {
    return this.editingId === id;
  }

  isShowingOriginal(id: string): boolean {
    return this.originalId === id;
  }

  startEdit(id: string): void {
    this.editingId = id;
  }

  cancelEdit(): void {
    this.editingId = null;
  }

  /** Saves the changed fields; throws with a human message so the form stays open and shows it. */
  async saveMeta(id: string, patch: MetaPatch): Promise<void> {
    if (Object.keys(patch).length > 0) {
      await api.articleUpdateMeta({ id, ...patch });
      await this.afterMetaChange();
    }
    this.editingId = null;
  }

  async resetField(id: string, field: MetadataField): Promise<void> {
    try {
      await api.articleUpdateMeta({ id, reset: [field] });
      await this.afterMetaChange();
    } catch (e) {
      ui.error(e);
    }
  }

  private async afterMetaChange(): Promise<void> {
    if (this.originalId) await this.loadOriginal(this.originalId);
  }

  /** The original view shows the article's choices and edits: read it again when the article changed. */
  apply(e: CommitEvent): void {
    const id = this.originalId;
    if (id && e.origin !== 'user' && e.records.some((r) => r.kind === 'article' && r.id === id))
      void this.loadOriginal(id);
  }

  async toggleOriginal(id: string): Promise<void> {
    if (this.originalId === id) {
      this.originalId = null;
      return;
    }
    this.originalId = id;
    await this.loadOriginal(id);
  }

  async loadOriginal(id: string): Promise<ArticleOriginal | null> {
    const seq = ++this.originalSeq;
    this.originalLoading = true;
    try {
      const original = await api.articleOriginal({ id });
      if (seq !== this.originalSeq) return original;
      this.original = original;
      this.originalError = null;
      return original;
    } catch (e) {
      if (seq === this.originalSeq) {
        this.original = null;
        this.originalError = messageOf(e);
      }
      return null;
    } finally {
      if (seq === this.originalSeq) this.originalLoading = false;
    }
  }

  /** The original as loaded for this article, or null when another article's (or none) is held. */
  originalFor(id: string): ArticleOriginal | null {
    const o = this.original;
    return o && this.originalId === id ? o : null;
  }

  async setBlock(id: string, blockId: string, keep: boolean): Promise<void> {
    if (this.busyBlockId) return;
    this.busyBlockId = blockId;
    try {
      await this.applyChange(id, await api.articleSetBlock({ id, blockId, keep }));
    } catch (e) {
      ui.error(e);
    } finally {
      this.busyBlockId = null;
    }
  }

  async reextract(id: string, title: string): Promise<void> {
    if (this.reextracting) return;
    // The versions come with the original; fetch it if the original view has not.
    const original =
      this.originalFor(id) ??
      (await api.articleOriginal({ id }).catch((e: unknown) => {
        ui.error(e);
        return null;
      }));
    if (!original) return;
    const was =
      original.extractorVersion === null ? 'an earlier extractor' : `extractor v${original.extractorVersion}`;
    const picked = await ui.choose(
      'Re-extract article',
      `Run the current extractor (v${original.currentExtractorVersion}) again on the original file of “${title}”, extracted with ${was}? Your metadata edits and block choices are kept; highlights are re-anchored.`,
      [{ id: 'reextract', label: 'Re-extract' }],
    );
    if (picked !== 'reextract') return;
    this.reextracting = true;
    try {
      await this.applyChange(id, await api.articleReextract({ id }));
    } catch (e) {
      ui.error(e);
    } finally {
      this.reextracting = false;
    }
  }

  private async applyChange(id: string, change: ArticleChange): Promise<void> {
    if (ui.main?.kind === 'article' && ui.main.id === id) reader.view = change.view;
    ui.toast(changeMessage(change));
    if (this.originalId === id) await this.loadOriginal(id);
  }
}

export const articleControl = new ArticleControlState();
