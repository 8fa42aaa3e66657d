// What each `![[target]]` shows, fetched in batches (one embedResolve call per tick for every embed on screen) and
// kept until a committed change set touches what it shows. Widgets in the editor and the preview both read it.
import type { CommitEvent } from '../../../../main/core/api-contract';
import type { EmbedView } from '../../../../main/core/notes/note-views';
import { api } from '../api-client';

const BATCH = 200;

class EmbedCache {
  private readonly entries = new Map<string, Promise<EmbedView>>();
  private readonly resolved = new Map<string, EmbedView>();
  private readonly versions = new Map<string, number>();
  private queue: { target: string; resolve: (v: EmbedView) => void; reject: (e: unknown) => void }[] = [];
  private readonly listeners = new Set<() => void>();

  /** The view for a target (fetched once; later calls share the answer). */
  get(target: string): Promise<EmbedView> {
    let entry = this.entries.get(target);
    if (!entry) {
      entry = new Promise<EmbedView>((resolve, reject) => {
        if (this.queue.length === 0) queueMicrotask(() => void this.fetchQueued());
        this.queue.push({ target, resolve, reject });
      });
      entry.then((v) => this.resolved.set(target, v)).catch(() => this.entries.delete(target));
      this.entries.set(target, entry);
    }
    return entry;
  }

  /** The view if already fetched: widgets draw it at once instead of flashing a placeholder. */
  peek(target: string): EmbedView | undefined {
    return this.resolved.get(target);
  }

  /** Changes whenever the target's view is dropped, so a widget knows to draw again. */
  version(target: string): number {
    return this.versions.get(target) ?? 0;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops what a change set may have changed: views of the records it touched, and every "missing" one. */
  apply(e: CommitEvent): void {
    const notes = new Set<string>();
    const articles = new Set<string>();
    const tags = new Set<string>();
    let highlightGone = false;
    for (const r of e.records) {
      if (r.kind === 'note') notes.add(r.id);
      else if (r.kind === 'article') articles.add(r.id);
      else if (r.kind === 'tag') tags.add(r.id);
      else if (r.kind === 'highlight') {
        if (r.after) articles.add(r.after.articleId);
        else highlightGone = true;
      }
    }
    if (notes.size + articles.size + tags.size === 0 && !highlightGone) return;
    const stale = [...this.resolved].filter(([, v]) => {
      switch (v.kind) {
        case 'missing':
          return true;
        case 'note':
          return notes.has(v.noteId);
        case 'tag':
          return tags.has(v.tagId);
        case 'passage':
        case 'article':
          return highlightGone || articles.has(v.articleId) || v.tags.some((t) => tags.has(t.id));
      }
    });
    if (stale.length === 0) return;
    for (const [target] of stale) this.drop(target);
    for (const l of this.listeners) l();
  }

  /** Forget everything (another notebook was opened). */
  clear(): void {
    for (const target of [...this.resolved.keys()]) this.drop(target);
    this.entries.clear();
    for (const l of this.listeners) l();
  }

  private drop(target: string): void {
    this.entries.delete(target);
    this.resolved.delete(target);
    this.versions.set(target, this.version(target) + 1);
  }

  private async fetchQueued(): Promise<void> {
    const queued = this.queue;
    this.queue = [];
    for (let i = 0; i < queued.length; i += BATCH) {
      const batch = queued.slice(i, i + BATCH);
      try {
        const views = await api.embedResolve({ targets: batch.map((q) => q.target) });
        batch.forEach((q, k) => {
          const v = views[k];
          if (v) q.resolve(v);
          else q.reject(new Error('no answer for this embed'));
        });
      } catch (e) {
        for (const q of batch) q.reject(e);
      }
    }
  }
}

export const embeds = new EmbedCache();
