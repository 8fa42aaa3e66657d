import type { ApiHandlers, SearchHit, SwitcherItem } from '../api-contract';
import type { Core } from '../app/core';
import { makeSnippet } from '../search/snippet';
import { createSwitcher } from '../search/switcher';

export function searchHandlers(core: Core): Pick<ApiHandlers, 'search' | 'switcher'> {
  // The store hands out a new array whenever articles, notes or tags change, so the arrays themselves tell
  // when the switcher's fuse.js index is stale: typing in the palette reuses it instead of rebuilding per key.
  let cache: { sources: readonly unknown[]; find: ReturnType<typeof createSwitcher> } | null = null;
  return {
    search: async ({ query, limit }) => {
      const session = core.session();
      const { total, hits, corrections } = session.index.search(query, limit);
      const results: SearchHit[] = [];
      for (const hit of hits) {
        const record = session.store.article(hit.articleId);
        if (!record) continue;
        const body = await session.body(hit.articleId);
        const passage = body.passages.find((p) => p.id === hit.passageId);
        const text = passage ? body.text.slice(passage.start, passage.end) : record.title;
        const { snippet, marks } = makeSnippet(text, hit.terms);
        results.push({ ...hit, title: record.title, snippet, marks });
      }
      return { query, total, results, corrections };
    },
    switcher: async ({ query, limit }) => {
      const { store } = core.session();
      const sources = [store.notes(), store.tags(), store.articles()];
      if (cache && cache.sources.every((s, i) => s === sources[i])) return cache.find(query, limit);
      // Notes first, then tags, then articles: with an empty query that is the most useful order.
      const items: SwitcherItem[] = [
        ...[...store.notes()]
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
          .map((n): SwitcherItem => ({ kind: 'note', id: n.id, title: n.title, detail: 'Note' })),
        ...store.tags().map((t): SwitcherItem => ({ kind: 'tag', id: t.id, title: t.name, detail: 'Tag' })),
        ...store.articles().map((a): SwitcherItem => ({
          kind: 'article',
          id: a.id,
          title: a.title,
          detail: [a.source, a.published].filter(Boolean).join(' · ') || a.file,
        })),
      ];
      cache = { sources, find: createSwitcher(items) };
      return cache.find(query, limit);
    },
  };
}
