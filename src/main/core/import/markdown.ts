import type { Block } from './canonical';
import { canonicalize } from './canonical';
import { parseDate } from './dates';
import { tidyInline, type FormatResult } from './format-result';
import { field, parseFrontMatter, type FrontMatter } from './front-matter';
import { safeUrl } from './safe-url';

// Every pattern below runs on imported text, so none may retry from each character of a long run. Link and
// image text excludes `[` and destinations exclude `[`: an unclosed `![` or `[` then fails at the next one
// instead of rescanning the rest of the paragraph from each. Emphasis bodies cannot cross their own
// delimiter for the same reason. (tests/core/import/regex-complexity.test.ts holds each to linear growth.)
const RAW_OPEN = /<(script|style|iframe|object|embed|svg)\b/gi;
const INLINE_RULES: [RegExp, string][] = [
  [/!\[[^[\]]*\]\([^)[\]]*\)/g, ''],
  [/!\[[^[\]]*\]\[[^[\]]*\]/g, ''],
  [/\[([^[\]]*)\]\((?:[^()[\]]|\([^()[\]]*\))*\)/g, '$1'],
  [/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1'],
  [/<(https?:\/\/[^<>\s]+)>/g, '$1'],
  [/<\/?[a-z][^<>]*>/gi, ''],
  [/\*\*(?=\S)((?:[^*]|\*(?!\*))*?\S)\*\*/g, '$1'],
  [/__(?=\S)((?:[^_]|_(?!_))*?\S)__/g, '$1'],
  [/(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1'],
  [/(?<![\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g, '$1'],
  [/~~(?=\S)((?:[^~]|~(?!~))*?\S)~~/g, '$1'],
  [/`+([^`]*)`+/g, '$1'],
  [/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1'],
];

/**
 * Raw `<script>…</script>` (and style, iframe…) elements go whole. Each opener looks for its closer once; when
 * a tag name has no closer left, later openers of that name are left for the tag rule, so the scan stays linear.
 */
function dropRawElements(s: string): string {
  let out = '';
  let from = 0;
  const unclosed = new Set<string>();
  RAW_OPEN.lastIndex = 0;
  for (let open = RAW_OPEN.exec(s); open !== null; open = RAW_OPEN.exec(s)) {
    const name = (open[1] ?? '').toLowerCase();
    if (unclosed.has(name)) continue;
    const close = new RegExp(`</${name}\\s*>`, 'gi');
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(s);
    if (!end) {
      unclosed.add(name);
      continue;
    }
    out += `${s.slice(from, open.index)} `;
    from = end.index + end[0].length;
    RAW_OPEN.lastIndex = from;
  }
  return out + s.slice(from);
}

/** Markdown inline syntax to plain text: links keep their words, images and raw HTML disappear. */
export function stripInline(s: string): string {
  return tidyInline(INLINE_RULES.reduce((text, [re, to]) => text.replace(re, to), dropRawElements(s)));
}

const HEADING = /^\s{0,3}(#{1,6})\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const LIST = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const REF_DEF = /^\s{0,3}\[[^\]]+\]:\s*\S+/;
const RAW_BLOCK = /^\s*<(script|style|iframe|object|embed|svg|noscript)\b/i;

/**
 * An ATX heading's text without its optional closing run of `#`s (CommonMark: `## Title ##`), found by a scan:
 * the lazy-group regex for it (`(.*?)\s*#*\s*$`) is cubic on a heading with a long run of spaces.
 */
function headingText(raw: string): string {
  const t = raw.trimEnd();
  let hashes = t.length;
  while (hashes > 0 && t[hashes - 1] === '#') hashes--;
  if (hashes === t.length) return t;
  return hashes === 0 || /\s/.test(t[hashes - 1] ?? '') ? t.slice(0, hashes).trimEnd() : t;
}

interface Parsed {
  blocks: Block[];
  h1: string | null;
}

function parseBody(lines: readonly string[]): Parsed {
  const blocks: Block[] = [];
  let h1: string | null = null;
  let para: string[] = [];
  let paraKind: Block['kind'] = 'paragraph';
  const flush = (): void => {
    if (para.length === 0) {
      paraKind = 'paragraph';
      return;
    }
    const text = stripInline(para.join(' '));
    if (text !== '') blocks.push({ text, kind: paraKind });
    para = [];
    paraKind = 'paragraph';
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```'); i++)
        code.push(lines[i] ?? '');
      const text = code.join('\n').trim();
      if (text !== '') blocks.push({ text, kind: 'paragraph' });
      continue;
    }
    const raw = RAW_BLOCK.exec(line);
    if (raw) {
      flush();
      const close = new RegExp(`</${raw[1] ?? ''}\\s*>`, 'i');
      while (i < lines.length && !close.test(lines[i] ?? '')) i++;
      continue;
    }
    if (line.trim() === '' || RULE.test(line) || REF_DEF.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const text = stripInline(headingText(heading[2] ?? ''));
      if (heading[1] === '#' && h1 === null && blocks.length === 0) h1 = text;
      else if (text !== '') blocks.push({ text, kind: 'heading' });
      continue;
    }
    const setext = /^\s{0,3}(=+|-+)\s*$/.exec(lines[i + 1] ?? '');
    if (setext && para.length === 0 && !LIST.test(line) && !QUOTE.test(line)) {
      const text = stripInline(line);
      if (setext[1]?.startsWith('=') && h1 === null && blocks.length === 0) h1 = text;
      else blocks.push({ text, kind: 'heading' });
      i++;
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      if (paraKind !== 'quote') flush();
      paraKind = 'quote';
      const inner = quote[1] ?? '';
      if (inner.trim() === '') flush();
      else para.push(inner.replace(/^(?:>\s?)+/, ''));
      continue;
    }
    const item = LIST.exec(line);
    if (item) {
      flush();
      paraKind = 'list';
      para.push(item[1] ?? '');
      continue;
    }
    if (paraKind === 'quote') flush();
    para.push(line.trim());
  }
  flush();
  return { blocks, h1 };
}

/** The first of these fields that holds a web or mail address: a `javascript:` url never wins over a real one. */
function firstSafeUrl(fm: FrontMatter, ...keys: string[]): string | null {
  for (const key of keys) {
    const url = safeUrl(field(fm, key));
    if (url !== null) return url;
  }
  return null;
}

export function extractMarkdown(input: string): FormatResult {
  const lines = canonicalize(input).split('\n');
  const fm = parseFrontMatter(lines);
  const { blocks, h1 } = parseBody(lines.slice(fm.bodyStart));
  let title = field(fm, 'title');
  if (title !== null) title = stripInline(title);
  if (title === null || title === '') title = h1;
  let body = blocks;
  const first = blocks[0];
  if (
    title === null &&
    first &&
    blocks.length > 1 &&
    first.text.length <= 200 &&
    !first.text.includes('\n')
  ) {
    // No declared title: a short first line stands in for one, and is not repeated as a passage.
    title = first.text;
    body = blocks.slice(1);
  }
  const dateText = field(fm, 'date', 'published', 'pubdate', 'published_at', 'created');
  const lang = field(fm, 'lang', 'language');
  return {
    title,
    author: field(fm, 'author', 'authors', 'byline'),
    published: dateText === null ? null : parseDate(dateText),
    source: field(fm, 'source', 'site', 'site_name', 'publisher', 'outlet'),
    url: firstSafeUrl(fm, 'url', 'link', 'canonical', 'canonical_url'),
    language: lang && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(lang) ? lang : null,
    blocks: body,
  };
}
