// `[[` completion over everything a note can link to: notes, articles, tags and highlights by name, then an
// article's passages and highlights (or a note's headings) once a `#` follows the title. fuse.js ranks short
// strings; past a few thousand of them a bigram narrowing picks the candidates first (GUIDE §4), so a keystroke
// costs a few milliseconds at 10,000 articles.
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { ArticleBody, ArticleRecord, Highlight, Note, Tag } from '../types';
import { BigramNarrower } from '../search/narrow';
import { titleFuseOptions } from '../search/switcher';
import { TAG_PREFIX, linkTitle } from './link-targets';
import type { LinkSuggestion } from './note-views';
import { outlineOf } from './outline';

/** How many candidates the narrowing hands to fuse.js: enough for typos, few enough to rank in a few ms. */
const CANDIDATES = 300;
const SHOWN_CHARS = 110;

// Ties go to notes, then articles and tags, then highlights: what people link most.
const KIND_PENALTY: Record<LinkSuggestion['kind'], number> = {
  note: 0,
  article: 0.02,
  tag: 0.02,
  highlight: 0.05,
  passage: 0.05,
};

const fuseOptions = titleFuseOptions<LinkSuggestion>();

/** Whitespace collapsed and cut at a word near `max` characters. */
export function shorten(text: string, max = SHOWN_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function articleDetail(a: Pick<ArticleRecord, 'source' | 'published' | 'file'>): string {
  return [a.source, a.published].filter(Boolean).join(' · ') || a.file;
}

/** Notes, most recently edited first. */
export function noteItems(notes: readonly Note[]): LinkSuggestion[] {
  return [...notes]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map((n) => ({ kind: 'note', id: n.id, title: n.title, detail: 'Note', target: n.title }));
}

export function articleItems(articles: readonly ArticleRecord[]): LinkSuggestion[] {
  return articles.map((a) => ({
    kind: 'article',
    id: a.id,
    title: a.title,
    detail: articleDetail(a),
    target: linkTitle(a.title),
  }));
}

export function tagItems(tags: readonly Tag[], count: (id: string) => number): LinkSuggestion[] {
  return tags.map((t) => {
    const n = count(t.id);
    return {
      kind: 'tag',
      id: t.id,
      title: t.name,
      detail: `Tag · ${n} ${n === 1 ? 'passage' : 'passages'}`,
      target: TAG_PREFIX + t.name,
    };
  });
}

export function highlightItems(
  highlights: readonly Highlight[],
  articleById: (id: string) => ArticleRecord | undefined,
  tags: readonly Tag[],
): LinkSuggestion[] {
  const tagNames = new Map(tags.map((t) => [t.id, t.name]));
  const items: LinkSuggestion[] = [];
  for (const h of highlights) {
    const article = articleById(h.articleId);
    if (!article) continue;
    items.push({
      kind: 'highlight',
      id: h.id,
      title: shorten(h.quote.exact),
      detail: [`Highlight in ${article.title}`, ...h.tagIds.map((id) => tagNames.get(id) ?? '')]
        .filter(Boolean)
        .join(' · '),
      target: `${linkTitle(article.title)}#^${h.id}`,
    });
  }
  return items;
}

/**
 * One kind of linkable name with its narrowing index. Kept per kind so that saving a note rebuilds the note
 * segment (a thousand titles) and never the article one (ten thousand).
 */
export class SuggestSegment {
  private readonly narrower: BigramNarrower;

  constructor(readonly items: readonly LinkSuggestion[]) {
    this.narrower = new BigramNarrower(items.map((i) => i.title));
  }

  candidates(query: string): LinkSuggestion[] {
    return this.narrower
      .candidates(query, CANDIDATES)
      .map((i) => this.items[i])
      .filter((i): i is LinkSuggestion => i !== undefined);
  }
}

/** The best `limit` names for a query over all segments; an empty query lists the first segment's (recent notes). */
export function suggestLinks(
  segments: readonly SuggestSegment[],
  query: string,
  limit: number,
): LinkSuggestion[] {
  const q = query.trim();
  if (q === '') return (segments[0]?.items ?? []).slice(0, limit);
  const pool = segments.flatMap((s) => s.candidates(q));
  const fuse = new Fuse(pool, fuseOptions);
  return fuse
    .search(q)
    .map((r) => ({ item: r.item, score: (r.score ?? 1) + KIND_PENALTY[r.item.kind] }))
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((r) => r.item);
}

/** After `[[Article#`: the article's highlights, then its passages, filtered by what follows the `#`. */
export function passageSuggestions(
  article: ArticleRecord,
  body: ArticleBody,
  highlights: readonly Highlight[],
  tags: readonly Tag[],
  query: string,
  limit: number,
): LinkSuggestion[] {
  const title = linkTitle(article.title);
  const tagNames = new Map(tags.map((t) => [t.id, t.name]));
  const items: LinkSuggestion[] = [
    ...highlights.map((h): LinkSuggestion => ({
      kind: 'highlight',
      id: h.id,
      title: shorten(h.quote.exact),
      detail: ['Highlight', ...h.tagIds.map((id) => tagNames.get(id)).filter(Boolean)].join(' · '),
      target: `${title}#^${h.id}`,
    })),
    ...body.passages.map((p, i): LinkSuggestion => ({
      kind: 'passage',
      id: p.id,
      title: shorten(body.text.slice(p.start, p.end)),
      detail: `Passage ${i + 1} of ${article.title}`,
      target: `${title}#^${p.id}`,
    })),
  ];
  const q = query.replace(/^\^/, '').trim();
  if (q === '') return items.slice(0, limit);
  // Match against the whole passage, not the shortened title: the words sought may come late in it.
  const passageText = new Map(body.passages.map((p) => [p.id, body.text.slice(p.start, p.end)]));
  const withText = items.map((item) => ({
    item,
    text: item.kind === 'passage' ? (passageText.get(item.id) ?? item.title) : item.title,
  }));
  const fuse = new Fuse(withText, textFuseOptions);
  return (
    fuse
      .search(q, { limit })
      .map((r) => r.item.item)
      // An id typed or pasted after `#^` finds its passage even though no words match.
      .concat(items.filter((i) => i.id === q))
      .filter((item, i, all) => all.indexOf(item) === i)
      .slice(0, limit)
  );
}

const textFuseOptions: IFuseOptions<{ item: LinkSuggestion; text: string }> = {
  keys: ['text'],
  // Passages are paragraphs: a long one must not lose to a short one for being long.
  ignoreFieldNorm: true,
  threshold: 0.35,
  ignoreLocation: true,
  ignoreDiacritics: true,
  minMatchCharLength: 2,
  useTokenSearch: true,
  tokenMatch: 'all',
};

/** After `[[Note#`: the note's headings. */
export function headingSuggestions(note: Note, query: string, limit: number): LinkSuggestion[] {
  const q = query.trim().toLowerCase();
  return outlineOf(note.body)
    .filter((h) => q === '' || h.text.toLowerCase().includes(q))
    .slice(0, limit)
    .map((h) => ({
      kind: 'note',
      id: note.id,
      title: h.text,
      detail: `Heading in ${note.title}`,
      target: `${note.title}#${h.text}`,
    }));
}
