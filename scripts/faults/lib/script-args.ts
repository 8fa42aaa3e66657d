// What the long fault scripts that drive the built `quire serve` share on their command line: which build, the
// seed, and how failures are printed.
import { builtCliIsStale, type ServerBuild } from './quire-server';

/** `--build built|fresh`; null for anything else (a usage error). */
export function parseBuild(value: string | undefined): ServerBuild | null {
  return value === 'built' || value === 'fresh' ? value : null;
}

/** For `--build built`: false, after saying why, when out/main/cli.js is missing or older than the sources. */
export async function builtCliUsable(build: ServerBuild, script: string): Promise<boolean> {
  if (build !== 'built') return true;
  const stale = await builtCliIsStale();
  if (stale) process.stderr.write(`${script}: ${stale} (or pass --build fresh)\n`);
  return !stale;
}

/** The run's seed: the one given, or one from the clock (printed with any failure, so the run can be repeated). */
export function seedOf(value: string | undefined): number {
  return value === undefined ? Date.now() % 2 ** 31 : Number(value);
}

export function printFailures(failures: readonly string[], seed: number): void {
  if (failures.length === 0) return;
  process.stdout.write(`\n${failures.length} failures (seed ${seed}):\n`);
  for (const f of failures.slice(0, 50)) process.stdout.write(`  - ${f}\n`);
}
