// The one table every fault suite prints (issue 8: "tried / survived / lost / crashed"), with what each column
// counts for that suite written underneath, so a reader never has to guess.

export interface SummaryRow {
  suite: string;
  tried: number;
  survived: number;
  lost: number;
  crashed: number;
}

export interface Summary {
  rows: SummaryRow[];
  /** One line per column (and per row where it differs): what was counted. */
  legend: string[];
}

export function formatSummary({ rows, legend }: Summary): string {
  const table = formatTable(
    ['suite', 'tried', 'survived', 'lost', 'crashed'],
    rows.map((r) => [r.suite, ...[r.tried, r.survived, r.lost, r.crashed].map(String)]),
  );
  return [table, '', ...legend.map((l) => `  ${l}`)].join('\n');
}

/** A Markdown table: the first column left-aligned, the others (numbers) right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A suite failed when anything was lost or crashed. */
export function failed(summary: Summary): boolean {
  return summary.rows.some((r) => r.lost > 0 || r.crashed > 0);
}
