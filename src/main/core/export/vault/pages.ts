// The article and tag pages of a vault. An article page holds the text with a `^block-id` on every passage
// (so citations link to the exact passage) and a Highlights section; a tag page holds the codebook entry
// (description, memo, place in the hierarchy) and every passage coded with it, each linked to its block.
import { pathOf, type TagTree } from '../../codebook/tree';
import type { Highlight, Passage, Tag } from '../../types';
import { aliasText, blockId, escapeMarkdown, escapeMarkdownLine, obsidianTag } from '../markdown-text';
import type { SnapshotArticle } from '../snapshot';
import { frontMatter } from '../yaml';

export interface PageContext {
  tree: TagTree;
  /** Stem (file name without `.md`) of each exported article and tag page, by id. */
  stems: Map<string, string>;
  highlightsOf: Map<string, Highlight[]>;
}

export const obsidianTagOf = (tree: TagTree, id: string): string => obsidianTag(pathOf(tree, id));

function passageMarkdown(text: string, p: Passage): string {
  const id = ` ^${blockId(p.id)}`;
  const lines = escapeMarkdown(text.slice(p.start, p.end)).split('\n');
  switch (p.kind) {
    case 'heading':
      return `**${lines.join(' ')}**${id}`;
    case 'quote':
      return `${lines.map((l) => `> ${l}`).join('\n')}${id}`;
    case 'list':
      return `- ${lines.join('\n  ')}${id}`;
    default:
      return `${lines.join('\n')}${id}`;
  }
}

function quoteBlock(quote: string): string {
  return quote
    .split('\n')
    .map((l) => (l.trim() === '' ? '>' : `> ${escapeMarkdownLine(l)}`))
    .join('\n');
}

/** `¶ 12`: the passage's place in the article, as readers count paragraphs. */
export function paragraphNumber(passages: readonly Passage[], passageId: string): number | undefined {
  const i = passages.findIndex((p) => p.id === passageId);
  return i === -1 ? undefined : i + 1;
}

export function articlePage(a: SnapshotArticle, ctx: PageContext): string {
  const r = a.record;
  const stem = ctx.stems.get(r.id) ?? r.title;
  const highlights = [...(ctx.highlightsOf.get(r.id) ?? [])].sort(
    (x, y) => x.position.start - y.position.start,
  );
  const tags = [...new Set(highlights.flatMap((h) => h.tagIds.filter((t) => ctx.tree.byId.has(t))))].map(
    (t) => obsidianTagOf(ctx.tree, t),
  );
  const head = frontMatter([
    ['title', r.title],
    ['author', r.author],
    ['published', r.published],
    ['source', r.source],
    ['url', r.url],
    ['language', r.language],
    ['tags', [...new Set(tags)]],
    ['quire-id', r.id],
    ['imported', r.importedAt],
  ]);
  const parts = [head, `# ${escapeMarkdownLine(r.title)}\n`];
  if (r.memo?.trim())
    parts.push(
      `> [!note] Memo\n${r.memo
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}\n`,
    );
  parts.push(a.passages.map((p) => passageMarkdown(a.text, p)).join('\n\n') + '\n');
  if (highlights.length) {
    parts.push('## Highlights\n');
    for (const h of highlights) {
      const n = paragraphNumber(a.passages, h.passageId);
      const link = `[[${stem}#^${blockId(h.passageId)}|${n ? `¶ ${n}` : 'passage'}]]`;
      const hashtags = h.tagIds
        .filter((t) => ctx.tree.byId.has(t))
        .map((t) => `#${obsidianTagOf(ctx.tree, t)}`);
      const lines = [quoteBlock(h.quote.exact), `> — ${[link, ...hashtags].join(' ')}`];
      if (h.orphaned) lines.push('>', '> *This passage is no longer in the text (orphaned highlight).*');
      if (h.memo.trim()) lines.push('', h.memo.trim());
      parts.push(`${lines.join('\n')}\n`);
    }
  }
  return parts.join('\n');
}

export function tagPage(
  tag: Tag,
  ctx: PageContext & {
    children: readonly Tag[];
    passages: { highlight: Highlight; article: SnapshotArticle }[];
  },
): string {
  const path = pathOf(ctx.tree, tag.id);
  const parent = tag.parentId ? ctx.tree.byId.get(tag.parentId) : undefined;
  const parentStem = parent ? ctx.stems.get(parent.id) : undefined;
  const head = frontMatter([
    ['title', tag.name],
    ['path', path.join('/')],
    ['tag', obsidianTagOf(ctx.tree, tag.id)],
    ['color', tag.color],
    ['parent', parentStem ? `[[${parentStem}]]` : null],
    ['quire-id', tag.id],
  ]);
  const parts = [head, `# ${escapeMarkdownLine(path.join(' / '))}\n`];
  if (parentStem && parent) parts.push(`Part of [[${parentStem}|${aliasText(parent.name)}]].\n`);
  parts.push(tag.description.trim() ? `${tag.description.trim()}\n` : '*No description yet.*\n');
  if (tag.memo.trim()) parts.push(`## Memo\n\n${tag.memo.trim()}\n`);
  if (ctx.children.length) {
    parts.push(
      `## Subcodes\n\n${ctx.children.map((c) => `- [[${ctx.stems.get(c.id) ?? c.name}|${aliasText(c.name)}]]`).join('\n')}\n`,
    );
  }
  parts.push(`## Passages (${ctx.passages.length})\n`);
  for (const { highlight: h, article } of ctx.passages) {
    const stem = ctx.stems.get(article.record.id);
    const n = paragraphNumber(article.passages, h.passageId);
    const where = `${aliasText(article.record.title)}${n ? `, ¶ ${n}` : ''}`;
    const link = stem ? `[[${stem}#^${blockId(h.passageId)}|${where}]]` : where;
    const lines = [quoteBlock(h.quote.exact), `> — ${link}`];
    if (h.memo.trim()) lines.push('', h.memo.trim());
    parts.push(`${lines.join('\n')}\n`);
  }
  return parts.join('\n');
}
