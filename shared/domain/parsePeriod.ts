/**
 * Reporting periods as people write them in a file: `2026-11-27` (a day), `2026-11` (a month),
 * `2026-Q4` (a quarter), and the Vietnamese way: `27/11/2026` (a day; for a month or quarter
 * its first day, `01/11/2026`), `11/2026` (a month), `Q4/2026` (a quarter). Each is read as local
 * time in Asia/Ho_Chi_Minh. A spreadsheet may turn
 * what was typed into a date cell; such a date names its day, month or quarter by its calendar
 * fields. Pure.
 */
import { isCalendarDate, utcDay } from './calendarDate';
import { VN_OFFSET_MS, type ReportingUnit } from './periods';

/** How a period of each unit is written, for messages and templates. */
export const PERIOD_FORMATS: Record<ReportingUnit, { pattern: string; example: string; alternatives: string[] }> = {
  day: { pattern: 'YYYY-MM-DD', example: '2026-11-27', alternatives: ['27/11/2026'] },
  month: { pattern: 'YYYY-MM', example: '2026-11', alternatives: ['11/2026', '01/11/2026'] },
  quarter: { pattern: 'YYYY-Qn', example: '2026-Q4', alternatives: ['Q4/2026', '01/10/2026'] },
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-[Qq]([1-4])$/;
/** 27/11/2026, 1/2/2026 (also with '-' or '.') */
const VI_DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
/** 11/2026 */
const VI_MONTH = /^(\d{1,2})[/.-](\d{4})$/;
/** Q4/2026 */
const VI_QUARTER = /^[Qq]([1-4])[/.-](\d{4})$/;

/** The instant a local calendar day starts. */
function localStart(year: number, month0: number, day = 1): Date {
  return new Date(utcDay(year, month0, day).getTime() - VN_OFFSET_MS);
}

/** The period a calendar day names: itself, or the month or quarter it opens (null otherwise). */
function periodOfDay(y: number, m: number, d: number, unit: ReportingUnit): Date | null {
  if (unit === 'day') return localStart(y, m - 1, d);
  if (d !== 1) return null;
  if (unit === 'month') return localStart(y, m - 1);
  return (m - 1) % 3 === 0 ? localStart(y, m - 1) : null;
}

/**
 * The start of the period that `raw` names, or null when it is not a period of `unit`
 * (wrong shape, impossible date, or a date that does not open a month or quarter).
 * A Date (a spreadsheet's date cell) carries its calendar date in its UTC fields.
 */
export function parsePeriod(raw: string | Date, unit: ReportingUnit): Date | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    return periodOfDay(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), unit);
  }
  const text = raw.trim();
  const viDay = VI_DAY.exec(text);
  if (viDay) {
    const [d, m, y] = [Number(viDay[1]), Number(viDay[2]), Number(viDay[3])];
    return isCalendarDate(y, m, d) ? periodOfDay(y, m, d, unit) : null;
  }
  const viMonth = VI_MONTH.exec(text);
  if (viMonth) {
    const [m, y] = [Number(viMonth[1]), Number(viMonth[2])];
    return unit === 'month' && m >= 1 && m <= 12 ? localStart(y, m - 1) : null;
  }
  const viQuarter = VI_QUARTER.exec(text);
  if (viQuarter) return unit === 'quarter' ? localStart(Number(viQuarter[2]), (Number(viQuarter[1]) - 1) * 3) : null;
  if (unit === 'day') {
    const match = DAY.exec(text);
    if (!match) return null;
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isCalendarDate(y, m, d) ? localStart(y, m - 1, d) : null;
  }
  if (unit === 'month') {
    const match = MONTH.exec(text);
    if (!match) return null;
    const [y, m] = [Number(match[1]), Number(match[2])];
    return m >= 1 && m <= 12 ? localStart(y, m - 1) : null;
  }
  const match = QUARTER.exec(text);
  if (!match) return null;
  return localStart(Number(match[1]), (Number(match[2]) - 1) * 3);
}

/** How a period start is written in a file: the inverse of `parsePeriod`. */
export function formatPeriod(unit: ReportingUnit, start: Date): string {
  const l = new Date(start.getTime() + VN_OFFSET_MS);
  const yyyy = String(l.getUTCFullYear()).padStart(4, '0');
  const mm = String(l.getUTCMonth() + 1).padStart(2, '0');
  switch (unit) {
    case 'day':
      return `${yyyy}-${mm}-${String(l.getUTCDate()).padStart(2, '0')}`;
    case 'month':
      return `${yyyy}-${mm}`;
    case 'quarter':
      return `${yyyy}-Q${Math.floor(l.getUTCMonth() / 3) + 1}`;
  }
}
