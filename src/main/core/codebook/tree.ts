// The codebook as a tree: tags nest under a parent (`parentId`, null at the top) to any depth, siblings in the
// researcher's order (`order`, then name). Pure functions of the tag list, shared by the core and the renderer,
// so the sidebar, the CLI and search agree on what a tag's path and descendants are.
import type { Tag } from '../types';

/** How a path is written between levels: `Actors / Russia / Ministry of Defence`. */
export const PATH_SEPARATOR = ' / ';

export interface TagTree {
  byId: ReadonlyMap<string, Tag>;
  /** Children of each tag id (null: the top level), in codebook order. */
  children: ReadonlyMap<string | null, readonly Tag[]>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Codebook order among siblings: manual order first, then name. */
export function compareSiblings(a: Tag, b: Tag): number {
  return a.order - b.order || collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
}

/**
 * The tree of a tag list. A tag whose parent is missing (or that sits in a loop, which commits never make but a
 * damaged file could) is shown at the top level rather than lost.
 */
export function buildTree(tags: readonly Tag[]): TagTree {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const children = new Map<string | null, Tag[]>();
  for (const t of tags) {
    const parent = t.parentId !== null && byId.has(t.parentId) && !inLoop(byId, t) ? t.parentId : null;
    const list = children.get(parent);
    if (list) list.push(t);
    else children.set(parent, [t]);
  }
  for (const list of children.values()) list.sort(compareSiblings);
  return { byId, children };
}

function inLoop(byId: ReadonlyMap<string, Tag>, tag: Tag): boolean {
  const seen = new Set<string>([tag.id]);
  for (let p = tag.parentId; p !== null; p = byId.get(p)?.parentId ?? null) {
    if (seen.has(p)) return true;
    seen.add(p);
  }
  return false;
}

/** The tag's parent in the tree as drawn (null at the top level, also for a missing or looping parent). */
export function parentOf(tree: TagTree, id: string): Tag | null {
  const tag = tree.byId.get(id);
  if (!tag || tag.parentId === null) return null;
  const parent = tree.byId.get(tag.parentId);
  return parent && (tree.children.get(parent.id) ?? []).some((c) => c.id === id) ? parent : null;
}

/** Its ancestors, nearest first. */
export function ancestorsOf(tree: TagTree, id: string): Tag[] {
  const out: Tag[] = [];
  for (let p = parentOf(tree, id); p !== null; p = parentOf(tree, p.id)) out.push(p);
  return out;
}

/** Every tag below it, depth first in codebook order (not the tag itself). */
export function descendantsOf(tree: TagTree, id: string): Tag[] {
  const out: Tag[] = [];
  const walk = (parent: string): void => {
    for (const c of tree.children.get(parent) ?? []) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

/** The names from the top level down to the tag. */
export function pathOf(tree: TagTree, id: string): string[] {
  const tag = tree.byId.get(id);
  if (!tag) return [];
  return [
    ...ancestorsOf(tree, id)
      .reverse()
      .map((t) => t.name),
    tag.name,
  ];
}

export function pathText(tree: TagTree, id: string): string {
  return pathOf(tree, id).join(PATH_SEPARATOR);
}

/** 0 at the top level. */
export function depthOf(tree: TagTree, id: string): number {
  return ancestorsOf(tree, id).length;
}

/** The tag with its descendants: what "coded with Actors" means when children count. */
export function withDescendants(tree: TagTree, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    if (!tree.byId.has(id)) continue;
    out.add(id);
    for (const d of descendantsOf(tree, id)) out.add(d.id);
  }
  return out;
}

/**
 * Whether putting `id` under `parentId` would make a loop: the new parent is the tag itself or sits inside it.
 * Returns the offending tag (the would-be parent), or null when the move is fine.
 */
export function cycleVia(tree: TagTree, id: string, parentId: string | null): Tag | null {
  if (parentId === null) return null;
  if (parentId === id) return tree.byId.get(id) ?? null;
  const parent = tree.byId.get(parentId);
  if (!parent) return null;
  return ancestorsOf(tree, parentId).some((a) => a.id === id) ? parent : null;
}

/** Every tag in codebook order (depth first), with its depth: how the sidebar and `quire tags` list it. */
export function flatten(tree: TagTree): { tag: Tag; depth: number }[] {
  const out: { tag: Tag; depth: number }[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const c of tree.children.get(parent) ?? []) {
      out.push({ tag: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A tag with its sub-tags, nested: how the exports write a codebook. */
export interface TagNode {
  tag: Tag;
  children: TagNode[];
}

/** The tree as nested nodes in codebook order, from `parent` down (the top level by default). */
export function nestedOf(tree: TagTree, parent: string | null = null): TagNode[] {
  return (tree.children.get(parent) ?? []).map((tag) => ({ tag, children: nestedOf(tree, tag.id) }));
}

/** A path as typed ("Actors/Russia", "actors / russia"): its levels, trimmed, empty levels dropped. */
export function splitPath(path: string): string[] {
  return path
    .split('/')
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter((s) => s !== '');
}

/**
 * The names a tag answers to in `tag:` search, as typed: its own name and its full path, and the same for each of
 * its ancestors, so `tag:Actors` finds everything coded under Actors and `tag:"Actors/Russia"` a path.
 */
export function searchNamesOf(tree: TagTree, id: string): string[] {
  const tag = tree.byId.get(id);
  if (!tag) return [];
  const chain = [tag, ...ancestorsOf(tree, id)];
  const out: string[] = [];
  for (let i = 0; i < chain.length; i++) {
    const t = chain[i] as Tag;
    out.push(t.name);
    if (i < chain.length - 1) {
      out.push(
        chain
          .slice(i)
          .reverse()
          .map((x) => x.name)
          .join('/'),
      );
    }
  }
  return out;
}
