// `npx tsx scripts/faults/api-fuzz.ts [--n 5000] [--seed S] [--build built|fresh] [--concurrency 3] [--skip-open-issues]`
// Issue 8's API fuzz, long form: fast-check inputs for every contract method, sent to the real `quire serve`
// (see lib/api-fuzz.ts). Needs `npm run build` for --build built (the default). Prints the summary table and the
// per-method table; exits 1 on any non-envelope answer, INTERNAL error, hang or dead server, 2 on bad usage.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatMethods, runApiFuzz } from './lib/api-fuzz';
import { builtCliUsable, parseBuild, printFailures, seedOf } from './lib/script-args';
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
  const build = parseBuild(values.build);
  if (!Number.isInteger(calls) || calls < 1 || build === null) {
    process.stderr.write('usage: api-fuzz.ts [--n CALLS] [--seed S] [--build built|fresh]\n');
    return 2;
  }
  if (!(await builtCliUsable(build, 'api fuzz'))) return 1;
  const seed = seedOf(values.seed);
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
  printFailures(result.failures, seed);
  return failed(result.summary) || result.failures.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
