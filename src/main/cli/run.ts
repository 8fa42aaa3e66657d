import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import type { PlatformInfo } from '../core/app/paths';
import { APP_VERSION } from '../core/app/version';
import { toApiError } from '../core/errors';
import { commands, type OptionsConfig } from './commands';
import { createContext, exitCodeFor, usageError, type CliEnv } from './context';
import { USAGE } from './usage';

export type { CliEnv } from './context';

/**
 * How long a command gets, after the stop signal, to stop by itself before the notebook is closed under it.
 * Commands stop well within a second (a cancelled import finishes the group it is writing); this is the net
 * for one stuck in something that cannot be interrupted.
 */
const STOP_GRACE_MS = 3000;

const commonOptions = {
  notebook: { type: 'string' },
  json: { type: 'boolean', default: false },
  text: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies OptionsConfig;

/**
 * Every command's flags are accepted anywhere on the line, as `quire --notebook X list` has always worked; so
 * two commands may share a flag only with the same meaning.
 */
function allOptions(): OptionsConfig {
  const merged: OptionsConfig = { ...commonOptions };
  for (const c of commands) {
    for (const [flag, spec] of Object.entries(c.options ?? {})) {
      const known = merged[flag];
      if (known && JSON.stringify(known) !== JSON.stringify(spec))
        throw new Error(`quire ${c.name} declares --${flag} differently from another command.`);
      merged[flag] = spec;
    }
  }
  return merged;
}
const options = allOptions();

/**
 * Runs one CLI invocation and returns its exit code: 0 done, 1 notebook/I-O error, 2 bad usage,
 * 128 + signal (130 Ctrl+C, 143 SIGTERM) when stopped.
 */
export async function runCli(argv: string[], env: CliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    env.stderr(`quire: ${e instanceof Error ? e.message : String(e)}\nRun 'quire --help' for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    env.stdout(APP_VERSION);
    return 0;
  }
  const [name, ...args] = positionals;
  if (values.help || !name) {
    (name || values.help ? env.stdout : env.stderr)(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.json && values.text) return usageError(env, '--json and --text cannot be used together.');
  const command = commands.find((c) => c.name === name);
  if (!command) return usageError(env, `unknown command '${name}'.`);

  const ctx = createContext(env, values, args);
  try {
    return await untilDoneOrStopped(command.run(ctx), ctx.signal, () => {
      ctx.silence();
      env.stderr(
        'Stopped before the command finished; the notebook keeps every change completed before the stop.',
      );
      return exitCodeFor(ctx.signal.reason);
    });
  } catch (e) {
    env.stderr(`quire: ${toApiError(e).message}`);
    return 1;
  } finally {
    const closing = ctx
      .opened()
      ?.core.close()
      .catch(() => undefined);
    // After a stop, a notebook that cannot close (stuck in a read that never returns) does not keep us here.
    await (ctx.signal.aborted ? Promise.race([closing, sleep(STOP_GRACE_MS)]) : closing);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The command's own result, unless a stop signal came and the command did not return within the grace
 * period: then `onTimeout` decides, and the caller closes the notebook (store writes in flight finish first).
 */
/** The command's result, or, once stopped and past the grace period, `onTimeout()`'s exit code. */
export async function untilDoneOrStopped(
  work: Promise<number>,
  signal: AbortSignal,
  onTimeout: () => number,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<number>((resolve) => {
    onAbort = () => {
      timer = setTimeout(() => resolve(onTimeout()), STOP_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
    // A command abandoned after the grace period may still reject once the notebook is closed under it.
    work.catch(() => undefined);
  }
}

export const defaultPlatform = (): PlatformInfo => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});
