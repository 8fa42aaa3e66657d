import type { ApiHandlers } from '../api-contract';
import type { Highlight, Tag } from '../types';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { makeSelectors } from '../annotate/selectors';
import { passageAt } from '../annotate/passage-at';
import { nextTagColor } from '../annotate/colors';
import { findTagByName, normalizeTagName } from '../annotate/tags';
import { requireArticle } from './article-view';

type TagMethods =
  | 'tagList'
  | 'tagCreate'
  | 'tagUpdate'
  | 'tagDelete'
  | 'tagPassages'
  | 'highlightCreate'
  | 'highlightUpdate'
  | 'highlightDelete'
  | 'highlightRestore';

export function tagHandlers(core: Core): Pick<ApiHandlers, TagMethods> {
  /** Annotations changed: views reload, and the index learns the articles' new tag names (tag: filters). */
  const changed = (articleIds: Iterable<string> = []) => {
    core.session().refreshArticleMeta(articleIds);
    core.emit('changed', { what: 'annotations' });
  };
  const articlesTagged = (tagId: string) =>
    core
      .session()
      .store.highlights()
      .filter((h) => h.tagIds.includes(tagId))
      .map((h) => h.articleId);

  function newTag(tags: Tag[], name: string, color?: string): Tag {
    const tag: Tag = {
      id: core.ids('tag'),
      name: normalizeTagName(name),
      color: color ?? nextTagColor(tags.map((t) => t.color)),
      memo: '',
      createdAt: core.now().toISOString(),
    };
    tags.push(tag);
    return tag;
  }

  function requireTag(tags: readonly Tag[], id: string): Tag {
    const tag = tags.find((t) => t.id === id);
    if (!tag) throw new QuireError('NOT_FOUND', 'That tag no longer exists; it may have been deleted.');
    return tag;
  }

  function requireHighlight(highlights: readonly Highlight[], id: string): Highlight {
    const h = highlights.find((x) => x.id === id);
    if (!h) throw new QuireError('NOT_FOUND', 'That highlight no longer exists; it may have been deleted.');
    return h;
  }

  return {
    tagList: async () => {
      const { store } = core.session();
      const counts = new Map<string, number>();
      for (const h of store.highlights()) for (const t of h.tagIds) counts.set(t, (counts.get(t) ?? 0) + 1);
      return store
        .tags()
        .map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    tagCreate: async ({ name, color }) => {
      const { store } = core.writable();
      const tag = await store.updateAnnotations((d) => {
        if (findTagByName(d.tags, name)) {
          throw new QuireError('CONFLICT', `A tag named “${normalizeTagName(name)}” already exists.`);
        }
        return newTag(d.tags, name, color);
      });
      changed();
      return tag;
    },
    tagUpdate: async ({ id, name, color, memo }) => {
      const { store } = core.writable();
      const tag = await store.updateAnnotations((d) => {
        const t = requireTag(d.tags, id);
        if (name !== undefined) {
          const clash = findTagByName(d.tags, name);
          if (clash && clash.id !== id) {
            throw new QuireError('CONFLICT', `A tag named “${normalizeTagName(name)}” already exists.`);
          }
          t.name = normalizeTagName(name);
        }
        if (color !== undefined) t.color = color;
        if (memo !== undefined) t.memo = memo;
        return { ...t };
      });
      changed(name !== undefined ? articlesTagged(id) : []);
      return tag;
    },
    tagDelete: async ({ id }) => {
      const { store } = core.writable();
      const affected = articlesTagged(id);
      // Highlights keep their span and memo when they lose a tag: the researcher's reading is not thrown away.
      const highlightsUpdated = await store.updateAnnotations((d) => {
        requireTag(d.tags, id);
        d.tags = d.tags.filter((t) => t.id !== id);
        let n = 0;
        for (const h of d.highlights) {
          if (h.tagIds.includes(id)) {
            h.tagIds = h.tagIds.filter((t) => t !== id);
            n++;
          }
        }
        return n;
      });
      changed(affected);
      return { id, highlightsUpdated };
    },
    tagPassages: async ({ id }) => {
      const { store } = core.session();
      requireTag(store.tags(), id);
      return store
        .highlights()
        .filter((h) => h.tagIds.includes(id))
        .map((highlight) => {
          const article = store.article(highlight.articleId);
          return {
            highlight,
            articleTitle: article?.title ?? '(deleted article)',
            articleSource: article?.source ?? null,
          };
        })
        .sort(
          (a, b) =>
            a.articleTitle.localeCompare(b.articleTitle) ||
            a.highlight.position.start - b.highlight.position.start,
        );
    },
    highlightCreate: async ({ articleId, start, end, tagIds, tagNames }) => {
      const session = core.writable();
      requireArticle(core, articleId);
      const body = await session.body(articleId);
      const selectors = makeSelectors(body.text, start, end);
      const passage = passageAt(body.passages, selectors.position.start);
      if (!passage) throw new QuireError('BAD_INPUT', 'The selection is outside the article text.');
      const highlight = await session.store.updateAnnotations((d) => {
        const ids = new Set(tagIds.map((t) => requireTag(d.tags, t).id));
        for (const name of tagNames) ids.add((findTagByName(d.tags, name) ?? newTag(d.tags, name)).id);
        const h: Highlight = {
          id: core.ids('highlight'),
          articleId,
          passageId: passage.id,
          tagIds: [...ids],
          ...selectors,
          memo: '',
          createdAt: core.now().toISOString(),
          orphaned: false,
        };
        d.highlights.push(h);
        return h;
      });
      changed([articleId]);
      return highlight;
    },
    highlightUpdate: async ({ id, tagIds, memo }) => {
      const { store } = core.writable();
      const updated = await store.updateAnnotations((d) => {
        const h = requireHighlight(d.highlights, id);
        if (tagIds !== undefined) h.tagIds = [...new Set(tagIds.map((t) => requireTag(d.tags, t).id))];
        if (memo !== undefined) h.memo = memo;
        return { ...h };
      });
      changed([updated.articleId]);
      return updated;
    },
    highlightDelete: async ({ id }) => {
      const { store } = core.writable();
      const removed = await store.updateAnnotations((d) => {
        const h = requireHighlight(d.highlights, id);
        d.highlights = d.highlights.filter((x) => x.id !== id);
        return h;
      });
      changed([removed.articleId]);
      return removed;
    },
    highlightRestore: async ({ highlight }) => {
      const { store } = core.writable();
      requireArticle(core, highlight.articleId);
      const restored = await store.updateAnnotations((d) => {
        if (d.highlights.some((h) => h.id === highlight.id)) {
          throw new QuireError('CONFLICT', 'That highlight is already there.');
        }
        // Tags deleted meanwhile are dropped rather than resurrected.
        const h: Highlight = {
          ...highlight,
          tagIds: highlight.tagIds.filter((t) => d.tags.some((x) => x.id === t)),
        };
        d.highlights.push(h);
        return h;
      });
      changed([restored.articleId]);
      return restored;
    },
  };
}
