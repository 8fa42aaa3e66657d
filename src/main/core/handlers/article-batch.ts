// Library actions over many articles at once, each one commit (one undo step): code whole articles with tags,
// move articles to the Trash. And the document memo, the researcher's note on one whole article.
import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { summarize } from '../app/article-summary';
import { trashArticle } from '../app/trash';
import { makeSelectors } from '../annotate/selectors';
import { findTagByName } from '../annotate/tags';
import { QuireError } from '../errors';
import type { Highlight } from '../types';
import { requireArticle } from './article-view';
import type { Handlers } from './handler';
import { createTag, requireTag } from './tags';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

async function articleSetMemo(core: Core, { id, memo }: ApiParsedInput<'articleSetMemo'>) {
  const session = core.writable();
  const record = requireArticle(core, id);
  const { value } = await session.commit(`Edit the memo on “${record.title}”`, (tx) => {
    const current = tx.get('article', id);
    if (!current) throw new QuireError('NOT_FOUND', 'That article was deleted meanwhile.');
    const { memo: _old, ...rest } = current;
    const next = memo === '' ? rest : { ...rest, memo };
    tx.put('article', next);
    return next;
  });
  return summarize(value, session.store.highlightsOf(id));
}

/**
 * Codes each article as a whole: a highlight over its entire text carries the tags (an article already coded
 * that way gets the tags added to that highlight), so `tag:` search, the coded segments and the pictures count it.
 */
async function articleBulkTag(core: Core, { ids, tagIds, tagNames }: ApiParsedInput<'articleBulkTag'>) {
  const session = core.writable();
  const known = session.store.list('tag');
  if (tagIds.length + tagNames.length === 0)
    throw new QuireError('BAD_INPUT', 'Choose a tag to put on the articles.');
  const names = [
    ...tagIds.map((t) => requireTag(known, t).name),
    ...tagNames.map((n) => findTagByName(known, n)?.name ?? n.trim()),
  ];
  const wanted = [...new Set(ids)];
  // Texts are read before the commit (it must not wait); each whole-text span comes from its passages.
  const spans = new Map<
    string,
    { key: string; passageId: string; selectors: ReturnType<typeof makeSelectors> }
  >();
  for (const id of wanted) {
    const record = requireArticle(core, id);
    const body = await session.body(record);
    const first = body.passages[0];
    const last = body.passages.at(-1);
    if (!first || !last) continue;
    spans.set(id, {
      key: record.bodyKey ?? record.id,
      passageId: first.id,
      selectors: makeSelectors(body.text, first.start, last.end),
    });
  }
  const label = `Tag ${plural(spans.size, 'whole article')} ${names.map((n) => `“${n}”`).join(', ')}`;
  const { value } = await session.commit(label, (tx) => {
    const tags = new Set(tagIds.map((t) => requireTag(tx.list('tag'), t).id));
    for (const name of tagNames)
      tags.add((findTagByName(tx.list('tag'), name) ?? createTag(core, tx, name)).id);
    let created = 0;
    let updated = 0;
    for (const [articleId, span] of spans) {
      const current = tx.get('article', articleId);
      if (!current || (current.bodyKey ?? current.id) !== span.key) {
        throw new QuireError(
          'CONFLICT',
          'An article’s text changed while tagging; choose the articles again.',
        );
      }
      const { start, end } = span.selectors.position;
      const whole = tx
        .highlightsOf(articleId)
        .find((h) => !h.orphaned && h.position.start === start && h.position.end === end);
      if (whole) {
        const next = [...new Set([...whole.tagIds, ...tags])];
        if (next.length === whole.tagIds.length) continue;
        tx.put('highlight', { ...whole, tagIds: next });
        updated++;
        continue;
      }
      const h: Highlight = {
        id: core.ids('highlight'),
        articleId,
        passageId: span.passageId,
        tagIds: [...tags],
        ...span.selectors,
        memo: '',
        createdAt: core.now().toISOString(),
        orphaned: false,
      };
      tx.put('highlight', h);
      created++;
    }
    return { articles: spans.size, highlightsCreated: created, highlightsUpdated: updated };
  });
  return value;
}

async function articleBulkDelete(core: Core, { ids }: ApiParsedInput<'articleBulkDelete'>) {
  const session = core.writable();
  const wanted = [...new Set(ids)];
  for (const id of wanted) requireArticle(core, id);
  const now = core.now().toISOString();
  const { value } = await session.commit(`Delete ${plural(wanted.length, 'article')}`, (tx) => {
    let deleted = 0;
    let highlights = 0;
    for (const id of wanted) {
      const current = tx.get('article', id);
      if (!current) continue;
      highlights += trashArticle(tx, current, now).highlights.length;
      deleted++;
    }
    return { deleted, highlights };
  });
  return value;
}

export const articleBatchHandlers = { articleSetMemo, articleBulkTag, articleBulkDelete } satisfies Handlers<
  'articleSetMemo' | 'articleBulkTag' | 'articleBulkDelete'
>;
