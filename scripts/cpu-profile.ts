// Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the main thread was busy: the functions with the most
// self time, and every stretch the thread ran without a break longer than a budget (what stalls requests), with
// the functions it spent that stretch in. For the benches' "find the cause" step.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)', '(root)']);

export interface Stall {
  /** When it started, ms from the profile's start. */
  at: number;
  ms: number;
  /**
   * Samples taken in it (about one per millisecond of running). A stretch far longer than its samples is mostly
   * the process waiting for a CPU (a loaded machine), not work.
   */
  samples: number;
  /** Self time by function within the stall, most first. */
  top: [string, number][];
}

export interface ProfileSummary {
  busyMs: number;
  top: [string, number][];
  stalls: Stall[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/(out|node_modules|src)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function ranked(totals: Map<string, number>, limit: number): [string, number][] {
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

export function summarizeProfile(path: string, stallMs: number, limit = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const stalls: Stall[] = [];
  let clock = 0;
  let busyMs = 0;
  let stretch: { at: number; ms: number; samples: number; self: Map<string, number> } | null = null;
  const close = () => {
    if (stretch && stretch.ms >= stallMs) {
      const { at, ms, samples } = stretch;
      stalls.push({ at, ms, samples, top: ranked(stretch.self, 4) });
    }
    stretch = null;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    clock += dt;
    const node = byId.get(id);
    if (!node || IDLE.has(node.callFrame.functionName)) return close();
    const name = label(node);
    busyMs += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
    stretch ??= { at: clock, ms: 0, samples: 0, self: new Map() };
    stretch.ms += dt;
    stretch.samples++;
    stretch.self.set(name, (stretch.self.get(name) ?? 0) + dt);
  });
  close();
  return { busyMs, top: ranked(self, limit), stalls: stalls.sort((a, b) => b.ms - a.ms) };
}

export function printProfile(summary: ProfileSummary, stallMs: number): void {
  console.log(`\nMain thread busy ${summary.busyMs.toFixed(0)} ms. Most self time:`);
  for (const [name, ms] of summary.top) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  console.log(`\nStretches without a break ≥ ${stallMs} ms: ${summary.stalls.length}`);
  for (const s of summary.stalls.slice(0, 10)) {
    const parts = s.top.map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join('; ');
    console.log(
      `  ${s.ms.toFixed(0).padStart(5)} ms (${s.samples} samples) at ${(s.at / 1000).toFixed(1)} s: ${parts}`,
    );
  }
}
