// The researcher's own date and time (not UTC): a daily note is titled with the day they see.
const pad = (n: number): string => String(n).padStart(2, '0');

export function localNow(now = new Date()): { date: string; time: string } {
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
  };
}
