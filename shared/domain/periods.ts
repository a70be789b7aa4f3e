/**
 * Period arithmetic in Asia/Ho_Chi_Minh. Vietnam keeps UTC+07:00 all year (no daylight saving),
 * so local calendar fields are UTC fields shifted by seven hours. All periods are half-open:
 * [start, end).
 */
import type { Frequency } from '../../kpi-definitions/schema';

export const VN_OFFSET_MS = 7 * 3600_000;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type Resolution = 'hour' | 'day' | 'month';

/** Local calendar fields of an instant, as if read off a Vietnamese wall clock. */
function local(d: Date): Date {
  return new Date(d.getTime() + VN_OFFSET_MS);
}

/** The instant at which a local wall-clock time (UTC fields of `l`) happens. */
function fromLocal(year: number, month0: number, day = 1, hour = 0): Date {
  return new Date(Date.UTC(year, month0, day, hour) - VN_OFFSET_MS);
}

/** The Vietnamese calendar year of an instant. */
export function localYear(d: Date): number {
  return local(d).getUTCFullYear();
}

function startOfLocalHour(d: Date): Date {
  const l = local(d);
  return fromLocal(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate(), l.getUTCHours());
}

function startOfLocalDay(d: Date): Date {
  const l = local(d);
  return fromLocal(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate());
}

function startOfLocalMonth(d: Date): Date {
  const l = local(d);
  return fromLocal(l.getUTCFullYear(), l.getUTCMonth());
}

function startOfLocalQuarter(d: Date): Date {
  const l = local(d);
  return fromLocal(l.getUTCFullYear(), l.getUTCMonth() - (l.getUTCMonth() % 3));
}

/** Days in a local month (month0 may be out of 0–11; it wraps into the neighbouring years). */
function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * Moves an instant by `count` periods (negative goes back), keeping its local time of day. Month
 * steps clamp to the target month's last day, as calendars do: 31/12 minus three months is 30/09,
 * not 01/10; 29/02 plus a year of months is 28/02. Period starts (the first of a month) are
 * unaffected by the clamp.
 */
export function addPeriods(start: Date, frequency: Frequency | Resolution, count: number): Date {
  const l = local(start);
  const timeOfDay = l.getTime() - Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate());
  const at = (year: number, month0: number, day: number) => new Date(Date.UTC(year, month0, day) + timeOfDay - VN_OFFSET_MS);
  const months = (n: number) => {
    const y = l.getUTCFullYear();
    const m = l.getUTCMonth() + n;
    return at(y, m, Math.min(l.getUTCDate(), daysInMonth(y, m)));
  };
  switch (frequency) {
    case 'hour':
      return new Date(start.getTime() + count * 3600_000);
    case 'day':
    case 'daily':
      return at(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate() + count);
    case 'month':
    case 'monthly':
      return months(count);
    case 'quarterly':
      return months(3 * count);
  }
}

export function periodStart(frequency: Frequency | Resolution, d: Date): Date {
  switch (frequency) {
    case 'hour':
      return startOfLocalHour(d);
    case 'day':
    case 'daily':
      return startOfLocalDay(d);
    case 'month':
    case 'monthly':
      return startOfLocalMonth(d);
    case 'quarterly':
      return startOfLocalQuarter(d);
  }
}

/** The roll-up a frequency reads from: quarters are summed from months. */
export function resolutionFor(frequency: Frequency): Resolution {
  return frequency === 'daily' ? 'day' : 'month';
}

/** When the report for the period starting at `start` is due: the end of the period plus grace days. */
export function reportDeadline(frequency: Frequency, start: Date, daysAfterPeriod: number): Date {
  return addPeriods(addPeriods(start, frequency, 1), 'day', daysAfterPeriod);
}

/** A label users read: 27/11/2026, 11/2026, Q4/2026 (vi) — local time. */
export function periodLabel(frequency: Frequency | Resolution, start: Date): string {
  const l = local(start);
  const dd = String(l.getUTCDate()).padStart(2, '0');
  const mm = String(l.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = l.getUTCFullYear();
  switch (frequency) {
    case 'hour':
      return `${String(l.getUTCHours()).padStart(2, '0')}:00 ${dd}/${mm}/${yyyy}`;
    case 'day':
    case 'daily':
      return `${dd}/${mm}/${yyyy}`;
    case 'month':
    case 'monthly':
      return `${mm}/${yyyy}`;
    case 'quarterly':
      return `Q${Math.floor(l.getUTCMonth() / 3) + 1}/${yyyy}`;
  }
}
