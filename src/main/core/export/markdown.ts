import { parseCitations } from '../notes/citations';
import type { Citation } from '../notes/citations';
import { linkNames, parseWikilinks, titleKey } from '../notes/wikilinks';
import type { Highlight, Note, Tag } from '../types';
import { safeFileName } from './file-names';
import { parse as parseYaml } from 'yaml';
import { frontMatter } from './yaml';

export interface ExportArticle {
  title: string;
  author: string | null;
  source: string | null;
  published: string | null;
  url: string | null;
}

/** Where a citation stands: the attribution line under a quote (or a bare link), or inside a sentence. */
export type CitationForm = 'line' | 'prose';

export interface ExportContext {
  notes: Note[];
  articles: Map<string, ExportArticle>;
  highlights: Map<string, Highlight>;
  tags: Map<string, Tag>;
  /**
   * Renders a citation (Obsidian link, CSL style); by default the plain `*Title*, Author, Source, date, <url>`
   * attribution. Returns the text that replaces the link (for 'prose', what follows the link's own words).
   */
  cite?: (c: Citation, form: CitationForm) => string;
  /** Tag names as the front matter lists them (nested tag paths in a vault); the tag's name by default. */
  tagName?: (tagId: string) => string | undefined;
}

export interface ExportFile {
  fileName: string;
  noteId: string;
  content: string;
}

/**
 * File name per note id. Older notes claim names first (then by id), so a title shared by two notes gives the
 * same files on every export.
 */
export function noteFileNames(notes: readonly Note[]): Map<string, string> {
  const taken = new Set<string>();
  const ordered = [...notes].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return new Map(ordered.map((n) => [n.id, safeFileName(n.title, taken)]));
}

/** Every note as a Markdown file an Obsidian-style vault understands. */
export function exportNotes(ctx: ExportContext): ExportFile[] {
  const names = noteFileNames(ctx.notes);
  return ctx.notes.map((note) => ({
    fileName: names.get(note.id) ?? safeFileName(note.title, new Set()),
    noteId: note.id,
    content: renderNoteForExport(note, ctx, names),
  }));
}

/**
 * One note as portable Markdown: YAML front matter (title, dates, tags of the cited highlights, cited
 * sources), `[[links]]` pointed at the exported file names, and citations turned from `quire://` links, which
 * mean nothing outside Quire, into plain attributions (`*Title*, Author, Source, date, <url>`).
 */
export function renderNoteForExport(note: Note, ctx: ExportContext, fileNames?: Map<string, string>): string {
  const names = fileNames ?? noteFileNames(ctx.notes);
  const citations = parseCitations(note.body);
  const edits: { start: number; end: number; text: string }[] = [];

  const byTitle = new Map<string, Note>();
  for (const n of [...ctx.notes].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  )) {
    if (!byTitle.has(titleKey(n.title))) byTitle.set(titleKey(n.title), n);
  }
  for (const link of parseWikilinks(note.body)) {
    const name = linkNames(link).find((n) => byTitle.has(titleKey(n)));
    const target = name === undefined ? undefined : byTitle.get(titleKey(name));
    const stem = target && names.get(target.id)?.replace(/\.md$/, '');
    if (name === undefined || stem === undefined || stem === name) continue;
    // Inside a Markdown table the alias separator must stay escaped.
    const bar = note.body.slice(link.start, link.end).includes('\\|') ? '\\|' : '|';
    const heading = name === link.target && link.heading !== null ? `#${link.heading}` : '';
    edits.push({
      start: link.start,
      end: link.end,
      text: `[[${stem}${heading}${bar}${link.alias ?? name}]]`,
    });
  }
  const cite =
    ctx.cite ??
    ((c: Citation, form: CitationForm) => {
      const text = attribution(ctx.articles.get(c.articleId), c.text);
      return form === 'line' ? text : `(${text})`;
    });
  for (const c of citations) edits.push(citationEdit(note.body, c, cite));

  const { data: userFields, bodyStart } = splitFrontMatter(note.body);
  let body = note.body;
  let applied = Infinity;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    if (e.end > applied) continue; // overlapping edits (a link inside a link) would garble the text
    if (e.start < bodyStart) continue;
    body = body.slice(0, e.start) + e.text + body.slice(e.end);
    applied = e.start;
  }
  body = body.slice(bodyStart);
  if (!body.endsWith('\n')) body += '\n';

  const sources: string[] = [];
  const tags: string[] = [];
  for (const c of citations) {
    const title = ctx.articles.get(c.articleId)?.title ?? c.text;
    if (title && !sources.includes(title)) sources.push(title);
    const h = c.highlightId === null ? undefined : ctx.highlights.get(c.highlightId);
    for (const tagId of h?.tagIds ?? []) {
      const name = ctx.tagName ? ctx.tagName(tagId) : ctx.tags.get(tagId)?.name;
      if (name !== undefined && !tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags.push(name);
    }
  }
  for (const t of stringList(userFields?.tags))
    if (!tags.some((x) => x.toLowerCase() === t.toLowerCase())) tags.push(t);
  const own = ['title', 'created', 'updated', 'tags', 'sources'];
  const extra = Object.fromEntries(Object.entries(userFields ?? {}).filter(([k]) => !own.includes(k)));
  const head = frontMatter(
    [
      ['title', note.title],
      ['created', isoString(note.createdAt)],
      ['updated', isoString(note.updatedAt)],
      ['tags', tags],
      ['sources', sources],
    ],
    extra,
  );
  return `${head}\n${body}`;
}

function isoString(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

const escapeInline = (s: string): string => s.replace(/[\\`*_[\]<>]/g, '\\$&');
const ATTRIBUTION_LINE = /^\s*(?:>\s*)+[—–-]\s*$/;

/** `*Title*, Author, Source, YYYY-MM-DD, <https://…>`, leaving out what is unknown. */
export function attribution(article: ExportArticle | undefined, fallbackTitle: string | null): string {
  const title = article?.title.trim() || fallbackTitle?.trim() || 'Unknown article';
  const parts = [`*${escapeInline(title)}*`];
  for (const part of [article?.author, article?.source])
    if (part && part.trim()) parts.push(escapeInline(part.trim()));
  const date = /^\d{4}-\d{2}-\d{2}/.exec(article?.published ?? '')?.[0];
  if (date) parts.push(date);
  const url = article?.url?.trim();
  if (url && /^https?:\/\/[^\s<>]+$/i.test(url)) parts.push(`<${url}>`);
  return parts.join(', ');
}

function citationEdit(
  body: string,
  c: Citation,
  cite: (c: Citation, form: CitationForm) => string,
): { start: number; end: number; text: string } {
  const lineStart = body.lastIndexOf('\n', c.start - 1) + 1;
  if (c.text === null) {
    const text = cite(c, 'line');
    const autolink = body[c.start - 1] === '<' && body[c.end] === '>';
    return autolink ? { start: c.start - 1, end: c.end + 1, text } : { start: c.start, end: c.end, text };
  }
  if (ATTRIBUTION_LINE.test(body.slice(lineStart, c.start)) || c.text.trim() === '') {
    return { start: c.start, end: c.end, text: cite(c, 'line') };
  }
  // A citation link in prose keeps its words and gains the attribution after them.
  const rawText = body.slice(c.start + 1, body.lastIndexOf('](', c.end));
  return { start: c.start, end: c.end, text: `${rawText} ${cite(c, 'prose')}` };
}

/**
 * A note that came with its own front matter (imported from Obsidian) keeps its fields: they are read here and
 * merged into the front matter the export writes, rather than left as a second block in the body.
 */
export function splitFrontMatter(body: string): { data: Record<string, unknown> | null; bodyStart: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(body);
  if (!m) return { data: null, bodyStart: 0 };
  try {
    const data: unknown = parseYaml(m[1] ?? '', { maxAliasCount: 50, uniqueKeys: false });
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { data: null, bodyStart: 0 };
    return { data: data as Record<string, unknown>, bodyStart: m[0].length };
  } catch {
    return { data: null, bodyStart: 0 };
  }
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string')
    return v
      .split(/[,\s]+/)
      .map((t) => t.replace(/^#/, ''))
      .filter(Boolean);
  if (Array.isArray(v))
    return v.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^#/, ''));
  return [];
}
