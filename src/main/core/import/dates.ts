const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

const ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;
const YMD_SLASH = /(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/;
const NUMERIC = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/;
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'i');
const COMPACT = /(?<!\d)(\d{4})(\d{2})(\d{2})(?:T\d{2}|$)/;

function valid(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function month(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase().replace(/\.$/, '')] ?? 0;
}

/**
 * The first date written in `s`, as `YYYY-MM-DD`. Timestamps keep the calendar date as written (no time
 * zone shift). Ambiguous numeric dates (`03/04/2017`) and partial dates (`June 2017`) give null: a
 * researcher would rather see no date than a wrong one.
 */
export function parseDate(s: string): string | null {
  const text = s.slice(0, 500);
  let m = ISO.exec(text) ?? YMD_SLASH.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return valid(Number(m[3]), month(m[1]), Number(m[2]));
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return valid(Number(m[3]), month(m[2]), Number(m[1]));
  m = NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a > 12 && b <= 12) return valid(y, b, a);
    if (b > 12 && a <= 12) return valid(y, a, b);
    if (a === b) return valid(y, a, b);
    return null;
  }
  m = COMPACT.exec(text.trim());
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** True when the line is essentially just a date (optionally with a weekday, time or "Published" label). */
export function isDateLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 60 || parseDate(t) === null) return false;
  const rest = t
    .replace(ISO, '')
    .replace(MONTH_DAY_YEAR, '')
    .replace(DAY_MONTH_YEAR, '')
    .replace(NUMERIC, '')
    .replace(YMD_SLASH, '')
    .replace(/\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi, '')
    .replace(/\b(published|updated|posted|on|at|am|pm|utc|gmt|ict|mmt|last)\b/gi, '')
    .replace(/[\d:.,|/\-–—()\s]+/g, '');
  return rest.length <= 3;
}
