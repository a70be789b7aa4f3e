/** Local days to a report deadline: the last allowed day is the day before the deadline's midnight. */
import { describe, expect, it } from 'vitest';
import { daysToDeadline, lastDayBefore } from '../../shared/domain/daysToDeadline';
import { reportDeadline } from '../../shared/domain/periods';

const at = (iso: string) => new Date(iso);

describe('daysToDeadline', () => {
  // November 2026, due five days after the month: 6/12/2026 00:00 in Hà Nội, so by the end of 5/12
  const deadline = reportDeadline('month', at('2026-11-01T00:00:00+07:00'), 5);

  it('puts the deadline at the local midnight after the last allowed day', () => {
    expect(deadline).toEqual(at('2026-12-06T00:00:00+07:00'));
    expect(lastDayBefore(deadline)).toEqual(at('2026-12-05T23:59:59.999+07:00'));
  });

  it('counts days left in local calendar days', () => {
    expect(daysToDeadline(deadline, at('2026-12-01T00:30:00+07:00'))).toBe(4);
    // 23:30 on 4/12 in Hà Nội is still the 4th there, though already 16:30 UTC
    expect(daysToDeadline(deadline, at('2026-12-04T23:30:00+07:00'))).toBe(1);
    expect(daysToDeadline(deadline, at('2026-12-05T06:00:00+07:00'))).toBe(0);
    expect(daysToDeadline(deadline, at('2026-12-05T23:59:59+07:00'))).toBe(0);
  });

  it('counts days overdue as negative, from the first minute after the deadline', () => {
    expect(daysToDeadline(deadline, deadline)).toBe(-1);
    expect(daysToDeadline(deadline, at('2026-12-06T20:00:00+07:00'))).toBe(-1);
    expect(daysToDeadline(deadline, at('2026-12-09T01:00:00+07:00'))).toBe(-4);
  });
});
