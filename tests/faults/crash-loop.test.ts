// Issue 8's crash loop, short form (the long one: `npx tsx scripts/faults/crash-loop.ts --n 200`). The server is
// bundled from the current sources first (`fresh`), so this never tests a stale build; every fifth session is
// stopped cleanly and killed during the shutdown, so later sessions restart from a saved search index that the
// journal must bring up to date.
import { expect, it } from 'vitest';
import { runCrashLoop } from '../../scripts/faults/lib/crash-loop';
import { formatSummary } from '../../scripts/faults/lib/summary';

const KILLS = 20;

it(`${KILLS} kill -9s during writes lose no acknowledged write, and search agrees with a fresh index`, async () => {
  const seed = Number(process.env.QUIRE_FAULT_SEED ?? Date.now() % 2 ** 31);
  const result = await runCrashLoop({
    kills: KILLS,
    seed,
    build: 'fresh',
    maxLifeMs: 800,
    probesPerRound: 24,
    idleCheckpointShare: 0,
    shutdownEvery: 5,
    log: () => undefined,
  });
  console.log(formatSummary(result.summary));
  expect(result.failures, `seed ${seed} (rerun with QUIRE_FAULT_SEED=${seed})`).toEqual([]);
  const [restarts, writes, files, searches] = result.summary.rows;
  expect(restarts).toMatchObject({ tried: KILLS, survived: KILLS });
  expect(writes?.tried).toBeGreaterThan(KILLS);
  expect(files).toMatchObject({ tried: KILLS, survived: KILLS });
  // Issue 8 point 1: words, authors and tags written just before a kill are found after the restart, from an
  // index that had been saved before them.
  expect(result.restartsFromCache).toBeGreaterThan(0);
  expect(result.changedProbesChecked).toBeGreaterThan(0);
  expect(searches?.lost).toBe(0);
}, 240_000);
