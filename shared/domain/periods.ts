/**
 * Period arithmetic in Asia/Ho_Chi_Minh. Vietnam keeps UTC+07:00 all year (no daylight saving),
 * so local calendar fields are UTC fields shifted by seven hours. All periods are half-open:
 * [start, end).
 */
import type { Frequency } from '../../kpi-definitions/schema';

export const VN_OFFSET_MS = 7 * 3600_000;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The one vocabulary of periods: every function that computes with periods takes a `PeriodUnit`.
 * A KPI's `frequency` ('daily', 'monthly', 'quarterly') says how often it is reported, a word of
 * its definition, of URLs (`/submit?frequency=monthly`), of the open-data API (`period=monthly`)
 * and of the forecast contract; `periodUnitOf` turns it into its unit, once, where a KPI's
 * periods are computed.
 */
export type PeriodUnit = 'hour' | 'day' | 'month' | 'quarter';
/** The units a KPI is reported by (a report is never hourly). */
export type ReportingUnit = Exclude<PeriodUnit, 'hour'>;
/** The units a chart draws and the roll-ups hold (a quarter is summed from months). */
export type Resolution = Exclude<PeriodUnit, 'quarter'>;

const UNIT_OF: Readonly<Record<Frequency, ReportingUnit>> = { daily: 'day', monthly: 'month', quarterly: 'quarter' };

/** The unit of a KPI's reporting frequency: daily → day, monthly → month, quarterly → quarter. */
export function periodUnitOf(frequency: Frequency): ReportingUnit {
  return UNIT_OF[frequency];
}

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
export function addPeriods(start: Date, unit: PeriodUnit, count: number): Date {
  const l = local(start);
  const timeOfDay = l.getTime() - Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate());
  const at = (year: number, month0: number, day: number) => new Date(Date.UTC(year, month0, day) + timeOfDay - VN_OFFSET_MS);
  const months = (n: number) => {
    const y = l.getUTCFullYear();
    const m = l.getUTCMonth() + n;
    return at(y, m, Math.min(l.getUTCDate(), daysInMonth(y, m)));
  };
  switch (unit) {
    case 'hour':
      return new Date(start.getTime() + count * 3600_000);
    case 'day':
      return at(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate() + count);
    case 'month':
      return months(count);
    case 'quarter':
      return months(3 * count);
  }
}

export function periodStart(unit: PeriodUnit, d: Date): Date {
  switch (unit) {
    case 'hour':
      return startOfLocalHour(d);
    case 'day':
      return startOfLocalDay(d);
    case 'month':
      return startOfLocalMonth(d);
    case 'quarter':
      return startOfLocalQuarter(d);
  }
}

/** The roll-up a unit's periods are read from: quarters are summed from months. */
export function resolutionFor(unit: PeriodUnit): Resolution {
  return unit === 'quarter' ? 'month' : unit;
}

/** When the report for the period starting at `start` is due: the end of the period plus grace days. */
export function reportDeadline(unit: ReportingUnit, start: Date, daysAfterPeriod: number): Date {
  return addPeriods(addPeriods(start, unit, 1), 'day', daysAfterPeriod);
}

/** A label users read: 27/11/2026, 11/2026, Q4/2026 (vi) — local time. */
export function periodLabel(unit: PeriodUnit, start: Date): string {
  const l = local(start);
  const dd = String(l.getUTCDate()).padStart(2, '0');
  const mm = String(l.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = l.getUTCFullYear();
  switch (unit) {
    case 'hour':
      return `${String(l.getUTCHours()).padStart(2, '0')}:00 ${dd}/${mm}/${yyyy}`;
    case 'day':
      return `${dd}/${mm}/${yyyy}`;
    case 'month':
      return `${mm}/${yyyy}`;
    case 'quarter':
      return `Q${Math.floor(l.getUTCMonth() / 3) + 1}/${yyyy}`;
  }
}
