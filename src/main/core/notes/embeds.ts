// What `![[…]]` shows: a passage or highlight with its tags, an article's opening, a whole note, a tag. The same
// resolution answers "where does this link lead" for the editor and the preview.
import type { NotebookSession } from '../app/session';
import type { ArticleBody, ArticleRecord, Highlight, Passage, Tag } from '../types';
import { resolveLink, splitTarget, TAG_PREFIX } from './link-targets';
import type { EmbedView, TagRef } from './note-views';
import { articleDetail } from './suggest';

export type NotebookReader = Pick<NotebookSession, 'store' | 'body' | 'derived'>;

const OPENING_CHARS = 600;

export function tagRefs(tagIds: Iterable<string>, tagOf: (id: string) => Tag | undefined): TagRef[] {
  const out: TagRef[] = [];
  for (const id of new Set(tagIds)) {
    const tag = tagOf(id);
    if (tag) out.push({ id: tag.id, name: tag.name, color: tag.color });
  }
  return out;
}

/** Highlights on a passage: starting in it, or overlapping its range. */
export function highlightsOnPassage(highlights: readonly Highlight[], passage: Passage): Highlight[] {
  return highlights.filter(
    (h) => h.passageId === passage.id || (h.position.start < passage.end && h.position.end > passage.start),
  );
}

export async function readBody(reader: NotebookReader, article: ArticleRecord): Promise<ArticleBody | null> {
  try {
    return await reader.body(article);
  } catch {
    return null;
  }
}

export async function resolveEmbed(reader: NotebookReader, target: string): Promise<EmbedView> {
  const { store } = reader;
  const tagOf = (id: string) => store.get('tag', id);
  const resolved = resolveLink(store, target);
  if (!resolved) {
    const { title } = splitTarget(target);
    const message = title.toLowerCase().startsWith(TAG_PREFIX)
      ? `No tag called “${title.slice(TAG_PREFIX.length).trim()}” in this notebook.`
      : `Nothing called “${title}” in this notebook yet.`;
    return { target, kind: 'missing', message };
  }
  switch (resolved.kind) {
    case 'note':
      return {
        target,
        kind: 'note',
        noteId: resolved.note.id,
        title: resolved.note.title,
        body: resolved.note.body,
      };
    case 'tag': {
      const { tag } = resolved;
      const count = reader.derived.tagCounts.get(tag.id) ?? 0;
      return { target, kind: 'tag', tagId: tag.id, name: tag.name, color: tag.color, count };
    }
    case 'highlight': {
      const { highlight: h, article } = resolved;
      return {
        target,
        kind: 'passage',
        articleId: article.id,
        articleTitle: article.title,
        detail: articleDetail(article),
        passageId: h.passageId,
        highlightId: h.id,
        text: h.quote.exact,
        tags: tagRefs(h.tagIds, tagOf),
      };
    }
    case 'article': {
      const { article, passageId } = resolved;
      const body = await readBody(reader, article);
      if (!body)
        return { target, kind: 'missing', message: `The text of “${article.title}” cannot be read.` };
      const highlights = store.highlightsOf(article.id);
      if (passageId === null) {
        return {
          target,
          kind: 'article',
          articleId: article.id,
          articleTitle: article.title,
          detail: articleDetail(article),
          text: opening(body),
          tags: tagRefs(
            highlights.flatMap((h) => h.tagIds),
            tagOf,
          ),
        };
      }
      const passage = body.passages.find((p) => p.id === passageId);
      if (!passage) {
        return {
          target,
          kind: 'missing',
          message: `“${article.title}” no longer has that passage (its text was extracted again).`,
        };
      }
      return {
        target,
        kind: 'passage',
        articleId: article.id,
        articleTitle: article.title,
        detail: articleDetail(article),
        passageId,
        highlightId: null,
        text: body.text.slice(passage.start, passage.end),
        tags: tagRefs(
          highlightsOnPassage(highlights, passage).flatMap((h) => h.tagIds),
          tagOf,
        ),
      };
    }
  }
}

/** The first passages, up to about OPENING_CHARS characters. */
function opening(body: ArticleBody): string {
  const parts: string[] = [];
  let length = 0;
  for (const p of body.passages) {
    if (length >= OPENING_CHARS) break;
    const text = body.text.slice(p.start, p.end);
    parts.push(text);
    length += text.length;
  }
  const joined = parts.join('\n\n');
  return joined.length > OPENING_CHARS + 200 ? `${joined.slice(0, OPENING_CHARS).trimEnd()}…` : joined;
}
