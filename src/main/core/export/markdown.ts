import { parseCitations } from '../notes/citations';
import type { Citation } from '../notes/citations';
import { linkNames, parseWikilinks, titleKey } from '../notes/wikilinks';
import type { Highlight, Note, Tag } from '../types';
import { safeFileName } from './file-names';
import { frontMatter } from './yaml';

export interface ExportArticle {
  title: string;
  author: string | null;
  source: string | null;
  published: string | null;
  url: string | null;
}

export interface ExportContext {
  notes: Note[];
  articles: Map<string, ExportArticle>;
  highlights: Map<string, Highlight>;
  tags: Map<string, Tag>;
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
  for (const c of citations) edits.push(citationEdit(note.body, c, ctx.articles.get(c.articleId)));

  let body = note.body;
  let applied = Infinity;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    if (e.end > applied) continue; // overlapping edits (a link inside a link) would garble the text
    body = body.slice(0, e.start) + e.text + body.slice(e.end);
    applied = e.start;
  }
  if (!body.endsWith('\n')) body += '\n';

  const sources: string[] = [];
  const tags: string[] = [];
  for (const c of citations) {
    const title = ctx.articles.get(c.articleId)?.title ?? c.text;
    if (title && !sources.includes(title)) sources.push(title);
    const h = c.highlightId === null ? undefined : ctx.highlights.get(c.highlightId);
    for (const tagId of h?.tagIds ?? []) {
      const name = ctx.tags.get(tagId)?.name;
      if (name !== undefined && !tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags.push(name);
    }
  }
  const head = frontMatter([
    ['title', note.title],
    ['created', isoString(note.createdAt)],
    ['updated', isoString(note.updatedAt)],
    ['tags', tags],
    ['sources', sources],
  ]);
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
  article: ExportArticle | undefined,
): { start: number; end: number; text: string } {
  const text = attribution(article, c.text);
  const lineStart = body.lastIndexOf('\n', c.start - 1) + 1;
  if (c.text === null) {
    const autolink = body[c.start - 1] === '<' && body[c.end] === '>';
    return autolink ? { start: c.start - 1, end: c.end + 1, text } : { start: c.start, end: c.end, text };
  }
  if (ATTRIBUTION_LINE.test(body.slice(lineStart, c.start)) || c.text.trim() === '') {
    return { start: c.start, end: c.end, text };
  }
  // A citation link in prose keeps its words and gains the attribution in parentheses.
  const rawText = body.slice(c.start + 1, body.lastIndexOf('](', c.end));
  return { start: c.start, end: c.end, text: `${rawText} (${text})` };
}
