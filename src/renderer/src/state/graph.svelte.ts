// The graph view: around one note (depth 1–3) or the whole notebook, filtered by kind and tag. The data comes from
// the core in one call and is read again when a change set touches notes, articles, tags or highlights.
import type { CommitEvent } from '../../../main/core/api-contract';
import type { GraphData, GraphNode, GraphNodeKind } from '../../../main/core/notes/note-views';
import { api } from '../lib/api-client';
import { filterGraph } from '../lib/graph/filter';
import { notes } from './notes.svelte';
import { reader } from './reader.svelte';
import { tags } from './tags.svelte';
import { ui } from './ui.svelte';

export type GraphCenter = { kind: GraphNodeKind; id: string };

const RELOAD_MS = 400;

class GraphState {
  open = $state(false);
  /** The node the local graph is built around; null shows the whole notebook. */
  center = $state.raw<GraphCenter | null>(null);
  depth = $state(1);
  kinds = $state<Record<GraphNodeKind, boolean>>({ note: true, article: true, tag: true });
  /** A tag's graph key (`t:<id>`) to narrow to, or null. */
  tag = $state<string | null>(null);
  data = $state.raw<GraphData | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  shown = $derived(this.data ? filterGraph(this.data, { kinds: this.kinds, tag: this.tag }) : null);

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Opens the graph around `center` (the open note), or the whole notebook. */
  async show(center: GraphCenter | null): Promise<void> {
    this.center = center;
    this.open = true;
    await this.load();
  }

  close(): void {
    this.open = false;
    this.data = null;
  }

  async load(): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    try {
      const data = await api.noteGraph(this.center ? { center: this.center, depth: this.depth } : {});
      if (seq !== this.seq) return;
      this.data = data;
      this.error = null;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = e instanceof Error ? e.message : String(e);
      this.data = null;
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  apply(e: CommitEvent): void {
    if (!this.open || e.records.length === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), RELOAD_MS);
  }

  /** Opens what a node stands for, and closes the graph. */
  async choose(node: GraphNode): Promise<void> {
    this.close();
    if (node.kind === 'note') await notes.open(node.id);
    else if (node.kind === 'article') {
      await notes.flush();
      await reader.open(node.id);
    } else {
      ui.setSection('tags');
      await tags.choose(node.id);
    }
  }
}

export const graph = new GraphState();
