// What a `[[…]]` names. A link names a note by its title (as it always has); a title no note has names an article
// with that title; `tag:Name` names a tag. After an article's title, `#^id` names one of its passages or highlights
// (Obsidian's block-reference syntax); after a note's title, `#Heading` names a heading in it.
import { findTagByName } from '../annotate/tags';
import type { ArticleRecord, Highlight, Note, RecordKind, RecordTypes, Tag } from '../types';
import { titleKey } from './wikilinks';

export const TAG_PREFIX = 'tag:';

export interface LinkTarget {
  /** The title part: a note's or an article's title, or `tag:Name`. */
  title: string;
  /** `#^id`: a passage or highlight id. */
  block: string | null;
  /** `#Heading`. */
  heading: string | null;
}

/** Splits what is written between `[[` and `]]` (alias already removed). `#^` binds to the last `#^`. */
export function splitTarget(full: string): LinkTarget {
  const text = full.trim();
  const blockAt = text.lastIndexOf('#^');
  if (blockAt > 0) {
    const block = text.slice(blockAt + 2).trim();
    return { title: text.slice(0, blockAt).trim(), block: block === '' ? null : block, heading: null };
  }
  const hash = text.indexOf('#');
  if (hash > 0) {
    const heading = text.slice(hash + 1).trim();
    return { title: text.slice(0, hash).trim(), block: null, heading: heading === '' ? null : heading };
  }
  return { title: text, block: null, heading: null };
}

// Characters a title cannot carry inside `[[…]]` (they close the link, start an alias or a heading).
const UNLINKABLE = /[[\]|#^\n\r]+/g;

/** An article's title as it is written inside `[[…]]`: the characters a link cannot hold become spaces. */
export function linkTitle(title: string): string {
  return title.replace(UNLINKABLE, ' ').replace(/\s+/g, ' ').trim();
}

/** How an article title compares inside links: as note titles do, after `linkTitle`. */
export function linkKey(title: string): string {
  return titleKey(linkTitle(title));
}

export type ResolvedLink =
  | { kind: 'note'; note: Note; heading: string | null }
  | { kind: 'article'; article: ArticleRecord; passageId: string | null }
  | { kind: 'highlight'; highlight: Highlight; article: ArticleRecord }
  | { kind: 'tag'; tag: Tag };

/** What resolution reads: the notebook's records (a store or a transaction). */
export interface LinkSource {
  get<K extends RecordKind>(kind: K, id: string): RecordTypes[K] | undefined;
  list<K extends RecordKind>(kind: K): readonly RecordTypes[K][];
}

interface TitleTables {
  notes: Map<string, Note>;
  articles: Map<string, ArticleRecord>;
}

// Rebuilt only when a list changes (the store hands out a new array then), so resolving many links is cheap.
const tables = new WeakMap<readonly unknown[], { articles: readonly unknown[]; value: TitleTables }>();

function titleTables(source: LinkSource): TitleTables {
  const notes = source.list('note');
  const articles = source.list('article');
  const cached = tables.get(notes);
  if (cached && cached.articles === articles) return cached.value;
  const value: TitleTables = { notes: new Map(), articles: new Map() };
  for (const n of notes) if (!value.notes.has(titleKey(n.title))) value.notes.set(titleKey(n.title), n);
  // Two articles with one title: links name the first imported (completion shows source and date to tell them apart).
  for (const a of articles)
    if (!value.articles.has(linkKey(a.title))) value.articles.set(linkKey(a.title), a);
  tables.set(notes, { articles, value });
  return value;
}

export function noteByTitle(source: LinkSource, title: string): Note | undefined {
  return titleTables(source).notes.get(titleKey(title));
}

export function articleByTitle(source: LinkSource, title: string): ArticleRecord | undefined {
  return titleTables(source).articles.get(linkKey(title));
}

/** Resolves what a link names, or null when nothing in the notebook has that name (a note to create). */
export function resolveLink(source: LinkSource, full: string): ResolvedLink | null {
  const whole = noteByTitle(source, full);
  // A note really called "C# notes" or "tag:x" wins over every other reading, as for backlinks and renames.
  if (whole) return { kind: 'note', note: whole, heading: null };
  const trimmed = full.trim();
  if (trimmed.toLowerCase().startsWith(TAG_PREFIX)) {
    const tag = findTagByName(source.list('tag'), trimmed.slice(TAG_PREFIX.length));
    return tag ? { kind: 'tag', tag } : null;
  }
  const { title, block, heading } = splitTarget(trimmed);
  if (block !== null) {
    const highlight = source.get('highlight', block);
    const owner = highlight ? source.get('article', highlight.articleId) : undefined;
    if (highlight && owner) return { kind: 'highlight', highlight, article: owner };
    const article = articleByTitle(source, title);
    return article ? { kind: 'article', article, passageId: block } : null;
  }
  const note = noteByTitle(source, title);
  if (note) return { kind: 'note', note, heading };
  const article = articleByTitle(source, title);
  return article ? { kind: 'article', article, passageId: null } : null;
}
