// The codebook as a tree: tags hang under `parentId`. Pure functions over a list of tags, cycle-safe (a damaged
// or hand-edited notebook may hold a loop; a path then stops where it would repeat).
import type { Tag } from '../types';

type TagLike = Pick<Tag, 'id' | 'name' | 'parentId'>;

/** The names from the top of the codebook down to the tag: `["Actors", "Russia"]`; [] for an unknown id. */
export function tagPath(tags: readonly TagLike[] | ReadonlyMap<string, TagLike>, id: string): string[] {
  const byId = tags instanceof Map ? tags : new Map((tags as readonly TagLike[]).map((t) => [t.id, t]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let t = byId.get(id); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
    seen.add(t.id);
    names.unshift(t.name);
  }
  return names;
}

/** The path written out: `Actors/Russia` (a `/` inside a name stays as written). */
export function tagPathName(tags: readonly TagLike[] | ReadonlyMap<string, TagLike>, id: string): string {
  return tagPath(tags, id).join('/');
}

/** Siblings in the codebook's order: by hand-set order, then by name, then by id (stable everywhere). */
export function compareSiblings(a: Pick<Tag, 'order' | 'name' | 'id'>, b: typeof a): number {
  return a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

export interface TagNode<T extends TagLike = Tag> {
  tag: T;
  children: TagNode<T>[];
}

/**
 * The codebook as a forest in display order. A tag whose parent is missing, or that sits in a loop, is shown at
 * the top rather than lost.
 */
export function tagForest<T extends TagLike & Pick<Tag, 'order'>>(tags: readonly T[]): TagNode<T>[] {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const nodes = new Map(tags.map((t) => [t.id, { tag: t, children: [] as TagNode<T>[] }]));
  const roots: TagNode<T>[] = [];
  for (const t of tags) {
    const node = nodes.get(t.id);
    if (!node) continue;
    const parent = t.parentId ? nodes.get(t.parentId) : undefined;
    if (parent && !inLoop(byId, t.id)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TagNode<T>[]): void => {
    list.sort((a, b) => compareSiblings(a.tag, b.tag));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

function inLoop(byId: ReadonlyMap<string, TagLike>, id: string): boolean {
  const seen = new Set<string>();
  for (let t = byId.get(id); t; t = t.parentId ? byId.get(t.parentId) : undefined) {
    if (seen.has(t.id)) return true;
    seen.add(t.id);
  }
  return false;
}

/** Every tag, parents before children, siblings in order. */
export function tagsInTreeOrder<T extends TagLike & Pick<Tag, 'order'>>(tags: readonly T[]): T[] {
  const out: T[] = [];
  const walk = (list: TagNode<T>[]): void => {
    for (const n of list) {
      out.push(n.tag);
      walk(n.children);
    }
  };
  walk(tagForest(tags));
  return out;
}
