import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { trashTag } from '../app/trash';
import { nextTagColor } from '../annotate/colors';
import { findTagByName, normalizeTagName } from '../annotate/tags';
import { moveTag, nextOrder } from '../codebook/edits';
import { buildTree, pathText, withDescendants } from '../codebook/tree';
import { QuireError } from '../errors';
import type { Tag } from '../types';
import type { Transaction } from '../store/transaction';
import type { Handlers } from './handler';

export function requireTag(tags: readonly Tag[], id: string): Tag {
  const tag = tags.find((t) => t.id === id);
  if (!tag) throw new QuireError('NOT_FOUND', 'That tag no longer exists; it may have been deleted.');
  return tag;
}

/** A new tag in the transaction (last among its siblings), with the next free colour unless one is given. */
export function createTag(
  core: Core,
  tx: Transaction,
  name: string,
  color?: string,
  parentId: string | null = null,
): Tag {
  const tags = tx.list('tag');
  if (findTagByName(tags, name)) {
    throw new QuireError('CONFLICT', `A tag named “${normalizeTagName(name)}” already exists.`);
  }
  if (parentId !== null) requireTag(tags, parentId);
  const tag: Tag = {
    id: core.ids('tag'),
    name: normalizeTagName(name),
    parentId,
    description: '',
    order: nextOrder(tags, parentId),
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

async function tagCreate(core: Core, { name, color, parentId }: ApiParsedInput<'tagCreate'>) {
  const session = core.writable();
  const tags = session.store.list('tag');
  const under = parentId ? ` under “${pathText(buildTree(tags), requireTag(tags, parentId).id)}”` : '';
  const { value } = await session.commit(`Create tag “${normalizeTagName(name)}”${under}`, (tx) =>
    createTag(core, tx, name, color, parentId ?? null),
  );
  return value;
}

/** What an edit did, in the words of the Edit menu ("Move tag “Russia” under “Actors”"). */
function updateLabel(before: Tag, tags: readonly Tag[], input: ApiParsedInput<'tagUpdate'>): string {
  const { name, color, memo, description, parentId, before: place } = input;
  const parts: string[] = [];
  if (name !== undefined && normalizeTagName(name) !== before.name)
    parts.push(`Rename tag “${before.name}” to “${normalizeTagName(name)}”`);
  if (parentId !== undefined && parentId !== before.parentId) {
    const tree = buildTree(tags);
    parts.push(
      parentId === null
        ? `Move tag “${before.name}” to the top level`
        : `Move tag “${before.name}” under “${tree.byId.has(parentId) ? pathText(tree, parentId) : 'another tag'}”`,
    );
  } else if (place !== undefined) parts.push(`Reorder tag “${before.name}”`);
  if (color !== undefined && color !== before.color) parts.push(`Recolour tag “${before.name}”`);
  if (description !== undefined && description !== before.description)
    parts.push(`Edit the description of tag “${before.name}”`);
  if (memo !== undefined && memo !== before.memo) parts.push(`Edit the memo of tag “${before.name}”`);
  if (parts.length === 0) return `Edit tag “${before.name}”`;
  return parts.length === 1 ? (parts[0] as string) : `${parts[0]} (and more)`;
}

async function tagUpdate(core: Core, input: ApiParsedInput<'tagUpdate'>) {
  const { id, name, color, memo, description, parentId, before: place } = input;
  const session = core.writable();
  const tags = session.store.list('tag');
  const before = requireTag(tags, id);
  const { value } = await session.commit(updateLabel(before, tags, input), (tx) => {
    let next: Tag = requireTag(tx.list('tag'), id);
    if (parentId !== undefined || place !== undefined) next = moveTag(tx, id, { parentId, before: place });
    next = { ...next };
    if (name !== undefined) {
      const clash = findTagByName(tx.list('tag'), name);
      if (clash && clash.id !== id) {
        throw new QuireError(
          'CONFLICT',
          `A tag named “${clash.name}” already exists: merge “${next.name}” into it, or choose another name.`,
        );
      }
      next.name = normalizeTagName(name);
    }
    if (color !== undefined) next.color = color;
    if (memo !== undefined) next.memo = memo;
    if (description !== undefined) next.description = description;
    tx.put('tag', next);
    return next;
  });
  return value;
}

async function tagDelete(core: Core, { id, withHighlights }: ApiParsedInput<'tagDelete'>) {
  const session = core.writable();
  const tags = session.store.list('tag');
  const tag = requireTag(tags, id);
  const children = buildTree(tags).children.get(id)?.length ?? 0;
  const now = core.now().toISOString();
  const moved = children ? `; its ${children} sub-tag${children === 1 ? ' moves' : 's move'} up a level` : '';
  const { value } = await session.commit(
    `Delete tag “${tag.name}”${withHighlights ? ' and its passages' : ''}${moved}`,
    (tx) => trashTag(tx, requireTag(tx.list('tag'), id), withHighlights, now),
  );
  return {
    id,
    highlightsUpdated: value.untagged.length,
    highlightsDeleted: value.highlights.length,
    childrenMoved: children,
  };
}

async function tagPassages(core: Core, { id, includeChildren }: ApiParsedInput<'tagPassages'>) {
  const { store, derived } = core.session();
  const tags = store.list('tag');
  requireTag(tags, id);
  const wanted = includeChildren ? withDescendants(buildTree(tags), [id]) : new Set([id]);
  const articles = new Set([...wanted].flatMap((t) => derived.articlesWithTag(t)));
  return [...articles]
    .flatMap((articleId) => store.highlightsOf(articleId).filter((h) => h.tagIds.some((t) => wanted.has(t))))
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
