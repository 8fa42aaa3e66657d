import { commands } from './commands';

/** Where the summaries start, counted from `quire`. */
const SUMMARY_COLUMN = 55;

const lines = commands.flatMap((c) =>
  c.usage.map(([synopsis, summary]) =>
    summary ? `quire ${synopsis}`.padEnd(SUMMARY_COLUMN) + summary : `quire ${synopsis}`,
  ),
);

export const USAGE = `Quire — an offline research notebook

Usage:
${lines.map((l) => `  ${l}`).join('\n')}

The notebook is --notebook DIR, else $QUIRE_NOTEBOOK, else the default notebook in your user data folder.
Exit codes: 0 done (an import that reports failed files still exits 0), 1 notebook or I/O error, 2 bad usage,
130 / 143 stopped by Ctrl+C / SIGTERM (what was done before the stop is kept; a second Ctrl+C quits at once).`;
