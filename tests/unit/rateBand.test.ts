/**
 * Completeness rates are drawn in their band's colour: the bands of reports_submitted_on_time
 * (good ≥ 98 %, fair ≥ 95 %, average ≥ 90 %, weak ≥ 80 %, poor below), so 0 % is never green.
 */
import { describe, expect, it } from 'vitest';
import { rateBand, reportsDue } from '../../components/completeness/completenessView';

describe('rateBand', () => {
  it('puts an on-time rate of 0 % in the poor band, not the good one', () => {
    expect(rateBand(0)).toBe('poor');
  });

  it.each([
    [1, 'good'],
    [0.98, 'good'],
    [0.979, 'fair'],
    [0.95, 'fair'],
    [0.93, 'average'],
    [0.85, 'weak'],
    [0.799, 'poor'],
  ] as const)('puts %s in the %s band (bounds inclusive)', (rate, band) => {
    expect(rateBand(rate)).toBe(band);
  });

  it('gives no band when nothing is expected', () => {
    expect(rateBand(null)).toBeNull();
  });
});

describe('rates before the deadline', () => {
  const data = { kpis: [{ deadline: new Date('2026-12-05T17:00:00Z') }, { deadline: new Date('2026-12-10T17:00:00Z') }] } as never;

  it('are not banded while any report of the period is not due yet (a rate filling up is not "poor")', () => {
    const before = new Date('2026-12-08T03:00:00Z');
    expect(reportsDue(data, before)).toBe(false);
    expect(rateBand(0.142, reportsDue(data, before))).toBeNull();
  });

  it('are banded once every deadline has passed', () => {
    const after = new Date('2026-12-11T03:00:00Z');
    expect(reportsDue(data, after)).toBe(true);
    expect(rateBand(0.142, reportsDue(data, after))).toBe('poor');
  });
});
