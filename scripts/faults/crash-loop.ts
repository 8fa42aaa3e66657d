// `npx tsx scripts/faults/crash-loop.ts [--n 200] [--seed S] [--build built|fresh] [--max-life-ms 3000]`
// Issue 8's crash loop, long form: kill -9 the real `quire serve` N times while it writes, restart, and check
// everything after each restart (see lib/crash-loop.ts). Needs `npm run build` for --build built (the default).
// Prints the summary table; exits 1 on any loss or failed check, 2 on bad usage.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runCrashLoop } from './lib/crash-loop';
import { builtCliUsable, parseBuild, printFailures, seedOf } from './lib/script-args';
import { failed, formatSummary } from './lib/summary';

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '200' },
      seed: { type: 'string' },
      build: { type: 'string', default: 'built' },
      'max-life-ms': { type: 'string', default: '3000' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const kills = Number(values.n);
  const maxLifeMs = Number(values['max-life-ms']);
  const build = parseBuild(values.build);
  if (!Number.isInteger(kills) || kills < 1 || !(maxLifeMs >= 0) || build === null) {
    process.stderr.write(
      'usage: crash-loop.ts [--n KILLS] [--seed S] [--build built|fresh] [--max-life-ms MS]\n',
    );
    return 2;
  }
  if (!(await builtCliUsable(build, 'crash loop'))) return 1;
  const seed = seedOf(values.seed);
  const started = Date.now();
  const result = await runCrashLoop({
    kills,
    seed,
    build,
    maxLifeMs,
    // The idle checkpoint comes 20 s after the last write: a few sessions wait for it in the long run only.
    idleCheckpointShare: kills >= 50 ? 0.03 : 0,
    shutdownEvery: 5,
    probesPerRound: 60,
    log: values.quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatSummary(result.summary)}\n`);
  process.stdout.write(`  took ${Math.round((Date.now() - started) / 1000)} s\n`);
  printFailures(result.failures, seed);
  return failed(result.summary) || result.failures.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
