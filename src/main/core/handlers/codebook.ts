// Reorganising the codebook (merge, split) and reading it back: coded segments and the tables behind the
// pictures. Every reorganisation is one commit with a count in its label, so one undo puts everything back.
import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import type { NotebookSession } from '../app/session';
import { normalizeTagName } from '../annotate/tags';
import type { Coding } from '../codebook/coding';
import { mergeTags, splitTag } from '../codebook/edits';
import { codeDocumentMatrix, cooccurrenceMatrix } from '../codebook/matrices';
import { findSegments, segmentCounts } from '../codebook/segments';
import { codesOverTime as timeline } from '../codebook/timeline';
import type { CodedSegment } from '../codebook/types';
import type { Handlers } from './handler';
import { createTag, requireTag } from './tags';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The notebook as retrieval reads it: the store's own lists, no copies. */
export function codingOf(session: NotebookSession): Coding {
  const { store } = session;
  return {
    tags: store.list('tag'),
    highlights: store.list('highlight'),
    article: (id) => store.get('article', id),
  };
}

async function tagMerge(core: Core, { ids, into }: ApiParsedInput<'tagMerge'>) {
  const session = core.writable();
  const tags = session.store.list('tag');
  const target = requireTag(tags, into);
  const others = [...new Set(ids)].filter((id) => id !== into).map((id) => requireTag(tags, id));
  const articles = (tagId: string) => session.derived.articlesWithTag(tagId);
  const carrying = new Set(
    others.flatMap((t) =>
      articles(t.id).flatMap((a) =>
        session.store
          .highlightsOf(a)
          .filter((h) => h.tagIds.includes(t.id))
          .map((h) => h.id),
      ),
    ),
  );
  const what = others.length === 1 ? `tag “${others[0]?.name ?? ''}”` : plural(others.length, 'tag');
  const label = `Merge ${what} into “${target.name}” (${plural(carrying.size, 'highlight')})`;
  const { value } = await session.commit(label, (tx) => mergeTags(tx, ids, into, articles));
  return {
    into: value.into,
    merged: value.merged.length,
    highlightsRetagged: value.retagged,
    duplicatesCollapsed: value.collapsed,
    subTagsMoved: value.reparented,
  };
}

async function tagSplit(core: Core, { id, highlightIds, name }: ApiParsedInput<'tagSplit'>) {
  const session = core.writable();
  const from = requireTag(session.store.list('tag'), id);
  const n = new Set(highlightIds).size;
  const label = `Split ${plural(n, 'passage')} of “${from.name}” into “${normalizeTagName(name)}”`;
  const { value } = await session.commit(label, (tx) => {
    const source = requireTag(tx.list('tag'), id);
    const tag = createTag(core, tx, name, undefined, source.parentId);
    return { tag, moved: splitTag(tx, id, highlightIds, tag) };
  });
  return value;
}

async function codedSegments(core: Core, input: ApiParsedInput<'codedSegments'>) {
  const { limit, offset, ...query } = input;
  const found = findSegments(codingOf(core.session()), query);
  const counts = segmentCounts(found);
  return {
    total: counts.segments,
    articles: counts.articles,
    perTag: counts.perTag,
    segments: found.slice(offset, offset + limit).map(({ highlight, article }): CodedSegment => ({
      highlight,
      articleTitle: article?.title ?? '(deleted article)',
      source: article?.source ?? null,
      author: article?.author ?? null,
      published: article?.published ?? null,
    })),
  };
}

async function codeMatrix(core: Core, input: ApiParsedInput<'codeMatrix'>) {
  return codeDocumentMatrix(codingOf(core.session()), input);
}

async function codeCooccurrence(core: Core, input: ApiParsedInput<'codeCooccurrence'>) {
  return cooccurrenceMatrix(codingOf(core.session()), input);
}

async function codesOverTime(core: Core, input: ApiParsedInput<'codesOverTime'>) {
  return timeline(codingOf(core.session()), input);
}

export const codebookHandlers = {
  tagMerge,
  tagSplit,
  codedSegments,
  codeMatrix,
  codeCooccurrence,
  codesOverTime,
} satisfies Handlers<
  'tagMerge' | 'tagSplit' | 'codedSegments' | 'codeMatrix' | 'codeCooccurrence' | 'codesOverTime'
>;
