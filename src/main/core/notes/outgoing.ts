// The links around an open note, as the side panels list them: where each `[[…]]` leads, and the passages the
// note quotes or links to (citations, `[[Article#^id]]`, embeds), each with its article and tags.
import type { ArticleBody, ArticleRecord } from '../types';
import { highlightsOnPassage, readBody, tagRefs, type NotebookReader } from './embeds';
import { resolveLink } from './link-targets';
import type { CitedPassage, OutgoingLink } from './note-views';
import { linksOf } from './parsed-links';
import { articleDetail } from './suggest';
import type { Note } from '../types';

export function outgoingLinks(reader: NotebookReader, note: Note): OutgoingLink[] {
  const out: OutgoingLink[] = [];
  const seen = new Set<string>();
  for (const link of linksOf(note).wikilinks) {
    const key = `${link.embed ? '!' : ''}${link.fullTarget.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(describe(reader, link.fullTarget, link.target, link.embed));
  }
  return out;
}

function describe(reader: NotebookReader, target: string, title: string, embed: boolean): OutgoingLink {
  const base = { target, embed, articleId: null, passageId: null };
  const r = resolveLink(reader.store, target);
  if (!r) return { ...base, kind: 'missing', id: null, title };
  switch (r.kind) {
    case 'note':
      return { ...base, kind: 'note', id: r.note.id, title: r.note.title };
    case 'tag':
      return { ...base, kind: 'tag', id: r.tag.id, title: r.tag.name };
    case 'highlight':
      return {
        ...base,
        kind: 'highlight',
        id: r.highlight.id,
        articleId: r.article.id,
        passageId: r.highlight.passageId,
        title: r.article.title,
      };
    case 'article':
      return r.passageId === null
        ? { ...base, kind: 'article', id: r.article.id, articleId: r.article.id, title: r.article.title }
        : {
            ...base,
            kind: 'passage',
            id: r.article.id,
            articleId: r.article.id,
            passageId: r.passageId,
            title: r.article.title,
          };
  }
}

interface Cite {
  articleId: string;
  passageId: string | null;
  highlightId: string | null;
}

/** Every passage the note quotes or links to, in the order the note first does, each once. */
export async function citedPassages(reader: NotebookReader, note: Note): Promise<CitedPassage[]> {
  const { store } = reader;
  const { wikilinks, citations } = linksOf(note);
  const refs: (Cite & { at: number })[] = citations.map((c) => ({ ...c, at: c.start }));
  for (const link of wikilinks) {
    const r = resolveLink(store, link.fullTarget);
    if (r?.kind === 'highlight')
      refs.push({
        articleId: r.article.id,
        passageId: r.highlight.passageId,
        highlightId: r.highlight.id,
        at: link.start,
      });
    else if (r?.kind === 'article' && r.passageId !== null)
      refs.push({ articleId: r.article.id, passageId: r.passageId, highlightId: null, at: link.start });
  }
  refs.sort((a, b) => a.at - b.at);
  const bodies = new Map<string, ArticleBody | null>();
  const out: CitedPassage[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const article = store.get('article', ref.articleId);
    if (!article) continue;
    const cited = await describeCite(reader, article, ref, bodies);
    if (!cited) continue;
    const key = `${cited.articleId}\u0000${cited.passageId}\u0000${cited.highlightId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(cited);
  }
  return out;
}

async function describeCite(
  reader: NotebookReader,
  article: ArticleRecord,
  ref: Cite,
  bodies: Map<string, ArticleBody | null>,
): Promise<CitedPassage | null> {
  const { store } = reader;
  const tagOf = (id: string) => store.get('tag', id);
  const base = { articleId: article.id, articleTitle: article.title, detail: articleDetail(article) };
  const highlight = ref.highlightId ? store.get('highlight', ref.highlightId) : undefined;
  if (highlight && highlight.articleId === article.id) {
    return {
      ...base,
      passageId: highlight.passageId,
      highlightId: highlight.id,
      text: highlight.quote.exact,
      tags: tagRefs(highlight.tagIds, tagOf),
    };
  }
  if (ref.passageId === null) return null;
  if (!bodies.has(article.id)) bodies.set(article.id, await readBody(reader, article));
  const body = bodies.get(article.id);
  const passage = body?.passages.find((p) => p.id === ref.passageId);
  if (!body || !passage) return null;
  return {
    ...base,
    passageId: passage.id,
    highlightId: null,
    text: body.text.slice(passage.start, passage.end),
    tags: tagRefs(
      highlightsOnPassage(store.highlightsOf(article.id), passage).flatMap((h) => h.tagIds),
      tagOf,
    ),
  };
}
