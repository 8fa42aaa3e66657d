// The graphology graph sigma draws: node sizes by degree, the open note marked, each node where it was last drawn
// (or at a spread from its key's hash) so a filter or a reload does not scatter the layout again.
import Graph from 'graphology';
import type { GraphData } from '../../../../main/core/notes/note-views';
import { seedPosition } from './layout';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  zIndex: number;
}

export interface GraphColors {
  note: string;
  article: string;
  center: string;
}

/** Where each node was last drawn, kept across graph views for the session. */
const positions = new Map<string, { x: number; y: number }>();

export function rememberPosition(key: string, x: number, y: number): void {
  positions.set(key, { x, y });
}

/** Past this many nodes, nodes are drawn smaller and labels only when zoomed in. */
export const BIG_GRAPH = 1500;

export function buildGraph(data: GraphData, colors: GraphColors): Graph<NodeAttributes> {
  const degree = new Map<string, number>();
  for (const e of data.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const g = new Graph<NodeAttributes>({ type: 'directed', multi: false });
  const big = data.nodes.length > BIG_GRAPH;
  for (const n of data.nodes) {
    const at = positions.get(n.key) ?? seedPosition(n.key);
    const isCenter = n.key === data.center;
    g.addNode(n.key, {
      x: at.x,
      y: at.y,
      size:
        (isCenter ? 9 : big ? 2 : 4) + Math.min(10, Math.sqrt(degree.get(n.key) ?? 0) * (big ? 0.8 : 1.5)),
      color: isCenter ? colors.center : (n.color ?? colors[n.kind === 'note' ? 'note' : 'article']),
      label: n.label,
      zIndex: isCenter ? 2 : n.kind === 'note' ? 1 : 0,
    });
  }
  for (const e of data.edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target) && !g.hasEdge(e.source, e.target))
      g.addEdge(e.source, e.target);
  }
  return g;
}

/** The graph's positions as flat arrays (for the layout worker) and the index of each node in them. */
export function layoutArrays(g: Graph<NodeAttributes>): {
  index: Map<string, number>;
  xs: Float32Array;
  ys: Float32Array;
  ends: Uint32Array;
} {
  const keys = g.nodes();
  const index = new Map(keys.map((k, i) => [k, i]));
  const xs = new Float32Array(keys.length);
  const ys = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    xs[i] = g.getNodeAttribute(k, 'x');
    ys[i] = g.getNodeAttribute(k, 'y');
  });
  const ends = new Uint32Array(g.size * 2);
  let at = 0;
  g.forEachEdge((_e, _a, source, target) => {
    ends[at++] = index.get(source) ?? 0;
    ends[at++] = index.get(target) ?? 0;
  });
  return { index, xs, ys, ends };
}
