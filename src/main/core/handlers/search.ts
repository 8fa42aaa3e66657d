import type { ApiParsedInput, SearchGroup, SwitcherItem } from '../api-contract';
import type { Core } from '../app/core';
import type { NotebookSession } from '../app/session';
import type { RankedGroup } from '../search/index';
import { markdownToPlain } from '../notes/plain-text';
import { makeSnippet } from '../search/snippet';
import { createSwitcher } from '../search/switcher';
import type { Handlers } from './handler';

/**
 * The switcher's fuse.js index, per session, reused while the lists it was built from are the same arrays (the
 * store hands out a new array when a kind changes), so typing in the palette does not rebuild it per key.
 */
const switchers = new WeakMap<
  NotebookSession,
  { sources: readonly unknown[]; find: ReturnType<typeof createSwitcher> }
>();

/** Snippets come from the stored text: the index keeps offsets, not passage text. */
async function present(session: NotebookSession, found: RankedGroup[]): Promise<SearchGroup[]> {
  const groups: SearchGroup[] = [];
  for (const g of found) {
    let title: string;
    let detail: string;
    let text: string;
    if (g.kind === 'article') {
      const record = session.store.get('article', g.id);
      if (!record) continue;
      title = record.title;
      detail = [record.source, record.published].filter(Boolean).join(' · ');
      text = (await session.body(record).catch(() => null))?.text ?? '';
    } else {
      const note = session.store.get('note', g.id);
      if (!note) continue;
      title = note.title;
      detail = 'Note';
      text = note.body;
    }
    // A note's paragraph is shown as a person reads it, not as the Markdown it is written in.
    const passage = (h: RankedGroup['hits'][number]) =>
      g.kind === 'note' ? markdownToPlain(text.slice(h.start, h.end)) : text.slice(h.start, h.end);
    groups.push({
      kind: g.kind,
      id: g.id,
      title,
      detail,
      score: g.score,
      hitTotal: g.hitTotal,
      hits: g.hits.map((h) => ({ ...h, ...snippetOrPlain(passage(h), h.terms) })),
    });
  }
  return groups;
}

/** One passage that cannot be shown as a snippet must never fail the whole answer. */
function snippetOrPlain(passage: string, terms: string[]): { snippet: string; marks: [number, number][] } {
  try {
    return makeSnippet(passage, terms);
  } catch {
    return { snippet: passage.slice(0, 240), marks: [] };
  }
}

/** While the index is rebuilt, answers come from what is indexed so far: say so. */
function partial(session: NotebookSession): string[] {
  const b = session.indexBuilding;
  if (!b) return [];
  return [
    `The search index is being rebuilt (${b.done.toLocaleString('en')} of ${b.total.toLocaleString('en')} articles): ` +
      'these results may be incomplete until it finishes.',
  ];
}

async function search(core: Core, { query, limit, offset, hits, within }: ApiParsedInput<'search'>) {
  const session = core.session();
  const result = session.index.search(query, { limit, offset, hitsPerGroup: hits, within: within ?? null });
  return {
    query,
    total: result.total,
    passageTotal: result.passageTotal,
    groups: await present(session, result.groups),
    corrections: result.corrections,
    interpretation: result.interpretation,
    warnings: [...result.warnings, ...partial(session)],
  };
}

async function switcher(core: Core, { query, limit }: ApiParsedInput<'switcher'>) {
  const session = core.session();
  const { store } = session;
  const sources = [store.list('note'), store.list('tag'), store.list('article')];
  const cached = switchers.get(session);
  if (cached && cached.sources.every((s, i) => s === sources[i])) return cached.find(query, limit);
  // Notes first, then tags, then articles: with an empty query that is the most useful order.
  const items: SwitcherItem[] = [
    ...[...store.list('note')]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((n): SwitcherItem => ({ kind: 'note', id: n.id, title: n.title, detail: 'Note' })),
    ...store.list('tag').map((t): SwitcherItem => ({ kind: 'tag', id: t.id, title: t.name, detail: 'Tag' })),
    ...store.list('article').map((a): SwitcherItem => ({
      kind: 'article',
      id: a.id,
      title: a.title,
      detail: [a.source, a.published].filter(Boolean).join(' · ') || a.file,
    })),
  ];
  const find = createSwitcher(items);
  switchers.set(session, { sources, find });
  return find(query, limit);
}

export const searchHandlers = { search, switcher } satisfies Handlers<'search' | 'switcher'>;
