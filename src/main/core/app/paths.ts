import { join } from 'node:path';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

/**
 * Quire's per-user data folder: the same place Electron's `app.getPath('userData')` gives for an app named
 * "Quire", computed here so the desktop app, the CLI and browser mode agree without importing electron.
 */
export function userDataDir({ platform, env, home }: PlatformInfo): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Quire');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Quire');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Quire');
}

/** The notebook made on first run, in the user data folder. */
export function defaultNotebookDir(info: PlatformInfo): string {
  return join(userDataDir(info), 'Notebook');
}

/** The notebook opened when nothing else is asked for: `--notebook`, then QUIRE_NOTEBOOK, then the default. */
export function resolveNotebookDir(info: PlatformInfo, flag: string | undefined): string {
  return flag ?? info.env.QUIRE_NOTEBOOK ?? defaultNotebookDir(info);
}
