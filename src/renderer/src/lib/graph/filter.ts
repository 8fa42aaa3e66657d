// What the graph view shows of the graph data: chosen kinds only, and with a tag chosen, what is close to it (the
// tag, what links to it or carries it, and the notes that link to those articles). The centre always stays.
import type { GraphData, GraphNodeKind } from '../../../../main/core/notes/note-views';

export interface GraphFilter {
  kinds: Record<GraphNodeKind, boolean>;
  /** A tag's graph key (`t:<id>`), or null for every tag. */
  tag: string | null;
}

export function filterGraph(data: GraphData, filter: GraphFilter): GraphData {
  let keep = new Set(
    data.nodes.filter((n) => filter.kinds[n.kind] || n.key === data.center).map((n) => n.key),
  );
  if (filter.tag) {
    const near = new Set([filter.tag]);
    const articles = new Set<string>();
    for (const e of data.edges) {
      if (e.target === filter.tag) {
        near.add(e.source);
        if (e.source.startsWith('a:')) articles.add(e.source);
      }
    }
    for (const e of data.edges) if (articles.has(e.target) && e.source.startsWith('n:')) near.add(e.source);
    if (data.center) near.add(data.center);
    keep = new Set([...keep].filter((k) => near.has(k)));
  }
  return {
    center: data.center,
    nodes: data.nodes.filter((n) => keep.has(n.key)),
    edges: data.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}
