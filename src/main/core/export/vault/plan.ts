// Every file of an Obsidian vault export, in memory: notes (as the Markdown export writes them, with citations
// turned into links to the cited passage's block), one page per article (those with highlights or cited, or
// all) and one page per tag.
import { buildTree, flatten } from '../../codebook/tree';
import { parseCitations, type Citation } from '../../notes/citations';
import { articleItems } from '../../references/csl-items';
import { CitationRenderer } from '../../references/csl';
import { DEFAULT_CITATION_STYLE, type CitationStyle } from '../../references/style-list';
import type { Highlight } from '../../types';
import { renderNoteForExport, type CitationForm, type ExportContext } from '../markdown';
import { aliasText, blockId } from '../markdown-text';
import type { NotebookSnapshot, SnapshotArticle } from '../snapshot';
import { VaultNames, vaultPath, type VaultKind } from './names';
import { articlePage, obsidianTagOf, paragraphNumber, tagPage, type PageContext } from './pages';

export interface VaultOptions {
  /** 'used': articles with highlights or cited in a note; 'all': every article. */
  articles: 'used' | 'all';
  style: CitationStyle;
  /** Names (without `.md`) of files already in the vault that Quire did not write: never taken. */
  reserved?: Iterable<string>;
}

export interface VaultFile {
  /** Relative to the vault, `/`-separated. */
  path: string;
  /** What the file shows, e.g. `article:a12`: the same record keeps its file across exports. */
  key: string;
  kind: VaultKind;
  content: string;
}

/** Citation text for one export: the CSL style, a link to the block when the article has a page. */
export function citationRenderer(
  snapshot: NotebookSnapshot,
  style: CitationStyle,
  stems: Map<string, string> | null,
): (c: Citation, form: CitationForm) => string {
  const articles = new Map(snapshot.articles.map((a) => [a.record.id, a]));
  const renderer = new CitationRenderer(articleItems(snapshot.articles.map((a) => a.record)), style);
  return (c, form) => {
    const a = articles.get(c.articleId);
    if (!a) return form === 'line' ? `*${c.text ?? 'An article no longer in the notebook'}*` : '';
    const n = c.passageId ? paragraphNumber(a.passages, c.passageId) : undefined;
    const inText = renderer.citation(a.record.id, n);
    const stem = stems?.get(a.record.id);
    const linked = stem
      ? `[[${stem}${c.passageId ? `#^${blockId(c.passageId)}` : ''}|${aliasText(inText)}]]`
      : inText;
    return form === 'line' ? `${renderer.entry(a.record.id)} ${linked}` : linked;
  };
}

export function planVault(snapshot: NotebookSnapshot, options: VaultOptions): VaultFile[] {
  const names = new VaultNames(options.reserved);
  const stems = new Map<string, string>();
  const cited = new Set(snapshot.notes.flatMap((n) => parseCitations(n.body).map((c) => c.articleId)));
  const highlightsOf = new Map<string, Highlight[]>();
  for (const h of snapshot.highlights)
    highlightsOf.set(h.articleId, [...(highlightsOf.get(h.articleId) ?? []), h]);
  const articles = snapshot.articles.filter(
    (a) => options.articles === 'all' || highlightsOf.has(a.record.id) || cited.has(a.record.id),
  );
  const tags = new Map(snapshot.tags.map((t) => [t.id, t]));

  // Older notes claim names first, then articles, then tags: the same notebook gives the same files every time.
  const notes = [...snapshot.notes].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const noteNames = new Map(notes.map((n) => [n.id, `${names.claim(n.title)}.md`]));
  for (const a of [...articles].sort(
    (x, y) =>
      x.record.importedAt.localeCompare(y.record.importedAt) || x.record.id.localeCompare(y.record.id),
  ))
    stems.set(a.record.id, names.claim(a.record.title));
  const tree = buildTree(snapshot.tags);
  for (const { tag } of flatten(tree)) stems.set(tag.id, names.claim(tag.name));

  const ctx: ExportContext = {
    notes: snapshot.notes,
    articles: new Map(snapshot.articles.map((a) => [a.record.id, a.record])),
    highlights: new Map(snapshot.highlights.map((h) => [h.id, h])),
    tags,
    cite: citationRenderer(snapshot, options.style ?? DEFAULT_CITATION_STYLE, stems),
    tagName: (id) => (tags.has(id) ? obsidianTagOf(tree, id) : undefined),
  };
  const files: VaultFile[] = notes.map((n) => ({
    path: noteNames.get(n.id) ?? `${n.id}.md`,
    key: `note:${n.id}`,
    kind: 'note',
    content: renderNoteForExport(n, ctx, noteNames),
  }));

  const pageCtx: PageContext = { tree, stems, highlightsOf };
  for (const a of articles) {
    files.push({
      path: vaultPath('article', stems.get(a.record.id) ?? a.record.id),
      key: `article:${a.record.id}`,
      kind: 'article',
      content: articlePage(a, pageCtx),
    });
  }
  const byArticle = new Map<string, SnapshotArticle>(snapshot.articles.map((a) => [a.record.id, a]));
  for (const { tag: t } of flatten(tree)) {
    const passages = snapshot.highlights
      .filter((h) => h.tagIds.includes(t.id))
      .flatMap((h) => {
        const article = byArticle.get(h.articleId);
        return article ? [{ highlight: h, article }] : [];
      })
      .sort(
        (x, y) =>
          x.article.record.title.localeCompare(y.article.record.title) ||
          x.highlight.position.start - y.highlight.position.start,
      );
    files.push({
      path: vaultPath('tag', stems.get(t.id) ?? t.id),
      key: `tag:${t.id}`,
      kind: 'tag',
      content: tagPage(t, { ...pageCtx, children: tree.children.get(t.id) ?? [], passages }),
    });
  }
  return files;
}
