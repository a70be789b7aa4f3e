/**
 * The dates and texts a measurement batch refuses before anything is written: times outside the
 * window [earliest, now + skew] (1970, years 0–99 and 1000, the ±8.64e15 ms edges of Date), and
 * NUL or other control characters in any text field, with the field named. The clock is fixed.
 */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { EARLIEST_MEASUREMENT, hasControlCharacter, validateMeasurementBatch, type ValidationContext } from '../../shared/domain/validateMeasurementBatch';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

/** 10:00 local time on 27/11/2026 */
const NOW = new Date('2026-11-27T03:00:00Z');
const tree = seedTree();
const ctx = (overrides: Partial<ValidationContext> = {}): ValidationContext => ({ catalogue: kpiCatalogue, tree, scopeUnitId: NATION_ID, now: NOW, ...overrides });
const row = (time: unknown, extra: Record<string, unknown> = {}) => ({ kpiId: 'data_reused', orgUnitCode: 'X01001', time, numerator: 1, denominator: 2, ...extra });

function codesOf(inputs: readonly unknown[], context = ctx()) {
  const result = validateMeasurementBatch(inputs, context);
  return result.ok ? [] : result.errors.map((e) => ({ index: e.index, field: e.field, code: e.code }));
}

describe('measurement date window', () => {
  it.each([
    ['1970-01-01', 'the zero timestamp'],
    ['0026-11-01', 'a two-digit year padded (0026 for 2026)'],
    ['0099-12-31', 'the last of the years 0–99'],
    ['1000-06-01', 'year 1000'],
    ['1999-12-31', 'the day before the window opens'],
    ['1999-12-31T23:59:59+07:00', 'the last second before the window opens'],
  ])('refuses %s (%s) as too_old', (time) => {
    expect(codesOf([row('2026-10-01'), row(time)])).toEqual([{ index: 1, field: 'time', code: 'too_old' }]);
  });

  it('refuses the smallest and largest Date JavaScript holds (±8.64e15 ms), as a tRPC client can send them', () => {
    expect(codesOf([row(new Date(-8.64e15)), row(new Date(8.64e15))])).toEqual([
      { index: 0, field: 'time', code: 'too_old' },
      { index: 1, field: 'time', code: 'future_time' },
    ]);
  });

  it('accepts the first instant of the window and now + the clock skew, refuses a minute past it', () => {
    expect(codesOf([row('2000-01-01'), row(new Date(NOW.getTime() + 5 * 60_000))])).toEqual([]);
    expect(codesOf([row(new Date(NOW.getTime() + 6 * 60_000))])).toEqual([{ index: 0, field: 'time', code: 'future_time' }]);
  });

  it('takes the earliest date from the context (configurable), and names it in the message', () => {
    const earliest = new Date('2020-01-01T00:00:00+07:00');
    const result = validateMeasurementBatch([row('2019-12-31')], ctx({ earliest }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ field: 'time', code: 'too_old' });
    expect(result.errors[0]!.message.vi).toContain('2019-12-31');
    expect(codesOf([row('2015-06-01')])).toEqual([]); // the default window starts in 2000
    expect(EARLIEST_MEASUREMENT.toISOString()).toBe('1999-12-31T17:00:00.000Z');
  });
});

describe('control characters in text fields', () => {
  it.each([
    ['kpiId', { kpiId: 'data_reused\u0000' }],
    ['orgUnitCode', { orgUnitCode: 'X01001\u0000' }],
    ['time', { time: '2026-10-01\u0000' }],
    ['numerator', { numerator: '1\u0007' }],
  ])('refuses NUL or another control character in %s, naming the field', (field, extra) => {
    const result = validateMeasurementBatch([row('2026-10-01'), row('2026-09-01', extra)], ctx());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ index: 1, field, code: 'control_character' })]);
    expect(result.errors[0]!.message.en).toContain(`"${field}"`);
  });

  it('allows tab, line feed and carriage return, refuses C0, DEL and C1 controls', () => {
    expect(['a\tb', 'a\nb', 'a\r\nb', 'Phường Bến Nghé'].map(hasControlCharacter)).toEqual([false, false, false, false]);
    expect(['\u0000', '\u001b[31m', '\u007f', '\u0085'].map(hasControlCharacter)).toEqual([true, true, true, true]);
  });
});
