// What the search index knows about the notebook's records besides article texts: where each article is coded
// (its highlights' spans, with the names and paths `tag:` finds them by) and the memos written on highlights,
// articles and tags. One place computes them, for the incremental keeper and for a rebuild alike.
import { buildTree, descendantsOf, searchNamesOf } from '../codebook/tree';
import type { MemoDoc } from '../search/index';
import type { ArticleToIndex } from '../search/rebuild';
import type { NotebookStore } from '../store/types';
import type { ArticleRecord, Tag } from '../types';

/** The search names of each tag, computed once per version of the tag list (the store hands out a new array on change). */
const namesCache = new WeakMap<readonly Tag[], Map<string, string[]>>();

export function tagSearchNames(tags: readonly Tag[]): (id: string) => string[] {
  let names = namesCache.get(tags);
  if (!names) {
    const tree = buildTree(tags);
    names = new Map(tags.map((t) => [t.id, searchNamesOf(tree, t.id)]));
    namesCache.set(tags, names);
  }
  const known = names;
  return (id) => known.get(id) ?? [];
}

/**
 * An article as the index files it: metadata, and each highlight as a coded span. Orphaned highlights are left
 * out: their place in the text is no longer known, so no passage can be said to carry their tags.
 */
export function articleToIndex(store: NotebookStore, record: ArticleRecord): ArticleToIndex {
  const { id, title, source, author, published, bodyKey } = record;
  const names = tagSearchNames(store.list('tag'));
  const codes = [];
  for (const h of store.highlightsOf(id)) {
    if (h.orphaned || h.tagIds.length === 0) continue;
    codes.push({ start: h.position.start, end: h.position.end, tags: [...new Set(h.tagIds.flatMap(names))] });
  }
  return { id, title, source, author, published, codes, ...(bodyKey === undefined ? {} : { bodyKey }) };
}

/** The memo behind a key (`h:`, `a:` or `t:` and the record's id) as the index files it, or null when there is none. */
export function memoDocOf(store: NotebookStore, key: string): MemoDoc | null {
  const id = key.slice(2);
  const none = { published: null, source: null, author: null };
  const about = (articleId: string) => {
    const a = store.get('article', articleId);
    return a ? { published: a.published, source: a.source, author: a.author } : none;
  };
  switch (key.slice(0, 2)) {
    case 'h:': {
      const h = store.get('highlight', id);
      if (!h?.memo.trim()) return null;
      const names = tagSearchNames(store.list('tag'));
      const tags = [...new Set(h.tagIds.flatMap(names))];
      return { key, ...about(h.articleId), tags, parts: [{ id: 'm', text: h.memo }] };
    }
    case 'a:': {
      const a = store.get('article', id);
      if (!a?.memo?.trim()) return null;
      return { key, ...about(id), tags: [], parts: [{ id: 'm', text: a.memo }] };
    }
    case 't:': {
      const t = store.get('tag', id);
      if (!t || (!t.memo.trim() && !t.description.trim())) return null;
      const tags = tagSearchNames(store.list('tag'))(id);
      const parts = [
        { id: 'd', text: t.description },
        { id: 'm', text: t.memo },
      ];
      return { key, ...none, tags, parts };
    }
    default:
      return null;
  }
}

/** Every memo in the notebook, for a rebuild. */
export function allMemoDocs(store: NotebookStore): MemoDoc[] {
  const keys = [
    ...store
      .list('highlight')
      .filter((h) => h.memo.trim())
      .map((h) => `h:${h.id}`),
    ...store
      .list('article')
      .filter((a) => a.memo?.trim())
      .map((a) => `a:${a.id}`),
    ...store
      .list('tag')
      .filter((t) => t.memo.trim() || t.description.trim())
      .map((t) => `t:${t.id}`),
  ];
  return keys.map((k) => memoDocOf(store, k)).filter((m): m is MemoDoc => m !== null);
}

/** The memo keys a tag change can alter: the tag's and its sub-tags' (their paths), and their highlights' (their tags). */
export function memoKeysOfTag(
  store: NotebookStore,
  tagId: string,
  articlesWithTag: (tagId: string) => string[],
): string[] {
  const tree = buildTree(store.list('tag'));
  const ids = [tagId, ...descendantsOf(tree, tagId).map((t) => t.id)];
  const keys = ids.map((t) => `t:${t}`);
  const wanted = new Set(ids);
  for (const t of ids) {
    for (const a of articlesWithTag(t)) {
      for (const h of store.highlightsOf(a))
        if (h.memo.trim() && h.tagIds.some((x) => wanted.has(x))) keys.push(`h:${h.id}`);
    }
  }
  return [...new Set(keys)];
}
