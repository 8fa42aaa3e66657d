// What the notebook's records imply, kept in step with every committed change set instead of recomputed per
// request: how many highlights carry each tag, which articles carry each tag (for the articles a tag rename
// touches, and for merges), and who links to what (backlinks).
import type { Highlight, Note } from '../types';
import type { Change, Committed } from '../store/records';
import type { NotebookStore } from '../store/types';
import { LinkIndex } from '../notes/link-index';
import { buildTree, descendantsOf, type TagTree } from '../codebook/tree';

export class Derived {
  /** Tag id → highlights carrying it (orphaned highlights count: they are shown, never dropped). */
  readonly tagCounts = new Map<string, number>();
  /** Tag id → article id → highlights of that article carrying it. */
  private readonly tagArticles = new Map<string, Map<string, number>>();
  readonly links: LinkIndex;

  constructor(private readonly store: NotebookStore) {
    for (const h of store.list('highlight')) this.count(h, 1);
    this.links = new LinkIndex(store.list('note'));
  }

  /** Folds a committed change set in; returns the tags whose count changed. */
  apply(cs: Committed): Set<string> {
    const touchedTags = new Set<string>();
    for (const c of cs.changes) {
      if (c.kind === 'highlight') {
        if (c.before) for (const t of this.count(c.before, -1)) touchedTags.add(t);
        if (c.after) for (const t of this.count(c.after, 1)) touchedTags.add(t);
      } else if (c.kind === 'note') {
        this.links.set(c.id, c.after);
      } else if (c.kind === 'tag') {
        touchedTags.add(c.id);
      }
    }
    return touchedTags;
  }

  /**
   * Articles whose search filters (tag names and paths) or summaries (counts) a change set touches. A tag renamed
   * or moved changes the path of every tag under it, so their articles count too.
   */
  articlesTouched(cs: Committed): Set<string> {
    const ids = new Set<string>();
    let tree: TagTree | null = null;
    for (const c of cs.changes) {
      if (c.kind === 'tag') {
        tree ??= buildTree(this.store.list('tag'));
        for (const d of descendantsOf(tree, c.id)) for (const a of this.articlesWithTag(d.id)) ids.add(a);
      }
      this.articlesOf(c, ids);
    }
    return ids;
  }

  articlesWithTag(tagId: string): string[] {
    return [...(this.tagArticles.get(tagId)?.keys() ?? [])];
  }

  /** Notes that may link to a note by its title (confirm with the parsed links). */
  notesLinkingTo(note: Note): Note[] {
    return this.notesByIds(this.links.linkingTo(note.title));
  }

  notesCiting(articleId: string): Note[] {
    return this.notesByIds(this.links.citing(articleId));
  }

  private notesByIds(ids: string[]): Note[] {
    const wanted = new Set(ids);
    // In the store's order, so backlinks list the same way every time.
    return wanted.size === 0 ? [] : this.store.list('note').filter((n) => wanted.has(n.id));
  }

  private articlesOf(c: Change, into: Set<string>): void {
    switch (c.kind) {
      case 'article':
        into.add(c.id);
        return;
      case 'highlight':
        if (c.before) into.add(c.before.articleId);
        if (c.after) into.add(c.after.articleId);
        return;
      case 'tag':
        for (const a of this.articlesWithTag(c.id)) into.add(a);
        return;
      default:
        return;
    }
  }

  private count(h: Highlight, delta: 1 | -1): string[] {
    const tags = [...new Set(h.tagIds)];
    for (const t of tags) {
      const n = (this.tagCounts.get(t) ?? 0) + delta;
      if (n > 0) this.tagCounts.set(t, n);
      else this.tagCounts.delete(t);
      let perArticle = this.tagArticles.get(t);
      if (!perArticle) this.tagArticles.set(t, (perArticle = new Map()));
      const m = (perArticle.get(h.articleId) ?? 0) + delta;
      if (m > 0) perArticle.set(h.articleId, m);
      else perArticle.delete(h.articleId);
    }
    return tags;
  }
}
