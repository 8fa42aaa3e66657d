// Tags with counts (sidebar), the chosen tag's passages, and tag editing.
import type { CommitEvent, TaggedPassage, TagSummary } from '../../../main/core/api-contract';
import { findTagByName } from '../../../main/core/annotate/tags';
import { buildTree, flatten, pathText, splitPath, withDescendants } from '../../../main/core/codebook/tree';
import { ApiCallError, api } from '../lib/api-client';
import { load, save } from '../lib/persist';
import { history } from './history.svelte';
import { ui } from './ui.svelte';

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

class TagsState {
  list = $state.raw<TagSummary[]>([]);
  selectedId = $state<string | null>(null);
  passages = $state.raw<TaggedPassage[]>([]);
  passagesLoading = $state(false);

  /** Tags whose sub-tags are hidden in the sidebar. */
  collapsed = $state<string[]>(load('collapsedTags', [], isIdList));
  /** Counts (and a tag's passages) include its sub-tags'. */
  withChildren = $state(load('countSubTags', false, (v): v is boolean => typeof v === 'boolean'));

  byId = $derived(new Map(this.list.map((t) => [t.id, t])));
  selected = $derived(this.selectedId ? (this.byId.get(this.selectedId) ?? null) : null);
  tree = $derived(buildTree(this.list));
  /** The codebook as the sidebar draws it: depth-first, with depth, collapsed branches left out. */
  rows = $derived.by(() => {
    const hidden = new Set(this.collapsed);
    const out: { tag: TagSummary; depth: number; parent: boolean }[] = [];
    let skipBelow = Infinity;
    for (const { tag, depth } of flatten(this.tree)) {
      if (depth > skipBelow) continue;
      skipBelow = hidden.has(tag.id) ? depth : Infinity;
      const t = this.byId.get(tag.id);
      if (t) out.push({ tag: t, depth, parent: (this.tree.children.get(t.id)?.length ?? 0) > 0 });
    }
    return out;
  });

  /** The tag's count, or with its sub-tags' added (a passage coded with both counts once per tag). */
  countOf(id: string): number {
    if (!this.withChildren) return this.byId.get(id)?.count ?? 0;
    let n = 0;
    for (const t of withDescendants(this.tree, [id])) n += this.byId.get(t)?.count ?? 0;
    return n;
  }

  path(id: string): string {
    return pathText(this.tree, id);
  }

  toggle(id: string): void {
    this.collapsed = this.collapsed.includes(id)
      ? this.collapsed.filter((x) => x !== id)
      : [...this.collapsed, id];
    save('collapsedTags', this.collapsed);
  }

  setWithChildren(on: boolean): void {
    this.withChildren = on;
    save('countSubTags', on);
    if (this.selectedId) void this.loadPassages();
  }

  async load(): Promise<void> {
    try {
      this.list = await api.tagList({});
      if (this.selectedId && !this.byId.has(this.selectedId)) this.selectedId = null;
      if (this.selectedId) await this.loadPassages();
    } catch (e) {
      ui.error(e);
    }
  }

  /** Applies a committed change set: tags added, renamed, recoloured or gone, and the counts that moved. */
  apply(e: CommitEvent): void {
    const counts: Record<string, number> = Object.fromEntries(this.list.map((t) => [t.id, t.count]));
    Object.assign(counts, e.tagCounts);
    let list = this.list;
    let changed = Object.keys(e.tagCounts).length > 0;
    for (const r of e.records) {
      if (r.kind !== 'tag') continue;
      changed = true;
      list = list.filter((t) => t.id !== r.id);
      if (r.after) list = [...list, { ...r.after, count: counts[r.id] ?? 0 }];
    }
    if (!changed) return;
    this.list = list
      .map((t) => ({ ...t, count: counts[t.id] ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (this.selectedId && !this.byId.has(this.selectedId)) {
      this.selectedId = null;
      if (ui.center === 'tag') ui.center = 'library';
    } else if (
      this.selectedId &&
      ui.center === 'tag' &&
      e.records.some((r) => r.kind === 'highlight' || r.kind === 'article')
    ) {
      void this.loadPassages();
    }
  }

  async choose(id: string): Promise<void> {
    this.selectedId = id;
    ui.center = 'tag';
    await this.loadPassages();
  }

  async loadPassages(): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    this.passagesLoading = true;
    try {
      const passages = await api.tagPassages({ id, includeChildren: this.withChildren });
      if (this.selectedId === id) this.passages = passages;
    } catch (e) {
      ui.error(e);
    } finally {
      this.passagesLoading = false;
    }
  }

  /** Renaming onto a name another tag has is a merge: the researcher is asked, and one undo takes it back. */
  async rename(id: string, current: string): Promise<void> {
    let clash: TagSummary | null = null;
    await ui.ask({
      title: 'Rename tag',
      label: 'Tag name',
      value: current,
      submitLabel: 'Rename',
      submit: async (name) => {
        try {
          await api.tagUpdate({ id, name });
        } catch (e) {
          const other = this.byId.get(findTagByName(this.list, name)?.id ?? '');
          if (!(e instanceof ApiCallError) || e.code !== 'CONFLICT' || !other || other.id === id) throw e;
          clash = other;
        }
      },
    });
    const into: TagSummary | null = clash;
    if (into) await this.offerMerge([id], into);
  }

  async offerMerge(ids: string[], into: TagSummary): Promise<void> {
    const from = ids.map((i) => this.byId.get(i)).filter((t) => t !== undefined);
    const n = from.reduce((sum, t) => sum + t.count, 0);
    const names = from.map((t) => `“${t.name}”`).join(', ');
    const picked = await ui.choose(
      'Merge tags?',
      `A tag named “${into.name}” already exists. Merge ${names} into it? ${plural(n, 'highlight')} will carry “${into.name}”; memos and sub-tags are kept. Undo takes it back.`,
      [{ id: 'merge', label: `Merge into “${into.name}”` }],
    );
    if (picked === 'merge') await this.merge(ids, into.id);
  }

  async merge(ids: string[], into: string): Promise<void> {
    try {
      const r = await api.tagMerge({ ids, into });
      const extra = r.duplicatesCollapsed ? `, ${plural(r.duplicatesCollapsed, 'duplicate')} collapsed` : '';
      ui.toast(
        `Merged ${plural(r.merged, 'tag')} into “${r.into.name}” (${plural(r.highlightsRetagged, 'highlight')} retagged${extra}).`,
        { action: { label: 'Undo', run: () => history.undo() } },
      );
      if (this.selectedId && ids.includes(this.selectedId)) void this.choose(r.into.id);
    } catch (e) {
      ui.error(e);
    }
  }

  /** Merge into another tag, named by name or path. */
  async mergeInto(id: string): Promise<void> {
    await ui.ask({
      title: 'Merge tag',
      label: `Merge “${this.byId.get(id)?.name ?? ''}” into the tag`,
      value: '',
      submitLabel: 'Merge',
      submit: async (name) => {
        const into = this.byPath(name);
        if (!into) throw new Error(`No tag is called “${name}”. Type its name or its path (Actors/Russia).`);
        if (into.id === id) throw new Error('A tag cannot be merged into itself.');
        await this.merge([id], into.id);
      },
    });
  }

  /** A tag by its name or its path as typed ("Actors/Russia"). */
  byPath(typed: string): TagSummary | null {
    const levels = splitPath(typed).map((l) => l.toLowerCase());
    if (levels.length === 0) return null;
    if (levels.length === 1)
      return this.byId.get(findTagByName(this.list, levels[0] ?? '')?.id ?? '') ?? null;
    const want = levels.join('/');
    return this.list.find((t) => splitPath(this.path(t.id)).join('/').toLowerCase() === want) ?? null;
  }

  /** Moves a tag under another (null: the top level); a loop is refused by the core with a clear message. */
  async move(id: string, parentId: string | null): Promise<void> {
    try {
      await api.tagUpdate({ id, parentId });
    } catch (e) {
      ui.error(e);
    }
  }

  /** The keyboard way to move: type the new parent's name or path; empty for the top level. */
  async askMove(id: string): Promise<void> {
    await ui.ask({
      title: 'Move tag',
      label: `Put “${this.byId.get(id)?.name ?? ''}” under (name or path; leave empty for the top level)`,
      value: '',
      submitLabel: 'Move',
      allowEmpty: true,
      submit: async (typed) => {
        const parent = typed.trim() === '' ? null : this.byPath(typed);
        if (typed.trim() !== '' && !parent) throw new Error(`No tag is called “${typed}”.`);
        await api.tagUpdate({ id, parentId: parent?.id ?? null });
      },
    });
  }

  async create(parentId: string | null): Promise<void> {
    await ui.ask({
      title: parentId ? `New tag under “${this.path(parentId)}”` : 'New tag',
      label: 'Tag name',
      value: '',
      submitLabel: 'Create',
      submit: async (name) => {
        await api.tagCreate({ name, parentId });
      },
    });
  }

  async editText(id: string, field: 'description' | 'memo'): Promise<void> {
    const tag = this.byId.get(id);
    if (!tag) return;
    await ui.ask({
      title: field === 'memo' ? 'Code memo' : 'Tag description',
      label:
        field === 'memo' ? `Memo on “${tag.name}”` : `What “${tag.name}” means, when to apply it, an example`,
      value: tag[field],
      submitLabel: 'Save',
      multiline: true,
      submit: async (value) => {
        await api.tagUpdate({ id, [field]: value });
      },
    });
  }

  /** Moves the chosen passages of a tag to a new tag beside it. */
  async split(id: string, highlightIds: string[]): Promise<void> {
    await ui.ask({
      title: 'Split tag',
      label: `New tag for the ${plural(highlightIds.length, 'chosen passage')}`,
      value: '',
      submitLabel: 'Split',
      submit: async (name) => {
        const r = await api.tagSplit({ id, highlightIds, name });
        ui.toast(`Moved ${plural(r.moved, 'passage')} to “${r.tag.name}”.`, {
          action: { label: 'Undo', run: () => history.undo() },
        });
      },
    });
  }

  async recolor(id: string, color: string): Promise<void> {
    try {
      await api.tagUpdate({ id, color });
    } catch (e) {
      ui.error(e);
    }
  }

  /** Into the Trash: with its passages or without (they keep their other tags and memos). */
  async remove(tag: TagSummary): Promise<void> {
    const n = tag.count;
    const subs = this.tree.children.get(tag.id)?.length ?? 0;
    const moving = subs ? ` Its ${plural(subs, 'sub-tag')} will move up one level.` : '';
    const picked = await ui.choose(
      'Delete tag',
      `Delete the tag “${tag.name}”? It is on ${n} ${n === 1 ? 'highlight' : 'highlights'}.${moving} Undo and the Trash can bring it back.`,
      [
        { id: 'keep', label: 'Delete tag, keep passages' },
        { id: 'with', label: 'Delete tag and its passages', danger: true },
      ],
    );
    if (picked !== 'keep' && picked !== 'with') return;
    try {
      const r = await api.tagDelete({ id: tag.id, withHighlights: picked === 'with' });
      const parts = [`Moved the tag “${tag.name}” to the Trash`];
      if (r.highlightsDeleted)
        parts.push(`with ${r.highlightsDeleted} ${r.highlightsDeleted === 1 ? 'passage' : 'passages'}`);
      const up = r.childrenMoved ? ` Its ${plural(r.childrenMoved, 'sub-tag')} moved up one level.` : '';
      ui.toast(`${parts.join(' ')}.${up}`, { action: { label: 'Undo', run: () => history.undo() } });
    } catch (e) {
      ui.error(e);
    }
  }
}

export const tags = new TagsState();
