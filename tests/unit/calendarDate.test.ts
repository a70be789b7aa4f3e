import { describe, expect, it } from 'vitest';
import { isCalendarDate, isCalendarDateText, utcDay } from '../../shared/domain/calendarDate';
import { parsePeriod } from '../../shared/domain/parsePeriod';
import { readEnv } from '../../server/env';

describe('calendar dates as written', () => {
  it('takes years 0–99 as written, not as 1900–1999', () => {
    expect(utcDay(26, 10, 1).getUTCFullYear()).toBe(26);
    expect(parsePeriod('0026-11', 'month')!.getTime()).toBe(utcDay(26, 10, 1).getTime() - 7 * 3600_000);
    expect(parsePeriod('01/11/0026', 'month')!.getTime()).toBe(utcDay(26, 10, 1).getTime() - 7 * 3600_000);
  });

  it('refuses days that do not exist and knows 29 February', () => {
    expect(isCalendarDate(2026, 2, 30)).toBe(false);
    expect(isCalendarDate(2027, 2, 29)).toBe(false);
    expect(isCalendarDate(2028, 2, 29)).toBe(true);
    expect(isCalendarDate(2026, 13, 1)).toBe(false);
    expect(isCalendarDateText('2026-11-31')).toBe(false);
    expect(isCalendarDateText('2026-12-31T23:59:00+07:00')).toBe(true);
  });

  it('refuses impossible dates in the settings instead of rolling them over', () => {
    expect(() => readEnv({ MEASUREMENTS_EARLIEST: '2015-02-30' })).toThrow(/MEASUREMENTS_EARLIEST: must be a real date/);
    expect(() => readEnv({ CLOCK_START: '2026-02-30T10:00:00+07:00' })).toThrow(/CLOCK_START: must be a real instant/);
    expect(readEnv({ CLOCK_START: '2028-02-29T10:00:00+07:00' }).CLOCK_START).toEqual(new Date('2028-02-29T03:00:00Z'));
  });
});
