import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { trashTag } from '../app/trash';
import { nextTagColor } from '../annotate/colors';
import { findTagByName, normalizeTagName } from '../annotate/tags';
import { QuireError } from '../errors';
import type { Tag } from '../types';
import type { Transaction } from '../store/transaction';
import type { Handlers } from './handler';

export function requireTag(tags: readonly Tag[], id: string): Tag {
  const tag = tags.find((t) => t.id === id);
  if (!tag) throw new QuireError('NOT_FOUND', 'That tag no longer exists; it may have been deleted.');
  return tag;
}

/** A new tag in the transaction, with the next free colour unless one is given. */
export function createTag(core: Core, tx: Transaction, name: string, color?: string): Tag {
  const tags = tx.list('tag');
  if (findTagByName(tags, name)) {
    throw new QuireError('CONFLICT', `A tag named “${normalizeTagName(name)}” already exists.`);
  }
  const tag: Tag = {
    id: core.ids('tag'),
    name: normalizeTagName(name),
    parentId: null,
    description: '',
    order: 0,
    color: color ?? nextTagColor(tags.map((t) => t.color)),
    memo: '',
    createdAt: core.now().toISOString(),
  };
  tx.put('tag', tag);
  return tag;
}

async function tagList(core: Core) {
  const session = core.session();
  const counts = session.derived.tagCounts;
  return session.store
    .list('tag')
    .map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function tagCreate(core: Core, { name, color }: ApiParsedInput<'tagCreate'>) {
  const session = core.writable();
  const { value } = await session.commit(`Create tag “${normalizeTagName(name)}”`, (tx) =>
    createTag(core, tx, name, color),
  );
  return value;
}

async function tagUpdate(core: Core, { id, name, color, memo }: ApiParsedInput<'tagUpdate'>) {
  const session = core.writable();
  const before = requireTag(session.store.list('tag'), id);
  const label =
    name !== undefined && normalizeTagName(name) !== before.name
      ? `Rename tag “${before.name}” to “${normalizeTagName(name)}”`
      : color !== undefined && color !== before.color
        ? `Recolour tag “${before.name}”`
        : `Edit the memo of tag “${before.name}”`;
  const { value } = await session.commit(label, (tx) => {
    const t = requireTag(tx.list('tag'), id);
    const next: Tag = { ...t };
    if (name !== undefined) {
      const clash = findTagByName(tx.list('tag'), name);
      if (clash && clash.id !== id) {
        throw new QuireError('CONFLICT', `A tag named “${normalizeTagName(name)}” already exists.`);
      }
      next.name = normalizeTagName(name);
    }
    if (color !== undefined) next.color = color;
    if (memo !== undefined) next.memo = memo;
    tx.put('tag', next);
    return next;
  });
  return value;
}

async function tagDelete(core: Core, { id, withHighlights }: ApiParsedInput<'tagDelete'>) {
  const session = core.writable();
  const tag = requireTag(session.store.list('tag'), id);
  const now = core.now().toISOString();
  const { value } = await session.commit(
    `Delete tag “${tag.name}”${withHighlights ? ' and its passages' : ''}`,
    (tx) => trashTag(tx, requireTag(tx.list('tag'), id), withHighlights, now),
  );
  return { id, highlightsUpdated: value.untagged.length, highlightsDeleted: value.highlights.length };
}

async function tagPassages(core: Core, { id }: { id: string }) {
  const { store, derived } = core.session();
  requireTag(store.list('tag'), id);
  return derived
    .articlesWithTag(id)
    .flatMap((articleId) => store.highlightsOf(articleId).filter((h) => h.tagIds.includes(id)))
    .map((highlight) => {
      const article = store.get('article', highlight.articleId);
      return {
        highlight,
        articleTitle: article?.title ?? '(deleted article)',
        articleSource: article?.source ?? null,
      };
    })
    .sort(
      (a, b) =>
        a.articleTitle.localeCompare(b.articleTitle) ||
        a.highlight.position.start - b.highlight.position.start,
    );
}

export const tagHandlers = { tagList, tagCreate, tagUpdate, tagDelete, tagPassages } satisfies Handlers<
  'tagList' | 'tagCreate' | 'tagUpdate' | 'tagDelete' | 'tagPassages'
>;
