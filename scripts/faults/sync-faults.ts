// Part of `npm run test:faults`: issue 14's longer sync runs against a CouchDB-protocol server on loopback —
// 1,000 random operations on each of two machines offline, then sync (convergence, every conflict listed, nothing
// written lost, record by record), and the fault suite (server killed mid-replication, connection dropped
// mid-attachment, restart mid-sync, wrong password, garbage answers) three times over, since timing varies.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const vitest = resolve(repo, 'node_modules/vitest/vitest.mjs');
const runs: [string, string[], Record<string, string>][] = [
  ['1,000 operations per side', ['tests/core/sync/convergence.test.ts'], { QUIRE_SYNC_OPS: '1000' }],
  ['faults, round 1', ['tests/core/sync/faults.test.ts'], {}],
  ['faults, round 2', ['tests/core/sync/faults.test.ts'], {}],
  ['faults, round 3', ['tests/core/sync/faults.test.ts'], {}],
];
let failed = 0;
for (const [what, files, env] of runs) {
  const started = performance.now();
  const { status } = spawnSync(process.execPath, [vitest, 'run', ...files, '--testTimeout', '600000'], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${what.padEnd(32)} ${status === 0 ? 'survived' : 'FAILED  '} ${seconds.padStart(7)} s`);
  if (status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
