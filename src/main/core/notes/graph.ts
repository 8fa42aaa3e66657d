// The notebook as a graph: notes, articles and tags as nodes; `[[links]]` and citations from notes, and tags on
// articles' passages, as edges. Template notes are left out (they are scaffolding, not thought). A local graph
// keeps what lies within `depth` steps of one node, whichever way the edges point.
import type { LinkSource } from './link-targets';
import { resolveLink } from './link-targets';
import type { GraphData, GraphEdge, GraphNode, GraphNodeKind } from './note-views';
import { linksOf } from './parsed-links';
import { isTemplate } from './templates';

export const graphKey = (kind: GraphNodeKind, id: string): string => `${kind[0]}:${id}`;

export function notebookGraph(store: LinkSource): Omit<GraphData, 'center'> {
  const nodes: GraphNode[] = [];
  for (const n of store.list('note')) {
    if (!isTemplate(n.title))
      nodes.push({ key: graphKey('note', n.id), kind: 'note', id: n.id, label: n.title, color: null });
  }
  for (const a of store.list('article'))
    nodes.push({ key: graphKey('article', a.id), kind: 'article', id: a.id, label: a.title, color: null });
  for (const t of store.list('tag'))
    nodes.push({ key: graphKey('tag', t.id), kind: 'tag', id: t.id, label: t.name, color: t.color });
  const present = new Set(nodes.map((n) => n.key));

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, kind: GraphEdge['kind']): void => {
    if (source === target || !present.has(source) || !present.has(target)) return;
    const key = `${source}\u0000${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ source, target, kind });
  };
  for (const note of store.list('note')) {
    const from = graphKey('note', note.id);
    if (!present.has(from)) continue;
    const { wikilinks, citations } = linksOf(note);
    for (const link of wikilinks) {
      const r = resolveLink(store, link.fullTarget);
      if (r?.kind === 'note') add(from, graphKey('note', r.note.id), 'link');
      else if (r?.kind === 'tag') add(from, graphKey('tag', r.tag.id), 'link');
      else if (r?.kind === 'article')
        add(from, graphKey('article', r.article.id), r.passageId ? 'cites' : 'link');
      else if (r?.kind === 'highlight') add(from, graphKey('article', r.article.id), 'cites');
    }
    for (const c of citations) add(from, graphKey('article', c.articleId), 'cites');
  }
  for (const h of store.list('highlight')) {
    for (const t of h.tagIds) add(graphKey('article', h.articleId), graphKey('tag', t), 'tagged');
  }
  return { nodes, edges };
}

/** What lies within `depth` steps of `center` (edges followed both ways); null when the center is not in the graph. */
export function localGraph(
  graph: Omit<GraphData, 'center'>,
  center: string,
  depth: number,
): Omit<GraphData, 'center'> | null {
  if (!graph.nodes.some((n) => n.key === center)) return null;
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    let list = neighbours.get(a);
    if (!list) neighbours.set(a, (list = []));
    list.push(b);
  };
  for (const e of graph.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const kept = new Set([center]);
  let frontier = [center];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const key of frontier) {
      for (const other of neighbours.get(key) ?? []) {
        if (kept.has(other)) continue;
        kept.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return {
    nodes: graph.nodes.filter((n) => kept.has(n.key)),
    edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
  };
}
