import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  periodLabel,
  periodStart,
  periodUnitOf,
  reportDeadline,
  resolutionFor,
  type PeriodUnit,
} from '../../shared/domain/periods';

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('periodStart in Asia/Ho_Chi_Minh (UTC+07:00)', () => {
  it('hour: the local hour, which is the UTC hour', () => {
    expect(iso(periodStart('hour', at('2026-11-27T03:25:10.500Z')))).toBe('2026-11-27T03:00:00.000Z');
  });

  it('day: local midnight, seven hours before UTC midnight', () => {
    // 23:59:59 local on 27/11 and 00:00 local on 28/11
    expect(iso(periodStart('day', at('2026-11-27T16:59:59Z')))).toBe('2026-11-26T17:00:00.000Z');
    expect(iso(periodStart('day', at('2026-11-27T17:00:00Z')))).toBe('2026-11-27T17:00:00.000Z');
    expect(iso(periodStart('day', at('2026-11-27T17:00:00Z')))).toBe('2026-11-27T17:00:00.000Z');
  });

  it('month: 2026-11-30T18:00Z is already 1 December locally', () => {
    expect(iso(periodStart('month', at('2026-11-30T18:00:00Z')))).toBe('2026-11-30T17:00:00.000Z');
    expect(iso(periodStart('month', at('2026-11-30T16:59:59Z')))).toBe('2026-10-31T17:00:00.000Z');
  });

  it('quarter: 1 October local opens Q4', () => {
    expect(iso(periodStart('quarter', at('2026-09-30T17:00:00Z')))).toBe('2026-09-30T17:00:00.000Z');
    expect(iso(periodStart('quarter', at('2026-09-30T16:59:59Z')))).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(periodStart('quarter', at('2026-02-17T05:00:00Z')))).toBe('2025-12-31T17:00:00.000Z');
  });

  it('the new year starts locally at 17:00 UTC on 31 December, for every period', () => {
    const newYear = at('2026-12-31T17:30:00Z');
    for (const f of ['day', 'month', 'quarter'] as const) {
      expect(iso(periodStart(f, newYear))).toBe('2026-12-31T17:00:00.000Z');
    }
  });
});

describe('addPeriods', () => {
  it('moves months across the year end, both ways', () => {
    const december = at('2026-11-30T17:00:00Z');
    expect(iso(addPeriods(december, 'month', 1))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(addPeriods(december, 'month', -1))).toBe('2026-10-31T17:00:00.000Z');
    expect(iso(addPeriods(december, 'month', -12))).toBe('2025-11-30T17:00:00.000Z');
    expect(iso(addPeriods(december, 'month', 14))).toBe('2028-01-31T17:00:00.000Z');
  });

  it('follows month lengths: the length of each month of 2028 (a leap year) in days', () => {
    const days: number[] = [];
    let start = at('2027-12-31T17:00:00Z'); // 1 January 2028 local
    for (let m = 0; m < 12; m++) {
      const next = addPeriods(start, 'month', 1);
      days.push((next.getTime() - start.getTime()) / 86_400_000);
      start = next;
    }
    expect(days).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('moves days across month and year ends and 29 February', () => {
    expect(iso(addPeriods(at('2026-12-30T17:00:00Z'), 'day', 1))).toBe('2026-12-31T17:00:00.000Z'); // 31/12 → 1/1
    expect(iso(addPeriods(at('2028-02-27T17:00:00Z'), 'day', 1))).toBe('2028-02-28T17:00:00.000Z'); // 28/2 → 29/2
    expect(iso(addPeriods(at('2028-02-27T17:00:00Z'), 'day', 2))).toBe('2028-02-29T17:00:00.000Z'); // 28/2 → 1/3
    expect(iso(addPeriods(at('2027-02-28T17:00:00Z'), 'day', -1))).toBe('2027-02-27T17:00:00.000Z'); // 1/3 → 28/2
  });

  it('clamps to the last day of a shorter month instead of spilling into the next one', () => {
    // 31/12/2026 23:59 local minus three months is 30/09 23:59, not 01/10: "the last three months"
    // seen on New Year's Eve must still contain the third quarter
    expect(iso(addPeriods(at('2026-12-31T16:59:00Z'), 'month', -3))).toBe('2026-09-30T16:59:00.000Z');
    expect(iso(addPeriods(at('2026-12-31T16:59:00Z'), 'quarter', -1))).toBe('2026-09-30T16:59:00.000Z');
    // 31/03 minus a month is 28/02, or 29/02 in a leap year
    expect(iso(addPeriods(at('2027-03-31T03:00:00Z'), 'month', -1))).toBe('2027-02-28T03:00:00.000Z');
    expect(iso(addPeriods(at('2028-03-31T03:00:00Z'), 'month', -1))).toBe('2028-02-29T03:00:00.000Z');
    // 29/02/2028 plus twelve months is 28/02/2029
    expect(iso(addPeriods(at('2028-02-29T03:00:00Z'), 'month', 12))).toBe('2029-02-28T03:00:00.000Z');
  });

  it('keeps the local time of day to the millisecond', () => {
    expect(iso(addPeriods(at('2026-11-27T03:12:34.567Z'), 'day', -2))).toBe('2026-11-25T03:12:34.567Z');
    expect(iso(addPeriods(at('2026-11-27T03:12:34.567Z'), 'month', 1))).toBe('2026-12-27T03:12:34.567Z');
  });

  it('moves quarters across year ends', () => {
    const q4 = at('2026-09-30T17:00:00Z');
    expect(iso(addPeriods(q4, 'quarter', 1))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(addPeriods(q4, 'quarter', -4))).toBe('2025-09-30T17:00:00.000Z');
  });

  it('moves hours by exactly an hour', () => {
    expect(iso(addPeriods(at('2026-12-31T16:00:00Z'), 'hour', 3))).toBe('2026-12-31T19:00:00.000Z');
  });
});

describe('reportDeadline', () => {
  it('a monthly report is due a number of days after its month ends, at local midnight', () => {
    // November 2026, due 10 days after: by the start of 11/12 local
    expect(iso(reportDeadline('month', at('2026-10-31T17:00:00Z'), 10))).toBe('2026-12-10T17:00:00.000Z');
  });

  it('a daily report, a quarterly report across the year end, and no grace', () => {
    expect(iso(reportDeadline('day', at('2026-11-26T17:00:00Z'), 1))).toBe('2026-11-28T17:00:00.000Z');
    expect(iso(reportDeadline('quarter', at('2026-09-30T17:00:00Z'), 15))).toBe('2027-01-15T17:00:00.000Z');
    expect(iso(reportDeadline('day', at('2026-11-26T17:00:00Z'), 0))).toBe('2026-11-27T17:00:00.000Z');
  });
});

describe('periodLabel (local time, vi-VN order)', () => {
  it('labels each period the way users read it', () => {
    expect(periodLabel('hour', at('2026-11-27T01:00:00Z'))).toBe('08:00 27/11/2026');
    expect(periodLabel('day', at('2026-11-26T17:00:00Z'))).toBe('27/11/2026');
    expect(periodLabel('day', at('2026-11-26T17:00:00Z'))).toBe('27/11/2026');
    expect(periodLabel('month', at('2026-11-30T17:00:00Z'))).toBe('12/2026');
    expect(periodLabel('month', at('2026-01-31T17:00:00Z'))).toBe('02/2026');
    expect(periodLabel('quarter', at('2026-09-30T17:00:00Z'))).toBe('Q4/2026');
    expect(periodLabel('quarter', at('2026-12-31T17:00:00Z'))).toBe('Q1/2027');
  });
});

describe('periodUnitOf and resolutionFor', () => {
  it('names the unit of each reporting frequency', () => {
    expect(periodUnitOf('daily')).toBe('day');
    expect(periodUnitOf('monthly')).toBe('month');
    expect(periodUnitOf('quarterly')).toBe('quarter');
  });

  it('reads days from day roll-ups, months and quarters from month roll-ups', () => {
    expect(resolutionFor('hour')).toBe('hour');
    expect(resolutionFor('day')).toBe('day');
    expect(resolutionFor('month')).toBe('month');
    expect(resolutionFor('quarter')).toBe('month');
  });
});

describe('periods: properties', () => {
  const units: PeriodUnit[] = ['hour', 'day', 'month', 'quarter'];
  const unit = fc.constantFrom(...units);
  const instant = fc.date({ min: at('1971-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true });

  it('periodStart is idempotent and start ≤ x < next start', () => {
    fc.assert(
      fc.property(unit, instant, (f, x) => {
        const start = periodStart(f, x);
        expect(periodStart(f, start).getTime()).toBe(start.getTime());
        expect(start.getTime()).toBeLessThanOrEqual(x.getTime());
        expect(x.getTime()).toBeLessThan(addPeriods(start, f, 1).getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('moving a period start n periods and back returns to it, and lands on a period start', () => {
    fc.assert(
      fc.property(unit, instant, fc.integer({ min: -40, max: 40 }), (f, x, n) => {
        const start = periodStart(f, x);
        const moved = addPeriods(start, f, n);
        expect(periodStart(f, moved).getTime()).toBe(moved.getTime());
        expect(addPeriods(moved, f, -n).getTime()).toBe(start.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});
