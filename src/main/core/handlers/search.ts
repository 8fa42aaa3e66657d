import type { ApiHandlers, SearchGroup, SwitcherItem } from '../api-contract';
import type { Core } from '../app/core';
import type { GroupedSearchResult } from '../search/index';
import { makeSnippet } from '../search/snippet';
import { createSwitcher } from '../search/switcher';

export function searchHandlers(core: Core): Pick<ApiHandlers, 'search' | 'switcher'> {
  // The store hands out a new array whenever articles, notes or tags change, so the arrays themselves tell
  // when the switcher's fuse.js index is stale: typing in the palette reuses it instead of rebuilding per key.
  let cache: { sources: readonly unknown[]; find: ReturnType<typeof createSwitcher> } | null = null;

  /** Snippets come from the stored text: the index keeps offsets, not passage text. */
  async function present(found: GroupedSearchResult['groups']): Promise<SearchGroup[]> {
    const session = core.session();
    const groups: SearchGroup[] = [];
    for (const g of found) {
      let title: string;
      let detail: string;
      let text: string;
      if (g.kind === 'article') {
        const record = session.store.article(g.id);
        if (!record) continue;
        title = record.title;
        detail = [record.source, record.published].filter(Boolean).join(' · ');
        text = (await session.body(g.id)).text;
      } else {
        const note = session.store.notes().find((n) => n.id === g.id);
        if (!note) continue;
        title = note.title;
        detail = 'Note';
        text = note.body;
      }
      groups.push({
        kind: g.kind,
        id: g.id,
        title,
        detail,
        score: g.score,
        hits: g.hits.map((h) => ({ ...h, ...makeSnippet(text.slice(h.start, h.end), h.terms) })),
      });
    }
    return groups;
  }

  return {
    search: async ({ query, limit, offset }) => {
      const result = core.session().index.search(query, { limit, offset });
      return {
        query,
        total: result.total,
        passageTotal: result.passageTotal,
        groups: await present(result.groups),
        corrections: result.corrections,
        interpretation: result.interpretation,
        warnings: result.warnings,
      };
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
