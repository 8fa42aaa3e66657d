// ForceAtlas2 off the UI thread: positions come in, refined positions go out a batch of iterations at a time (the
// view redraws with each), until the time budget is spent or the page says stop. Barnes-Hut above a few hundred
// nodes keeps an iteration near-linear.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

export interface LayoutRequest {
  type: 'start';
  x: Float32Array;
  y: Float32Array;
  /** Edge endpoints as node indexes, two per edge. */
  edges: Uint32Array;
  budgetMs: number;
}
export type LayoutMessage = LayoutRequest | { type: 'stop' };
export interface LayoutPositions {
  x: Float32Array;
  y: Float32Array;
  done: boolean;
}

const BATCH_MS = 40;
let running = 0;

function post(graph: Graph, n: number, done: boolean): void {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  graph.forEachNode((key, attrs) => {
    const i = Number(key);
    x[i] = Number(attrs.x);
    y[i] = Number(attrs.y);
  });
  const message: LayoutPositions = { x, y, done };
  self.postMessage(message, { transfer: [x.buffer, y.buffer] });
}

function start(req: LayoutRequest): void {
  const run = ++running;
  const n = req.x.length;
  const graph = new Graph({ multi: false, type: 'undirected' });
  for (let i = 0; i < n; i++) graph.addNode(String(i), { x: req.x[i], y: req.y[i] });
  for (let i = 0; i + 1 < req.edges.length; i += 2) {
    const a = String(req.edges[i]);
    const b = String(req.edges[i + 1]);
    if (a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b);
  }
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 400 };
  const began = performance.now();
  let iterations = 1;
  const step = (): void => {
    if (run !== running) return;
    const t = performance.now();
    forceAtlas2.assign(graph, { iterations, settings });
    const took = performance.now() - t;
    // Aim each batch at about BATCH_MS, so positions arrive at a steady pace whatever the graph's size.
    iterations = Math.max(1, Math.min(200, Math.round((iterations * BATCH_MS) / Math.max(1, took))));
    const done = performance.now() - began > req.budgetMs;
    post(graph, n, done);
    if (!done) setTimeout(step, 0);
  };
  step();
}

self.onmessage = (e: MessageEvent<LayoutMessage>) => {
  if (e.data.type === 'start') start(e.data);
  else running++;
};
