// Entry of the `quire` command (bin/quire.js loads the built copy). Never imports electron.
import { defaultPlatform, runCli } from './cli/run';

const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const code = await runCli(process.argv.slice(2), {
  platform: defaultPlatform(),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  untilStopped: () => stopped,
});
process.exitCode = code;
// Signal handlers keep nothing else alive; exit promptly once output is flushed.
process.stdout.write('', () => process.exit(code));
