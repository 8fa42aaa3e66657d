// Where graph nodes start (a deterministic spread, so the first frame is drawn at once) and the worker that
// refines them with ForceAtlas2 while the graph is already on screen.
import type { LayoutMessage, LayoutPositions } from './layout-worker';

/** A point in the unit disc from a key's hash: the same key starts in the same place every time. */
export function seedPosition(key: string): { x: number; y: number } {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const a = ((h >>> 0) / 4294967296) * Math.PI * 2;
  const r = Math.sqrt(((Math.imul(h, 2654435761) >>> 0) / 4294967296) * 0.98 + 0.02);
  return { x: Math.cos(a) * r * 100, y: Math.sin(a) * r * 100 };
}

export interface RunningLayout {
  stop(): void;
}

export function runLayout(
  x: Float32Array,
  y: Float32Array,
  edges: Uint32Array,
  budgetMs: number,
  onPositions: (p: LayoutPositions) => void,
): RunningLayout {
  const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<LayoutPositions>) => {
    onPositions(e.data);
    if (e.data.done) worker.terminate();
  };
  const start: LayoutMessage = { type: 'start', x, y, edges, budgetMs };
  worker.postMessage(start, [x.buffer, y.buffer, edges.buffer]);
  return {
    stop: () => {
      const stop: LayoutMessage = { type: 'stop' };
      worker.postMessage(stop);
      worker.terminate();
    },
  };
}
