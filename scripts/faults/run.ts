// `npm run test:faults`: runs every fault suite in this folder (each a script that prints its table and exits
// non-zero when something did not survive), one after the other, and fails if any of them failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const here = import.meta.dirname;
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== basename(import.meta.filename) && !f.endsWith('.d.ts'))
  .sort();
const failed: string[] = [];
for (const suite of suites) {
  console.log(`\n== ${suite}`);
  const { status, signal } = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, suite), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (status !== 0) failed.push(`${suite} (${signal ?? `exit ${status}`})`);
}
console.log(
  `\n${suites.length - failed.length} of ${suites.length} fault suites passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}.`,
);
process.exit(failed.length === 0 ? 0 : 1);
