// Entry of the `quire` command (bin/quire.js loads the built copy). Never imports electron.
import { exitCodeFor } from './cli/context';
import { defaultPlatform, runCli } from './cli/run';

// The first Ctrl+C or SIGTERM asks the running command to stop cleanly (cancel an import, close the notebook);
// a second one exits at once.
const interrupt = new AbortController();
const stopped = new Promise<void>((resolve) => interrupt.signal.addEventListener('abort', () => resolve()));
const onSignal = (signal: NodeJS.Signals) => {
  if (!interrupt.signal.aborted) {
    interrupt.abort(signal);
    return;
  }
  process.stderr.write('quire: stopped at once.\n');
  process.exit(exitCodeFor(signal));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), {
  platform: defaultPlatform(),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  untilStopped: () => stopped,
  interrupt: interrupt.signal,
});
process.exitCode = code;
// Signal handlers keep nothing else alive; exit promptly once output is flushed.
process.stdout.write('', () => process.exit(code));
