// What must hold after any sequence of operations: everything derived from the records (the search index, tag
// counts, backlinks, article summaries, and what a UI folding the `committed` events shows) equals its
// recomputation from the records alone.
import { expect } from 'vitest';
import type {
  ArticleSummary,
  CommitEvent,
  NoteSummary,
  TagSummary,
  UndoState,
} from '../../../../src/main/core/api-contract';
import { summarize } from '../../../../src/main/core/app/article-summary';
import { tagCounts } from '../../../../src/main/core/annotate/tags';
import { articleBacklinks, noteBacklinks } from '../../../../src/main/core/notes/backlinks';
import { allMemoDocs, articleToIndex } from '../../../../src/main/core/app/index-docs';
import { buildIndex } from '../../../../src/main/core/search/rebuild';
import type { SearchIndex } from '../../../../src/main/core/search/index';
import type { NotebookStore } from '../../../../src/main/core/store/types';
import { recordKinds } from '../../../../src/main/core/store/records';
import type { TestNotebook } from '../../../helpers/notebook';

/** The open notebook and its API: a test notebook, or the same folder opened again. */
export type Opened = Pick<TestNotebook, 'core' | 'call'>;
import { vocabulary } from './ops';

/** Every record of every kind, by id: what "the store's records" means for equality. */
export function recordsOf(store: NotebookStore): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    recordKinds.map((kind) => [
      kind,
      Object.fromEntries(
        [...store.list(kind)].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, r]),
      ),
    ]),
  );
}

/**
 * The search index a rebuild would make from the records as they are: coded spans (tag names and paths) and memos
 * recomputed from the highlights, tags and articles.
 */
export async function freshIndex(store: NotebookStore): Promise<SearchIndex> {
  return buildIndex(
    {
      articles: store.list('article').map((r) => articleToIndex(store, r)),
      notes: store.list('note').map(({ id, title, body }) => ({ id, title, body })),
      memos: allMemoDocs(store),
      readBody: (a) => store.readBody(a).catch(() => null),
    },
    { progressEvery: 1_000_000, onProgress: () => undefined },
  );
}

/** Queries that name what the notebook holds: every word, prefixes and typos of them, tags, authors, sources. */
export function queriesFor(store: NotebookStore): string[] {
  const q = new Set<string>();
  for (const w of vocabulary) {
    q.add(w);
    q.add(`"${w}"`);
    q.add(w.slice(0, 3));
    // One edit: a typo the index must correct the same way whatever it has seen and forgotten.
    q.add(w.slice(0, 2) + w.slice(3));
  }
  for (const a of store.list('article')) {
    q.add(a.title);
    q.add(`"${a.title}"`);
    q.add(`serial${a.file.replace(/\D/g, '')}`);
    q.add(`"serial${a.file.replace(/\D/g, '')}"`);
    if (a.author) q.add(`author:"${a.author}"`);
    if (a.source) q.add(`source:${a.source}`);
  }
  for (const n of store.list('note')) {
    q.add(n.title);
    q.add(`${n.title} in:notes`);
  }
  // Tags that exist, and names of tags that were deleted or renamed: a stale filter would still match those.
  for (const name of ['arms', 'human rights', 'trade', 'fomin', 'arms-trade']) q.add(`tag:"${name}"`);
  for (const t of store.list('tag')) q.add(`tag:"${t.name}" ${t.name.split(' ')[0] ?? ''}`);
  // Paths (a tag under another), two tags in one passage, and memos.
  const tags = store.list('tag');
  for (const t of tags) {
    const parent = tags.find((p) => p.id === t.parentId);
    if (parent) q.add(`tag:"${parent.name}/${t.name}"`);
  }
  q.add('tag:arms tag:trade');
  for (const w of vocabulary.slice(0, 6)) q.add(`${w} in:memos`);
  q.add('in:memos source:Frontier');
  q.add('in:memos tag:arms');
  q.add('amber OR basalt -cobalt');
  q.add('after:2018');
  q.add('"amber" -cobalt after:2018');
  return [...q];
}

/** Phrases and filters: answered from exact terms and metadata, with no look-alikes chosen by frequency. */
const exactOnly = (query: string): boolean =>
  query
    .replace(/(^|\s)-?(tag|author|source|after|before|in):("[^"]*"|\S+)/g, ' ')
    .replace(/-?"[^"]*"/g, ' ')
    // Exclusions are exact too.
    .replace(/(^|\s)-\S+/g, ' ')
    .trim() === '';

/** Which documents a query finds, however they rank. */
function matches(index: SearchIndex, query: string) {
  const r = index.search(query, { limit: 1000 });
  return {
    total: r.total,
    passageTotal: r.passageTotal,
    docs: r.groups.map((g) => `${g.kind}:${g.id}`).sort(),
  };
}

/**
 * What a researcher sees of an answer: the documents and passages, in order, with their scores. Documents with
 * exactly the same score are listed by id: the index ranks such ties in the order it met the documents, which
 * undo, redo and reopening change (in the rebuild too: it follows the store's order).
 */
function answer(index: SearchIndex, query: string) {
  const r = index.search(query, { limit: 1000 });
  const groups = r.groups.map((g) => ({
    doc: `${g.kind}:${g.id}`,
    score: Number(g.score.toFixed(6)),
    hits: g.hits.map((h) => `${h.passageId}@${h.start}-${h.end} ${h.terms.join(',')}`),
  }));
  groups.sort((a, b) => b.score - a.score || a.doc.localeCompare(b.doc));
  return { total: r.total, passageTotal: r.passageTotal, corrections: r.corrections, groups };
}

/**
 * The incrementally kept index answers every query as one rebuilt from the records. Removed documents stay in
 * the postings until compaction, and the document frequencies still count them: BM25 scores drift (as Lucene's
 * do between merges), and so does which look-alikes a typo or a prefix expands to when there are more than the
 * expansion limit. So before compaction, phrases and filters must find the same documents; once compacted (as
 * saving the cache does), every answer must be identical: order, scores, passages, marked terms, corrections.
 */
export async function expectIndexMatchesRebuild(nb: Opened, where: string): Promise<void> {
  const session = nb.core.session();
  await session.indexReady();
  const fresh = await freshIndex(session.store);
  const queries = queriesFor(session.store);
  for (const query of queries.filter(exactOnly)) {
    expect(matches(session.index, query), `${where}: search “${query}”`).toEqual(matches(fresh, query));
  }
  session.index.serialize();
  for (const query of queries) {
    expect(answer(session.index, query), `${where}, compacted: search “${query}”`).toEqual(
      answer(fresh, query),
    );
  }
}

/** Tag counts, article summaries and backlinks equal their recomputation from the records. */
export async function expectDerivedMatchRecords(nb: Opened, where: string): Promise<void> {
  const { store } = nb.core.session();
  const counts = tagCounts(store.list('highlight'));
  const tags = await nb.call('tagList', {});
  expect(tags.map((t) => [t.id, t.count]).sort(), `${where}: tagList counts`).toEqual(
    store
      .list('tag')
      .map((t) => [t.id, counts.get(t.id) ?? 0])
      .sort(),
  );

  const articles = await nb.call('articleList', {});
  expect(byId(articles), `${where}: articleList summaries`).toEqual(
    byId(store.list('article').map((a) => summarize(a, store.highlightsOf(a.id)))),
  );
  for (const a of store.list('article')) {
    expect(
      store
        .highlightsOf(a.id)
        .map((h) => h.id)
        .sort(),
      `${where}: highlights of ${a.id}`,
    ).toEqual(
      store
        .list('highlight')
        .filter((h) => h.articleId === a.id)
        .map((h) => h.id)
        .sort(),
    );
  }

  const notes = store.list('note');
  for (const note of notes) {
    const view = await nb.call('noteGet', { id: note.id });
    expect(view.backlinks, `${where}: backlinks of note ${note.id} “${note.title}”`).toEqual(
      noteBacklinks(notes, note),
    );
  }
  for (const a of store.list('article')) {
    const view = await nb.call('articleGet', { id: a.id });
    expect(view.backlinks, `${where}: backlinks of article ${a.id}`).toEqual(articleBacklinks(notes, a.id));
  }
}

/**
 * What a UI knows if it loads once and then only folds `committed` events (as the renderer's state modules do):
 * it must equal what the API answers now.
 */
export class EventFold {
  articles = new Map<string, ArticleSummary>();
  tags = new Map<string, TagSummary>();
  notes = new Map<string, NoteSummary>();
  trashCount = 0;
  undo: UndoState = { undo: null, redo: null };
  seq = 0;
  /** Sequence numbers that arrived out of order or twice. */
  readonly gaps: string[] = [];

  apply(e: CommitEvent): void {
    if (e.seq !== this.seq + 1) this.gaps.push(`${this.seq} → ${e.seq}`);
    this.seq = e.seq;
    this.undo = e.undo;
    this.trashCount = e.trashCount;
    for (const r of e.records) {
      if (r.kind === 'article' && !r.after) this.articles.delete(r.id);
      if (r.kind === 'tag') {
        if (!r.after) this.tags.delete(r.id);
        else this.tags.set(r.id, { ...r.after, count: this.tags.get(r.id)?.count ?? 0 });
      }
      if (r.kind === 'note') {
        if (!r.after) this.notes.delete(r.id);
        else {
          const { id, title, createdAt, updatedAt } = r.after;
          this.notes.set(r.id, { id, title, createdAt, updatedAt });
        }
      }
    }
    for (const a of e.articles) this.articles.set(a.id, a);
    for (const [id, count] of Object.entries(e.tagCounts)) {
      const tag = this.tags.get(id);
      if (tag) this.tags.set(id, { ...tag, count });
    }
  }

  async expectMatches(nb: Opened, where: string): Promise<void> {
    expect(this.gaps, `${where}: event sequence`).toEqual([]);
    expect(this.seq, `${where}: last event seq`).toBe(nb.core.session().store.seq);
    expect(byId([...this.articles.values()]), `${where}: articles from events`).toEqual(
      byId(await nb.call('articleList', {})),
    );
    expect(byId([...this.tags.values()]), `${where}: tags from events`).toEqual(
      byId(await nb.call('tagList', {})),
    );
    expect(byId([...this.notes.values()]), `${where}: notes from events`).toEqual(
      byId(await nb.call('noteList', {})),
    );
    expect(this.trashCount, `${where}: trash count from events`).toBe(
      (await nb.call('trashList', {})).length,
    );
    expect(this.undo, `${where}: undo labels from events`).toEqual(await nb.call('undoState', {}));
  }
}

function byId<T extends { id: string }>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries([...items].sort((a, b) => a.id.localeCompare(b.id)).map((x) => [x.id, x]));
}
