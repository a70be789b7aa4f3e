/**
 * Calendar dates as written, for every reader of typed dates (measurement times, report periods,
 * settings). `Date.UTC` reads years 0–99 as 1900–1999 and rolls 30/02 over to 2 March; these
 * take the year as written and refuse a day that does not exist.
 */

/** Midnight UTC of a calendar day; month0 and day may be out of range (they roll over). */
export function utcDay(year: number, month0: number, day = 1): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  return d;
}

/** Whether year-month-day (month 1–12) is a day of the calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = utcDay(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Whether a text YYYY-MM-DD (the first ten characters of an ISO date) names a day of the calendar. */
export function isCalendarDateText(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
