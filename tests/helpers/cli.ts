// The `quire` CLI run in-process as a test's user: config and home under `root`, output collected.
import { join } from 'node:path';
import { runCli } from '../../src/main/cli/run';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export async function runQuireIn(root: string, ...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    platform: { platform: 'linux', env: { XDG_CONFIG_HOME: join(root, 'config') }, home: root },
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    untilStopped: async () => undefined,
  });
  return { code, out, err };
}
