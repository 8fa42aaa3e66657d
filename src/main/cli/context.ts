// What every command gets: its arguments and flags, the notebook (opened on request), the API through the
// same dispatch() as the app and browser mode, output, and the stop signal.
import { constants } from 'node:os';
import type { ApiInput, ApiMethod, ApiOutputs } from '../core/api-contract';
import { createServices, type Services } from '../core/app/create';
import { resolveNotebookDir, userDataDir, type PlatformInfo } from '../core/app/paths';
import { APP_VERSION } from '../core/app/version';
import { dispatch } from '../core/dispatch';
import { QuireError } from '../core/errors';
import { extractorBeside } from '../core/import/extract-pool';
import { rebuildWorkerBeside } from '../core/search/rebuild';
import type { Out } from './output';

export interface CliEnv extends Out {
  platform: PlatformInfo;
  /** Resolves when `serve` should stop serving (the first SIGINT/SIGTERM; tests resolve it at once). */
  untilStopped: () => Promise<void>;
  /** Aborted by the first SIGINT/SIGTERM, with the signal name as its reason: every command stops on it. */
  interrupt?: AbortSignal;
}

/**
 * In the build this module is bundled into out/main/cli.js, so the worker scripts and the renderer are found
 * beside that file; run from source (tests), no worker script exists and work stays on the calling thread.
 */
export const entryUrl = import.meta.url;

export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext extends Out {
  readonly platform: PlatformInfo;
  /** The positionals after the command name. */
  readonly args: readonly string[];
  readonly json: boolean;
  readonly text: boolean;
  /** A boolean flag such as --overwrite. */
  flag(name: string): boolean;
  /** A flag with a value such as --out DIR; undefined when not given. */
  option(name: string): string | undefined;
  /** Aborted when the user asks the process to stop; commands with long work check it. */
  readonly signal: AbortSignal;
  untilStopped(): Promise<void>;
  /**
   * The services, created once. `workers`: commands that import (import, serve) extract, and rebuild a damaged
   * search index, in worker threads; one-shot reads rebuild in-thread so they answer in full.
   */
  services(options?: { workers?: boolean }): Services;
  /**
   * Opens the notebook (`dir`, else --notebook, else $QUIRE_NOTEBOOK, else the default); `create` makes it if
   * missing.
   */
  open(options: { create: boolean; workers?: boolean; announce?: boolean; dir?: string }): Promise<Services>;
  /** Calls the API exactly as a transport does and unwraps the envelope (a failure throws its QuireError). */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  /** Reports bad usage on stderr and returns exit code 2. */
  usage(message: string): number;
  /** Reports a stop on stderr (one line saying what was kept) and returns 128 + the signal's number. */
  stopped(message: string): number;
}

/** 130 for SIGINT, 143 for SIGTERM: what a shell reports for a command ended by that signal. */
export function exitCodeFor(signal: unknown): number {
  const n = typeof signal === 'string' ? constants.signals[signal as NodeJS.Signals] : undefined;
  return 128 + (n ?? constants.signals.SIGINT);
}

export function usageError(out: Out, message: string): number {
  out.stderr(`quire: ${message}\nRun 'quire --help' for usage.`);
  return 2;
}

const never = new AbortController().signal;

/** One context per invocation; `opened()` tells the runner what to close at the end. */
export function createContext(
  env: CliEnv,
  values: FlagValues,
  args: readonly string[],
): CommandContext & { opened(): Services | undefined; silence(): void } {
  let services: Services | undefined;
  /** Once the runner has given up on the command, nothing it prints later may follow the stop line. */
  let silenced = false;
  const signal = env.interrupt ?? never;
  const make = (workers: boolean): Services =>
    (services ??= createServices({
      appVersion: APP_VERSION,
      userDataDir: userDataDir(env.platform),
      ...(workers
        ? { extractor: extractorBeside(entryUrl), rebuildWorker: rebuildWorkerBeside(entryUrl) }
        : {}),
    }));
  const flag = (name: string) => values[name] === true;
  const option = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  return {
    platform: env.platform,
    stdout: (line) => silenced || env.stdout(line),
    stderr: (line) => silenced || env.stderr(line),
    args,
    json: flag('json'),
    text: flag('text'),
    flag,
    option,
    signal,
    untilStopped: env.untilStopped,
    services: ({ workers = false } = {}) => make(workers),
    async open({ create, workers = false, announce = true, dir }) {
      const s = make(workers);
      // Commands that only read work beside a running `quire serve` or app (read-only); importing needs the lock.
      const info = await s.core.open(dir ?? resolveNotebookDir(env.platform, option('notebook')), {
        create,
        readOnlyIfLocked: !workers,
      });
      if (info.readOnlyReason && !workers) env.stderr(`quire: ${info.readOnlyReason}`);
      // What happened to the notebook's files is said on every surface until the researcher acknowledges it.
      if (announce) {
        for (const n of info.notices) env.stderr(`quire: notice: ${n.message}`);
        if (info.notices.length) env.stderr("quire: run 'quire notices --ack' once you have read these.");
      }
      return s;
    },
    async call(method, input) {
      if (!services)
        throw new QuireError('NOTEBOOK_ERROR', 'No notebook is open. Open or create a notebook first.');
      const result = await dispatch(services.api, method, input);
      if (!result.ok) throw new QuireError(result.error.code, result.error.message);
      return result.value;
    },
    usage: (message) => usageError(env, message),
    stopped(message) {
      if (!silenced) env.stderr(message);
      return exitCodeFor(signal.reason);
    },
    opened: () => services,
    silence: () => void (silenced = true),
  };
}
