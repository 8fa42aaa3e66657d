// Which notebook the desktop app opens: one named on the command line (`Quire /path/to/notebook`, also when the
// app is already running), else QUIRE_NOTEBOOK, else the last one opened, else the default. Plain data in and
// out, so it is tested without Electron.
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The notebook folder named on the command line, resolved against `cwd`, or null. Switches (`--inspect=0`,
 * macOS's `-psn_…`) are not names; when Electron runs an app from source (`defaultApp`), the first name is the
 * app's own path.
 */
export function notebookArgument(argv: readonly string[], defaultApp: boolean, cwd: string): string | null {
  const names = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  if (defaultApp) names.shift();
  const last = names.at(-1);
  return last ? resolve(cwd, last) : null;
}

export interface NotebookChoice {
  path: string;
  /** Whether opening may create the notebook: only where the user did not point at an existing one. */
  create: boolean;
}

/**
 * The notebooks to try at start, in order: the one asked for, then the one the user would otherwise get, then
 * the default; each later one is the fallback when an earlier one cannot be opened.
 */
export function startupNotebooks(facts: {
  argument: string | null;
  environment: string | undefined;
  last: string | undefined;
  standard: string;
}): NotebookChoice[] {
  const choices: NotebookChoice[] = [];
  if (facts.argument) choices.push({ path: facts.argument, create: false });
  if (facts.environment) choices.push({ path: facts.environment, create: true });
  else if (facts.last && facts.last !== facts.standard) choices.push({ path: facts.last, create: false });
  choices.push({ path: facts.standard, create: true });
  return choices.filter((choice, i) => choices.findIndex((c) => c.path === choice.path) === i);
}

/** What a second launch passes to the running app (Electron's `additionalData`), computed where it ran. */
const secondLaunchSchema = z.object({ notebook: z.string().min(1).nullable() });
export type SecondLaunch = z.infer<typeof secondLaunchSchema>;

/** The notebook a second launch asked for, or null; anything malformed asks for nothing. */
export function secondLaunchNotebook(data: unknown): string | null {
  const parsed = secondLaunchSchema.safeParse(data);
  return parsed.success ? parsed.data.notebook : null;
}
