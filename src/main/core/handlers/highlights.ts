import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { makeSelectors } from '../annotate/selectors';
import { passageAt } from '../annotate/passage-at';
import { findTagByName } from '../annotate/tags';
import { QuireError } from '../errors';
import type { Highlight } from '../types';
import type { Transaction } from '../store/transaction';
import { requireArticle } from './article-view';
import type { Handlers } from './handler';
import { createTag, requireTag } from './tags';

function requireHighlight(tx: Transaction, id: string): Highlight {
  const h = tx.get('highlight', id);
  if (!h) throw new QuireError('NOT_FOUND', 'That highlight no longer exists; it may have been deleted.');
  return h;
}

async function highlightCreate(core: Core, input: ApiParsedInput<'highlightCreate'>) {
  const { articleId, start, end, tagIds, tagNames } = input;
  const session = core.writable();
  const record = requireArticle(core, articleId);
  const body = await session.body(record);
  const selectors = makeSelectors(body.text, start, end);
  const passage = passageAt(body.passages, selectors.position.start);
  if (!passage) throw new QuireError('BAD_INPUT', 'The selection is outside the article text.');
  const known = session.store.list('tag');
  const names = [
    ...tagIds.map((t) => requireTag(known, t).name),
    ...tagNames.map((n) => findTagByName(known, n)?.name ?? n.trim()),
  ];
  const label = names.length
    ? `Tag a passage ${names.map((n) => `“${n}”`).join(', ')}`
    : 'Highlight a passage';
  const { value } = await session.commit(label, (tx) => {
    const current = tx.get('article', articleId);
    if ((current?.bodyKey ?? current?.id) !== (record.bodyKey ?? record.id)) {
      throw new QuireError(
        'CONFLICT',
        'The article’s text changed while you were selecting; select the passage again.',
      );
    }
    const ids = new Set(tagIds.map((t) => requireTag(tx.list('tag'), t).id));
    for (const name of tagNames)
      ids.add((findTagByName(tx.list('tag'), name) ?? createTag(core, tx, name)).id);
    const h: Highlight = {
      id: core.ids('highlight'),
      articleId,
      passageId: passage.id,
      tagIds: [...ids],
      ...selectors,
      memo: '',
      createdAt: core.now().toISOString(),
      orphaned: false,
    };
    tx.put('highlight', h);
    return h;
  });
  return value;
}

async function highlightUpdate(
  core: Core,
  { id, tagIds, tagNames, memo }: ApiParsedInput<'highlightUpdate'>,
) {
  const session = core.writable();
  const tags = session.store.list('tag');
  const retagged = tagIds !== undefined || tagNames.length > 0;
  const names = [
    ...(tagIds ?? []).map((t) => `“${requireTag(tags, t).name}”`),
    ...tagNames.map((n) => `“${n}”`),
  ];
  const label = retagged
    ? names.length
      ? `Tag a passage ${names.join(', ')}`
      : 'Take the tags off a passage'
    : 'Edit a highlight memo';
  const { value } = await session.commit(label, (tx) => {
    const h = requireHighlight(tx, id);
    const next: Highlight = { ...h };
    if (retagged) {
      const ids = new Set((tagIds ?? h.tagIds).map((t) => requireTag(tx.list('tag'), t).id));
      for (const name of tagNames)
        ids.add((findTagByName(tx.list('tag'), name) ?? createTag(core, tx, name)).id);
      next.tagIds = [...ids];
    }
    if (memo !== undefined) next.memo = memo;
    tx.put('highlight', next);
    return next;
  });
  return value;
}

async function highlightDelete(core: Core, { id }: { id: string }) {
  const session = core.writable();
  const { value } = await session.commit('Delete a highlight', (tx) => {
    const h = requireHighlight(tx, id);
    tx.remove('highlight', id);
    return h;
  });
  return value;
}

export const highlightHandlers = { highlightCreate, highlightUpdate, highlightDelete } satisfies Handlers<
  'highlightCreate' | 'highlightUpdate' | 'highlightDelete'
>;
