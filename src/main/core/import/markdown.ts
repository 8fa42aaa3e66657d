import type { Block } from './canonical';
import { canonicalize } from './canonical';
import { parseDate } from './dates';
import { tidyInline, type FormatResult } from './format-result';
import { field, parseFrontMatter } from './front-matter';

/** Markdown inline syntax to plain text: links keep their words, images and raw HTML disappear. */
export function stripInline(s: string): string {
  return tidyInline(
    s
      .replace(/<(script|style|iframe|object|embed|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
      .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1')
      .replace(/(?<![\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g, '$1')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      .replace(/`+([^`]*)`+/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1'),
  );
}

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const LIST = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const REF_DEF = /^\s{0,3}\[[^\]]+\]:\s*\S+/;
const RAW_BLOCK = /^\s*<(script|style|iframe|object|embed|svg|noscript)\b/i;

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
      const text = stripInline(heading[2] ?? '');
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
    url: field(fm, 'url', 'link', 'canonical', 'canonical_url'),
    language: lang && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(lang) ? lang : null,
    blocks: body,
  };
}
