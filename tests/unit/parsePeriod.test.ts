import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FREQUENCIES } from '../../kpi-definitions/schema';
import { formatPeriod, parsePeriod } from '../../shared/domain/parsePeriod';
import { periodStart, periodUnitOf } from '../../shared/domain/periods';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parsePeriod: local period starts in Asia/Ho_Chi_Minh', () => {
  it('a day is its local midnight, 17:00 UTC the day before', () => {
    expect(iso(parsePeriod('2026-11-27', 'day'))).toBe('2026-11-26T17:00:00.000Z');
    expect(iso(parsePeriod(' 2026-01-01 ', 'day'))).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(parsePeriod('2028-02-29', 'day'))).toBe('2028-02-28T17:00:00.000Z');
  });

  it('a month is the local midnight of its first day', () => {
    expect(iso(parsePeriod('2026-11', 'month'))).toBe('2026-10-31T17:00:00.000Z');
    expect(iso(parsePeriod('2026-01', 'month'))).toBe('2025-12-31T17:00:00.000Z');
  });

  it('reads periods written the Vietnamese way: 27/11/2026, 11/2026 or 01/11/2026 for a month, Q4/2026', () => {
    expect(iso(parsePeriod('27/11/2026', 'day'))).toBe('2026-11-26T17:00:00.000Z');
    expect(iso(parsePeriod('1/2/2026', 'day'))).toBe('2026-01-31T17:00:00.000Z');
    expect(iso(parsePeriod('11/2026', 'month'))).toBe('2026-10-31T17:00:00.000Z');
    expect(iso(parsePeriod('01/11/2026', 'month'))).toBe('2026-10-31T17:00:00.000Z');
    expect(iso(parsePeriod('1/2026', 'month'))).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(parsePeriod('Q4/2026', 'quarter'))).toBe('2026-09-30T17:00:00.000Z');
    expect(iso(parsePeriod('01/10/2026', 'quarter'))).toBe('2026-09-30T17:00:00.000Z');
  });

  it('a quarter opens on the first day of its first month; q may be lower case', () => {
    expect(iso(parsePeriod('2026-Q1', 'quarter'))).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(parsePeriod('2026-Q4', 'quarter'))).toBe('2026-09-30T17:00:00.000Z');
    expect(iso(parsePeriod('2026-q2', 'quarter'))).toBe('2026-03-31T17:00:00.000Z');
  });

  it.each([
    ['2026-02-30', 'daily'],
    ['2026-13-01', 'daily'],
    ['31/11/2026', 'daily'],
    ['11/2026', 'daily'],
    ['2026-11', 'daily'],
    ['2026-11-27', 'monthly'],
    ['2026-00', 'monthly'],
    ['2026-13', 'monthly'],
    ['2026-1', 'monthly'],
    ['13/2026', 'monthly'],
    ['27/11/2026', 'monthly'],
    ['Q4/2026', 'monthly'],
    ['2026-Q5', 'quarterly'],
    ['2026-Q0', 'quarterly'],
    ['Q5/2026', 'quarterly'],
    ['01/11/2026', 'quarterly'],
    ['10/2026', 'quarterly'],
    ['2026-10', 'quarterly'],
    ['', 'monthly'],
  ] as const)('refuses %j as %s', (text, frequency) => {
    expect(parsePeriod(text, periodUnitOf(frequency))).toBeNull();
  });

  describe('a spreadsheet date cell (calendar date in its UTC fields)', () => {
    const cell = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
    it('names its day', () => {
      expect(iso(parsePeriod(cell('2026-11-27'), 'day'))).toBe('2026-11-26T17:00:00.000Z');
    });
    it('names a month or quarter only from the first day', () => {
      expect(iso(parsePeriod(cell('2026-11-01'), 'month'))).toBe('2026-10-31T17:00:00.000Z');
      expect(parsePeriod(cell('2026-11-02'), 'month')).toBeNull();
      expect(iso(parsePeriod(cell('2026-10-01'), 'quarter'))).toBe('2026-09-30T17:00:00.000Z');
      expect(parsePeriod(cell('2026-11-01'), 'quarter')).toBeNull();
    });
    it('refuses an invalid date', () => {
      expect(parsePeriod(new Date(Number.NaN), 'day')).toBeNull();
    });
  });
});

describe('formatPeriod', () => {
  it('writes what parsePeriod reads', () => {
    expect(formatPeriod('day', new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
    expect(formatPeriod('month', new Date('2026-10-31T17:00:00Z'))).toBe('2026-11');
    expect(formatPeriod('quarter', new Date('2026-09-30T17:00:00Z'))).toBe('2026-Q4');
  });

  it('round-trips every period start of every frequency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FREQUENCIES),
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        (frequency, instant) => {
          const start = periodStart(periodUnitOf(frequency), instant);
          expect(iso(parsePeriod(formatPeriod(periodUnitOf(frequency), start), periodUnitOf(frequency)))).toBe(start.toISOString());
        },
      ),
    );
  });
});
