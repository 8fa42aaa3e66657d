// Reorganising the codebook inside one change set: move a tag (no loops), merge tags into one, split passages
// off into a new tag. Each stages its changes in the transaction and says what it touched, so the handler can put
// a count in the label ("Merge 2 tags into “Actors” (412 highlights)") and undo restores everything in one step.
import { QuireError } from '../errors';
import type { Transaction } from '../store/transaction';
import type { Highlight, Tag } from '../types';
import { buildTree, cycleVia, parentOf, pathText } from './tree';

/** Highlights carrying any of `tagIds`, found through the articles known to carry them (see Derived). */
export function highlightsCarrying(
  tx: Transaction,
  articleIds: Iterable<string>,
  tagIds: ReadonlySet<string>,
): Highlight[] {
  const out: Highlight[] = [];
  for (const articleId of new Set(articleIds)) {
    for (const h of tx.highlightsOf(articleId)) if (h.tagIds.some((t) => tagIds.has(t))) out.push(h);
  }
  return out;
}

export interface MoveRequest {
  /** The new parent (null: the top level); undefined keeps the parent. */
  parentId?: string | null | undefined;
  /** The sibling to sit before (null: last); undefined keeps the place when the parent stays. */
  before?: string | null | undefined;
}

/**
 * Puts a tag under another (or at the top level) and/or at a place among its siblings. Siblings are renumbered
 * 0, 1, 2… in their new order, so a manual order survives whatever names come later. Refuses loops.
 */
export function moveTag(tx: Transaction, id: string, request: MoveRequest): Tag {
  const tags = tx.list('tag');
  const tree = buildTree(tags);
  const tag = tree.byId.get(id);
  if (!tag) throw new QuireError('NOT_FOUND', 'That tag no longer exists; it may have been deleted.');
  const parentId = request.parentId === undefined ? tag.parentId : request.parentId;
  if (parentId !== null && !tree.byId.has(parentId))
    throw new QuireError('NOT_FOUND', 'The tag to move it under no longer exists; choose another.');
  const loop = cycleVia(tree, id, parentId);
  if (loop) {
    throw new QuireError(
      'BAD_INPUT',
      loop.id === id
        ? `A tag cannot sit under itself: choose another parent for “${tag.name}”.`
        : `“${tag.name}” cannot go under “${pathText(tree, loop.id)}”, which sits inside it; move “${loop.name}” out first or choose another parent.`,
    );
  }
  const siblings = (tree.children.get(parentId) ?? []).filter((t) => t.id !== id);
  let at = siblings.length;
  if (request.before !== undefined && request.before !== null) {
    const i = siblings.findIndex((t) => t.id === request.before);
    if (i < 0) throw new QuireError('BAD_INPUT', 'The tag to place it before is not among its new siblings.');
    at = i;
  } else if (request.before === undefined && parentId === tag.parentId) {
    // Same parent, no place asked: it keeps its place.
    const current = (tree.children.get(parentId) ?? []).findIndex((t) => t.id === id);
    at = current < 0 ? siblings.length : current;
  }
  const ordered = [...siblings.slice(0, at), tag, ...siblings.slice(at)];
  let moved = tag;
  ordered.forEach((t, order) => {
    const next = t.id === id ? { ...t, parentId, order } : t.order === order ? t : { ...t, order };
    if (next !== t) tx.put('tag', next);
    if (t.id === id) moved = next;
  });
  return moved;
}

/** Where a new tag goes among its siblings: last. */
export function nextOrder(tags: readonly Tag[], parentId: string | null): number {
  const siblings = tags.filter((t) => t.parentId === parentId);
  return siblings.length === 0 ? 0 : Math.max(...siblings.map((t) => t.order)) + 1;
}

export interface MergeResult {
  into: Tag;
  /** Tags folded in (gone now). */
  merged: Tag[];
  /** Highlights that carried a merged tag and now carry `into`. */
  retagged: number;
  /** Highlights removed because another on the same span now carries the same tag (their memos kept). */
  collapsed: number;
  /** Sub-tags of the merged tags now under `into`. */
  reparented: number;
}

/**
 * Folds `ids` into `into`: every highlight carrying one of them carries `into` instead; two highlights on the same
 * span of the same article that both end up carrying `into` become one (tags united, memos kept side by side);
 * the merged tags' memos and descriptions are appended to `into`'s; their sub-tags move under `into`. If `into`
 * sat inside a merged tag it moves up to the nearest ancestor that stays.
 */
export function mergeTags(
  tx: Transaction,
  ids: readonly string[],
  intoId: string,
  articlesWith: (tagId: string) => Iterable<string>,
): MergeResult {
  const tree = buildTree(tx.list('tag'));
  const into = tree.byId.get(intoId);
  if (!into) throw new QuireError('NOT_FOUND', 'The tag to merge into no longer exists.');
  const merged: Tag[] = [];
  for (const id of new Set(ids)) {
    if (id === intoId) continue;
    const t = tree.byId.get(id);
    if (!t) throw new QuireError('NOT_FOUND', 'A tag to merge no longer exists; it may have been deleted.');
    merged.push(t);
  }
  if (merged.length === 0)
    throw new QuireError('BAD_INPUT', 'Choose at least one other tag to merge into this one.');
  const gone = new Set(merged.map((t) => t.id));

  let retagged = 0;
  const touched = new Map<string, Highlight>();
  const articles = merged.flatMap((t) => [...articlesWith(t.id)]);
  for (const h of highlightsCarrying(tx, articles, gone)) {
    const tagIds = [...new Set(h.tagIds.map((t) => (gone.has(t) ? intoId : t)))];
    const next = { ...h, tagIds };
    tx.put('highlight', next);
    touched.set(h.id, next);
    retagged++;
  }
  const collapsed = collapseDuplicates(tx, [...touched.values()], intoId);

  let parentId = into.parentId;
  while (parentId !== null && gone.has(parentId)) parentId = tree.byId.get(parentId)?.parentId ?? null;
  const memo = joinTexts(into.memo, merged, (t) => t.memo);
  const description = joinTexts(into.description, merged, (t) => t.description);
  const next: Tag = { ...into, parentId, memo, description };
  tx.put('tag', next);

  let reparented = 0;
  for (const t of tx.list('tag')) {
    if (t.id === intoId || gone.has(t.id) || t.parentId === null || !gone.has(t.parentId)) continue;
    tx.put('tag', { ...t, parentId: intoId });
    reparented++;
  }
  for (const t of merged) tx.remove('tag', t.id);
  return { into: next, merged, retagged, collapsed, reparented };
}

/** `base`, then each merged tag's text under its name, so nothing written is lost and its origin stays clear. */
function joinTexts(base: string, merged: readonly Tag[], text: (t: Tag) => string): string {
  const parts = base.trim() ? [base.trim()] : [];
  for (const t of merged) {
    const s = text(t).trim();
    if (s && !parts.includes(s)) parts.push(parts.length === 0 ? s : `From “${t.name}”: ${s}`);
  }
  return parts.join('\n\n');
}

/**
 * Of the retagged highlights, those sharing an exact span (same article, start and end) with another highlight
 * that carries `tagId` are folded into the oldest: one passage coded once, with every tag and memo it had.
 */
function collapseDuplicates(tx: Transaction, retagged: Highlight[], tagId: string): number {
  const byArticle = new Map<string, Highlight[]>();
  for (const h of retagged) {
    const list = byArticle.get(h.articleId);
    if (list) list.push(h);
    else byArticle.set(h.articleId, [h]);
  }
  let removed = 0;
  for (const [articleId, mine] of byArticle) {
    const spans = new Set(mine.map(spanKey));
    const groups = new Map<string, Highlight[]>();
    for (const h of tx.highlightsOf(articleId)) {
      const key = spanKey(h);
      if (!spans.has(key) || !h.tagIds.includes(tagId)) continue;
      const g = groups.get(key);
      if (g) g.push(h);
      else groups.set(key, [h]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      const [keep, ...rest] = group as [Highlight, ...Highlight[]];
      const memos = group.map((h) => h.memo.trim()).filter((m, i, all) => m !== '' && all.indexOf(m) === i);
      tx.put('highlight', {
        ...keep,
        tagIds: [...new Set(group.flatMap((h) => h.tagIds))],
        memo: memos.join('\n\n'),
        orphaned: group.every((h) => h.orphaned),
      });
      for (const h of rest) tx.remove('highlight', h.id);
      removed += rest.length;
    }
  }
  return removed;
}

const spanKey = (h: Highlight): string => `${h.position.start}:${h.position.end}`;

/**
 * Moves chosen highlights of `fromId` to `to` (a tag made in the same transaction): each loses `fromId` and
 * carries `to` instead. Highlights that do not carry `fromId` are refused, so a stale selection changes nothing.
 */
export function splitTag(tx: Transaction, fromId: string, highlightIds: readonly string[], to: Tag): number {
  let moved = 0;
  for (const id of new Set(highlightIds)) {
    const h = tx.get('highlight', id);
    if (!h || !h.tagIds.includes(fromId)) {
      throw new QuireError(
        'CONFLICT',
        'One of the chosen passages no longer carries this tag; choose the passages again.',
      );
    }
    tx.put('highlight', { ...h, tagIds: [...new Set(h.tagIds.map((t) => (t === fromId ? to.id : t)))] });
    moved++;
  }
  return moved;
}

/** The sub-tags of a tag being deleted move up one level, to its parent, in its place among the siblings. */
export function liftChildren(tx: Transaction, tag: Tag): number {
  const tree = buildTree(tx.list('tag'));
  const children = tree.children.get(tag.id) ?? [];
  if (children.length === 0) return 0;
  const parentId = parentOf(tree, tag.id)?.id ?? null;
  const siblings = tree.children.get(parentId) ?? [];
  const at = siblings.findIndex((t) => t.id === tag.id);
  const ordered =
    at < 0 ? [...siblings, ...children] : [...siblings.slice(0, at), ...children, ...siblings.slice(at + 1)];
  ordered.forEach((t, order) => {
    if (t.parentId !== parentId || t.order !== order) tx.put('tag', { ...t, parentId, order });
  });
  return children.length;
}
