/**
 * How a deadline reads to a person, in local (Asia/Ho_Chi_Minh) calendar days. A deadline is an
 * instant — `reportDeadline` gives the local midnight that ends the last allowed day — so the last
 * day to submit is the day before it: a monthly report due 6/12 00:00 is "due by the end of 5/12".
 */
import { VN_OFFSET_MS } from './periods';

const DAY_MS = 86_400_000;

/** whole local days since 1970-01-01 */
function localDayNumber(d: Date): number {
  return Math.floor((d.getTime() + VN_OFFSET_MS) / DAY_MS);
}

/** The last local day on which a report is still on time (any instant within it). */
export function lastDayBefore(deadline: Date): Date {
  return new Date(deadline.getTime() - 1);
}

/**
 * Local days from today to the last allowed day: positive while there is time left (0 = today is
 * the last day), negative once the deadline has passed (−1 = one day overdue).
 */
export function daysToDeadline(deadline: Date, now: Date): number {
  if (now >= deadline) return -Math.max(1, localDayNumber(now) - localDayNumber(lastDayBefore(deadline)));
  return localDayNumber(lastDayBefore(deadline)) - localDayNumber(now);
}
