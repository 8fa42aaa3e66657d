import type { ApiParsedInput, MemoTarget, SearchGroup, SwitcherItem } from '../api-contract';
import type { Core } from '../app/core';
import type { NotebookSession } from '../app/session';
import type { RankedGroup } from '../search/index';
import { buildTree, parentOf, pathText } from '../codebook/tree';
import type { Tag } from '../types';
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

interface Shown {
  title: string;
  detail: string;
  /** The text a hit's offsets point into. */
  textOf: (passageId: string) => string;
  target?: MemoTarget;
}

/** Snippets come from the stored text: the index keeps offsets, not passage text. */
async function present(session: NotebookSession, found: RankedGroup[]): Promise<SearchGroup[]> {
  const groups: SearchGroup[] = [];
  for (const g of found) {
    const shown =
      g.kind === 'article'
        ? await shownArticle(session, g.id)
        : g.kind === 'note'
          ? shownNote(session, g.id)
          : shownMemo(session, g.id);
    if (!shown) continue;
    // A note's paragraph is shown as a person reads it, not as the Markdown it is written in.
    const passage = (h: RankedGroup['hits'][number]) => {
      const text = shown.textOf(h.passageId).slice(h.start, h.end);
      return g.kind === 'note' ? markdownToPlain(text) : text;
    };
    groups.push({
      kind: g.kind,
      id: g.id,
      title: shown.title,
      detail: shown.detail,
      ...(shown.target ? { target: shown.target } : {}),
      score: g.score,
      hitTotal: g.hitTotal,
      hits: g.hits.map((h) => ({ ...h, ...snippetOrPlain(passage(h), h.terms) })),
    });
  }
  return groups;
}

async function shownArticle(session: NotebookSession, id: string): Promise<Shown | null> {
  const record = session.store.get('article', id);
  if (!record) return null;
  const text = (await session.body(record).catch(() => null))?.text ?? '';
  return {
    title: record.title,
    detail: [record.source, record.published].filter(Boolean).join(' · '),
    textOf: () => text,
  };
}

function shownNote(session: NotebookSession, id: string): Shown | null {
  const note = session.store.get('note', id);
  return note ? { title: note.title, detail: 'Note', textOf: () => note.body } : null;
}

/** A memo is shown as what it is written on; its hits open that article (at the highlight) or tag. */
function shownMemo(session: NotebookSession, key: string): Shown | null {
  const { store } = session;
  const id = key.slice(2);
  if (key.startsWith('h:')) {
    const h = store.get('highlight', id);
    const article = h ? store.get('article', h.articleId) : undefined;
    if (!h || !article) return null;
    const tags = h.tagIds.map((t) => store.get('tag', t)?.name).filter(Boolean);
    return {
      title: `Memo on a passage of “${article.title}”`,
      detail: tags.length ? tags.join(', ') : 'Untagged highlight',
      textOf: () => h.memo,
      target: { kind: 'article', id: article.id, passageId: h.passageId, highlightId: h.id },
    };
  }
  if (key.startsWith('a:')) {
    const article = store.get('article', id);
    if (!article) return null;
    return {
      title: `Memo on “${article.title}”`,
      detail: [article.source, article.published].filter(Boolean).join(' · ') || 'Article memo',
      textOf: () => article.memo ?? '',
      target: { kind: 'article', id, passageId: null, highlightId: null },
    };
  }
  const tag = store.get('tag', id);
  if (!tag) return null;
  return {
    title: `Tag “${pathText(buildTree(store.list('tag')), id)}”`,
    detail: 'Tag description and memo',
    textOf: (passageId) => (passageId.startsWith('d') ? tag.description : tag.memo),
    target: { kind: 'tag', id },
  };
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
    ...tagItems(store.list('tag')),
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

/** Tags by name; a tag under another says where it sits. */
function tagItems(tags: readonly Tag[]): SwitcherItem[] {
  const tree = buildTree(tags);
  return tags.map((t): SwitcherItem => {
    const parent = parentOf(tree, t.id);
    return {
      kind: 'tag',
      id: t.id,
      title: t.name,
      detail: parent ? `Tag in ${pathText(tree, parent.id)}` : 'Tag',
    };
  });
}

export const searchHandlers = { search, switcher } satisfies Handlers<'search' | 'switcher'>;
