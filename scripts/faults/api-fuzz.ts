// `npx tsx scripts/faults/api-fuzz.ts [--n 5000] [--seed S] [--build built|fresh] [--concurrency 3] [--skip-open-issues]`
// Issue 8's API fuzz, long form: fast-check inputs for every contract method, sent to the real `quire serve`
// (see lib/api-fuzz.ts). Needs `npm run build` for --build built (the default). Prints the summary table and the
// per-method table; exits 1 on any non-envelope answer, INTERNAL error, hang or dead server, 2 on bad usage.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatMethods, runApiFuzz } from './lib/api-fuzz';
import { builtCliIsStale, type ServerBuild } from './lib/quire-server';
import { failed, formatSummary } from './lib/summary';

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '5000' },
      seed: { type: 'string' },
      build: { type: 'string', default: 'built' },
      'skip-open-issues': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '3' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const calls = Number(values.n);
  const build = values.build as ServerBuild;
  if (!Number.isInteger(calls) || calls < 1 || (build !== 'built' && build !== 'fresh')) {
    process.stderr.write('usage: api-fuzz.ts [--n CALLS] [--seed S] [--build built|fresh]\n');
    return 2;
  }
  if (build === 'built') {
    const stale = await builtCliIsStale();
    if (stale) {
      process.stderr.write(`api fuzz: ${stale} (or pass --build fresh)\n`);
      return 1;
    }
  }
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  const started = Date.now();
  const result = await runApiFuzz({
    calls,
    seed,
    build,
    openIssues: !values['skip-open-issues'],
    concurrency: Math.max(1, Number(values.concurrency) || 1),
    log: values.quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatSummary(result.summary)}\n\n${formatMethods(result.methods)}\n`);
  process.stdout.write(`  took ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (result.failures.length > 0) {
    process.stdout.write(`\n${result.failures.length} failures (seed ${seed}):\n`);
    for (const f of result.failures.slice(0, 50)) process.stdout.write(`  - ${f}\n`);
  }
  return failed(result.summary) || result.failures.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
