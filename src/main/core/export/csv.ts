// RFC 4180 CSV through csv-stringify: CRLF records, fields quoted when they hold a comma, quote or line break,
// UTF-8 with a byte-order mark so Excel opens accented and Burmese text correctly.
import { stringify } from 'csv-stringify/sync';
import type { Table } from './tables';

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading
 * apostrophe, as OWASP advises against CSV injection: scraped text can hold `=HYPERLINK(…)`. Excel hides the
 * apostrophe; the value is otherwise unchanged.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function tableCsv(table: Table): string {
  const cell = (v: string | number): string | number => (typeof v === 'string' ? neutralizeFormula(v) : v);
  return stringify([table.header.map(cell), ...table.rows.map((r) => r.map(cell))], {
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /^\s|\s$/,
  });
}

/** File names of the three CSVs an export writes. */
export const csvFileNames = {
  segments: 'coded-segments.csv',
  codeByDocument: 'code-by-document.csv',
  coOccurrence: 'code-co-occurrence.csv',
} as const;
