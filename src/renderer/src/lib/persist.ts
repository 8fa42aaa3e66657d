// UI state that survives a restart. Per notebook: the last query, the open article and where in it, the open
// note, the sort order, the sidebar section and the pane widths, so another notebook starts clean and coming
// back to one finds it as it was left. For the whole app: the theme.
// localStorage can be unavailable or full; the UI then simply forgets.

const GLOBAL = 'quire.ui.';
const NOTEBOOK = 'quire.notebook:';
const INDEX = 'quire.notebooks';
/** Notebooks remembered at most; the ones opened longest ago are forgotten. */
const MAX_NOTEBOOKS = 40;

function read(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or privacy mode: not worth bothering the researcher about.
  }
}

export function load<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  const value = read(GLOBAL + key);
  return valid(value) ? value : fallback;
}

export function save(key: string, value: unknown): void {
  write(GLOBAL + key, value);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

let notebookPath: string | null = null;
let memory: Record<string, unknown> = {};

/** From now on `recall` and `remember` are about the notebook at `path`. */
export function enterNotebook(path: string): void {
  notebookPath = path;
  const stored = read(NOTEBOOK + path);
  memory = isRecord(stored) ? stored : {};
  const index = read(INDEX);
  const recent = [path, ...(isStringList(index) ? index.filter((p) => p !== path) : [])];
  for (const forgotten of recent.splice(MAX_NOTEBOOKS)) {
    try {
      localStorage.removeItem(NOTEBOOK + forgotten);
    } catch {
      // As above.
    }
  }
  write(INDEX, recent);
}

/** What was remembered for the open notebook under `key`, or `fallback`. */
export function recall<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  const value = memory[key];
  return valid(value) ? value : fallback;
}

/** Remembers `value` for the open notebook; before a notebook is open there is nothing to remember it for. */
export function remember(key: string, value: unknown): void {
  if (notebookPath === null) return;
  memory = { ...memory, [key]: value };
  write(NOTEBOOK + notebookPath, memory);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export function oneOf<T extends string>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}
