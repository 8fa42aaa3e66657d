// The crash loop's counts, and the table (with what each column counts) they make.
import type { Summary } from './summary';

export interface CrashCounts {
  kills: number;
  cleanRestarts: number;
  acked: number;
  refused: number;
  inFlightLanded: number;
  inFlightDropped: number;
  probes: number;
  probesOk: number;
  probesStale: number;
  probesFailed: number;
  changedProbes: number;
  fileChecks: number;
  fileChecksOk: number;
  restartsFromCache: number;
  probesLate: number;
  staleLocks: number;
}

/** Milliseconds spent restarting and checking. */
export interface CrashTiming {
  start: number;
  verify: number;
  observe: number;
  fresh: number;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function crashLoopSummary(seed: number, n: CrashCounts, lostWrites: number, t: CrashTiming): Summary {
  return {
    rows: [
      {
        suite: 'crash loop: kill -9 + restart',
        tried: n.kills,
        survived: n.cleanRestarts,
        lost: 0,
        crashed: n.kills - n.cleanRestarts,
      },
      {
        suite: 'crash loop: acknowledged writes',
        tried: n.acked,
        survived: n.acked - lostWrites,
        lost: lostWrites,
        crashed: n.refused,
      },
      {
        suite: 'crash loop: store files after open',
        tried: n.fileChecks,
        survived: n.fileChecksOk,
        lost: 0,
        crashed: n.fileChecks - n.fileChecksOk,
      },
      {
        suite: 'crash loop: search vs fresh rebuild',
        tried: n.probes,
        survived: n.probesOk,
        lost: n.probesStale,
        crashed: n.probesFailed,
      },
    ],
    legend: [
      `seed ${seed}; writes killed in flight: ${n.inFlightLanded} landed, ${n.inFlightDropped} did not (either is correct: they were never acknowledged); ${n.restartsFromCache} restarts found a saved search index that the journal had to bring up to date; ${n.staleLocks} found the killed server's lock and took it over; ${n.probesLate} searches after a restart without a saved index were complete only once the background rebuild finished.`,
      `time: restarting ${secs(t.start)}, checking ${secs(t.verify)} (reading the notebook back ${secs(t.observe)}, the from-scratch index ${secs(t.fresh)}, alongside the restarts).`,
      'kill -9 + restart: tried = kills (mid-write, mid-shutdown, mid-checkpoint); survived = restarts after which every check passed; crashed = restarts that failed any check (server did not start, stale lock, lost write, notice, damaged file, temp file, stale search).',
      'acknowledged writes: tried = writes the API answered ok; survived = present after the next restart, record by record; lost = missing or altered; crashed = writes answered with an unexpected error.',
      'store files after open: tried = restarts checked on disk; survived = every record file and journal line intact, notebook.json readable, no notice, nothing in .quarantine/, no .tmp-* file.',
      `search vs fresh rebuild: tried = searches (${n.changedProbes} for words/authors/tags the killed session changed, the rest sampled); survived = the restarted server answered exactly as an index rebuilt from scratch and as the acknowledged writes imply; lost = stale answers; crashed = searches that failed.`,
    ],
  };
}
