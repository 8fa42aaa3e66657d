// Times in file and folder names: ISO 8601 with `:` and `.` replaced, so they sort by time and are valid on
// Windows. `2026-11-22T18:40:00.000Z` -> `2026-11-22T18-40-00-000Z`.

export function fileStamp(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

const stampPattern = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/;

/** The time a stamp names, or null when `name` is not a stamp. */
export function parseStamp(name: string): Date | null {
  const m = stampPattern.exec(name);
  if (!m) return null;
  const [, day, h, min, s, ms] = m;
  const time = new Date(`${day}T${h}:${min}:${s}.${ms}Z`);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** Local time, to the minute, for messages: "2026-11-22 18:40". */
export function displayTime(time: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${p(time.getMonth() + 1)}-${p(time.getDate())} ${p(time.getHours())}:${p(time.getMinutes())}`;
}
