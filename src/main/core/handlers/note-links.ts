// The note editor's links to everything: `[[` suggestions, embeds, the panels around a note (outgoing links,
// cited passages, unlinked mentions), the graph, templates and the daily note.
import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import type { NotebookSession } from '../app/session';
import { QuireError } from '../errors';
import { resolveEmbed, readBody } from '../notes/embeds';
import { graphKey, localGraph, notebookGraph } from '../notes/graph';
import { articleByTitle, linkTitle, noteByTitle } from '../notes/link-targets';
import { linkMentions } from '../notes/mentions';
import type { GraphData, LinkSuggestion } from '../notes/note-views';
import { citedPassages, outgoingLinks } from '../notes/outgoing';
import {
  articleItems,
  headingSuggestions,
  highlightItems,
  noteItems,
  passageSuggestions,
  suggestLinks,
  SuggestSegment,
  tagItems,
} from '../notes/suggest';
import { DAILY_TEMPLATE, DEFAULT_DAILY_BODY, fillTemplate, isTemplate } from '../notes/templates';
import { articleMentions, noteMentions } from '../notes/unlinked';
import { sameTitle } from '../notes/wikilinks';
import type { Transaction } from '../store/transaction';
import type { Note } from '../types';
import type { Handlers } from './handler';

function requireNote(tx: Pick<Transaction, 'get'>, id: string): Note {
  const note = tx.get('note', id);
  if (!note) throw new QuireError('NOT_FOUND', 'That note no longer exists; it may have been deleted.');
  return note;
}

// Titles are unique case-insensitively (wikilinks resolve by title), as noteCreate and noteRename enforce.
function assertTitleFree(notes: readonly Note[], title: string): void {
  if (notes.some((n) => sameTitle(n.title, title))) {
    throw new QuireError('CONFLICT', `A note called “${title}” already exists. Choose another title.`);
  }
}

// ---- suggestions ----

interface Cached<T> {
  sources: readonly unknown[];
  value: T;
}
type SegmentCache = Record<'notes' | 'articles' | 'tags' | 'highlights', Cached<SuggestSegment> | undefined>;

/** Each kind's segment, rebuilt only when that kind's records (or those its entries name) change. */
const segmentCaches = new WeakMap<NotebookSession, SegmentCache>();

function segment(
  cache: SegmentCache,
  name: keyof SegmentCache,
  sources: readonly unknown[],
  build: () => LinkSuggestion[],
): SuggestSegment {
  const hit = cache[name];
  if (hit && hit.sources.length === sources.length && hit.sources.every((s, i) => s === sources[i]))
    return hit.value;
  const value = new SuggestSegment(build());
  cache[name] = { sources, value };
  return value;
}

function segmentsOf(session: NotebookSession): SuggestSegment[] {
  const { store, derived } = session;
  let cache = segmentCaches.get(session);
  if (!cache)
    segmentCaches.set(
      session,
      (cache = { notes: undefined, articles: undefined, tags: undefined, highlights: undefined }),
    );
  const notes = store.list('note');
  const articles = store.list('article');
  const tags = store.list('tag');
  const highlights = store.list('highlight');
  return [
    segment(cache, 'notes', [notes], () => noteItems(notes)),
    segment(cache, 'articles', [articles], () => articleItems(articles)),
    segment(cache, 'tags', [tags, highlights], () => tagItems(tags, (id) => derived.tagCounts.get(id) ?? 0)),
    segment(cache, 'highlights', [highlights, articles, tags], () =>
      highlightItems(highlights, (id) => store.get('article', id), tags),
    ),
  ];
}

/**
 * What `[[query` may link to, best first. `Title#…` lists a note's headings or an article's highlights and
 * passages (to link or embed one with `#^id`).
 */
async function linkSuggest(core: Core, { query, limit }: ApiParsedInput<'linkSuggest'>) {
  const session = core.session();
  const segments = segmentsOf(session);
  const hash = query.lastIndexOf('#');
  if (hash > 0) {
    const title = query.slice(0, hash);
    const rest = query.slice(hash + 1);
    const note = noteByTitle(session.store, title);
    if (note) return headingSuggestions(note, rest, limit);
    const article =
      articleByTitle(session.store, title) ??
      session.store.get('article', suggestLinks(segments.slice(1, 2), title, 1)[0]?.id ?? '');
    const body = article ? await readBody(session, article) : null;
    if (article && body) {
      const { store } = session;
      return passageSuggestions(
        article,
        body,
        store.highlightsOf(article.id),
        store.list('tag'),
        rest,
        limit,
      );
    }
  }
  return suggestLinks(segments, query, limit);
}

// ---- embeds ----

async function embedResolve(core: Core, { targets }: ApiParsedInput<'embedResolve'>) {
  const session = core.session();
  const out = [];
  for (const target of targets) out.push(await resolveEmbed(session, target));
  return out;
}

// ---- around the note ----

async function noteLinks(core: Core, { id }: { id: string }) {
  const session = core.session();
  const note = requireNote(session.store, id);
  const outgoing = outgoingLinks(session, note);
  const cited = await citedPassages(session, note);
  const linked = new Set([
    ...outgoing.flatMap((l) => (l.articleId ? [l.articleId] : [])),
    ...cited.map((c) => c.articleId),
  ]);
  const notes = noteMentions(session.store.list('note'), note);
  const articles = isTemplate(note.title)
    ? { mentions: [], more: false }
    : await articleMentions(session, note, linked);
  return {
    noteId: note.id,
    outgoing,
    cited,
    mentions: [...notes, ...articles.mentions],
    moreMentions: articles.more,
  };
}

/**
 * One click on an unlinked mention, one commit: a note's mentions of the title become `[[links]]`; for an article,
 * the open note gains a link to the passage that names it (article texts are never edited).
 */
async function noteLinkMention(core: Core, { id, source }: ApiParsedInput<'noteLinkMention'>) {
  const session = core.writable();
  const target = requireNote(session.store, id);
  if (source.kind === 'note') {
    const other = requireNote(session.store, source.id);
    const { value } = await session.commit(`Link “${target.title}” in “${other.title}”`, (tx) => {
      const current = requireNote(tx, source.id);
      const title = requireNote(tx, id).title;
      const body = linkMentions(current.body, title);
      if (body === current.body) {
        throw new QuireError('CONFLICT', `“${current.title}” no longer mentions “${title}” without a link.`);
      }
      const next: Note = { ...current, body, updatedAt: core.now().toISOString() };
      tx.put('note', next);
      return next;
    });
    return value;
  }
  const article = session.store.get('article', source.id);
  if (!article) throw new QuireError('NOT_FOUND', 'That article no longer exists; it may have been deleted.');
  const linkTarget = source.passageId
    ? `${linkTitle(article.title)}#^${source.passageId}`
    : linkTitle(article.title);
  const { value } = await session.commit(`Link “${article.title}” from “${target.title}”`, (tx) => {
    const current = requireNote(tx, id);
    const sep =
      current.body === '' || current.body.endsWith('\n\n') ? '' : current.body.endsWith('\n') ? '\n' : '\n\n';
    const next: Note = {
      ...current,
      body: `${current.body}${sep}[[${linkTarget}]]\n`,
      updatedAt: core.now().toISOString(),
    };
    tx.put('note', next);
    return next;
  });
  return value;
}

// ---- graph ----

const graphCache = new WeakMap<NotebookSession, Cached<Omit<GraphData, 'center'>>>();

function wholeGraph(session: NotebookSession): Omit<GraphData, 'center'> {
  const { store } = session;
  const sources = [store.list('note'), store.list('article'), store.list('tag'), store.list('highlight')];
  const hit = graphCache.get(session);
  if (hit && hit.sources.every((s, i) => s === sources[i])) return hit.value;
  const value = notebookGraph(store);
  graphCache.set(session, { sources, value });
  return value;
}

async function noteGraph(core: Core, { center, depth }: ApiParsedInput<'noteGraph'>): Promise<GraphData> {
  const graph = wholeGraph(core.session());
  if (!center) return { ...graph, center: null };
  const key = graphKey(center.kind, center.id);
  const local = localGraph(graph, key, depth);
  if (!local)
    throw new QuireError('NOT_FOUND', 'That is not in the graph any more; it may have been deleted.');
  return { ...local, center: key };
}

// ---- templates and the daily note ----

async function noteFromTemplate(core: Core, input: ApiParsedInput<'noteFromTemplate'>) {
  const { templateId, title, date, time } = input;
  const session = core.writable();
  const template = requireNote(session.store, templateId);
  const now = core.now().toISOString();
  const { value } = await session.commit(`Create note “${title}” from “${template.title}”`, (tx) => {
    assertTitleFree(tx.list('note'), title);
    const body = fillTemplate(requireNote(tx, templateId).body, { title, date, time });
    const note: Note = { id: core.ids('note'), title, body, createdAt: now, updatedAt: now };
    tx.put('note', note);
    return note;
  });
  return value;
}

/** The note titled with the given local date: opened when it exists, else created (from `Templates/Daily`). */
async function noteDaily(core: Core, { date, time }: ApiParsedInput<'noteDaily'>) {
  const existing = noteByTitle(core.session().store, date);
  if (existing) return { note: existing, created: false };
  const session = core.writable();
  const now = core.now().toISOString();
  const { value } = await session.commit(`Create daily note “${date}”`, (tx) => {
    const again = tx.list('note').find((n) => sameTitle(n.title, date));
    if (again) return { note: again, created: false };
    const template = tx.list('note').find((n) => sameTitle(n.title, DAILY_TEMPLATE));
    const body = fillTemplate(template?.body ?? DEFAULT_DAILY_BODY, { title: date, date, time });
    const note: Note = { id: core.ids('note'), title: date, body, createdAt: now, updatedAt: now };
    tx.put('note', note);
    return { note, created: true };
  });
  return value;
}

export const noteLinkHandlers = {
  linkSuggest,
  embedResolve,
  noteLinks,
  noteLinkMention,
  noteGraph,
  noteFromTemplate,
  noteDaily,
} satisfies Handlers<
  | 'linkSuggest'
  | 'embedResolve'
  | 'noteLinks'
  | 'noteLinkMention'
  | 'noteGraph'
  | 'noteFromTemplate'
  | 'noteDaily'
>;
