/** The "7 ngày" range: by hour, with hourly buckets for a daily KPI; steps only where a KPI is coarser. */
import { describe, expect, it } from 'vitest';
import { rangeWindow } from '../../components/kpi/ranges';
import { seriesGranularity } from '../../server/domain/seriesGranularity';

const at = (iso: string) => new Date(iso);

describe('the 7-day range', () => {
  const now = at('2026-11-27T15:25:00+07:00');

  it('asks for hours: from local midnight six days back to the end of the current hour', () => {
    const w = rangeWindow('7d', {}, now);
    expect(w.resolution).toBe('hour');
    expect(w.from).toEqual(at('2026-11-21T00:00:00+07:00'));
    expect(w.to).toEqual(at('2026-11-27T16:00:00+07:00'));
  });

  it('reads a daily KPI from hourly buckets, so the chart draws hours, not daily steps', () => {
    expect(seriesGranularity(rangeWindow('7d', {}, now).resolution, 'daily')).toBe('hour');
  });
});

describe('seriesGranularity', () => {
  it('is the resolution when the KPI has data that fine', () => {
    expect(seriesGranularity('hour', 'daily')).toBe('hour');
    expect(seriesGranularity('day', 'daily')).toBe('day');
    expect(seriesGranularity('month', 'daily')).toBe('month');
    expect(seriesGranularity('month', 'monthly')).toBe('month');
  });

  it("holds a monthly or quarterly KPI's period at a finer resolution (one report per period)", () => {
    expect(seriesGranularity('hour', 'monthly')).toBe('monthly');
    expect(seriesGranularity('day', 'monthly')).toBe('monthly');
    expect(seriesGranularity('month', 'quarterly')).toBe('quarterly');
  });
});
