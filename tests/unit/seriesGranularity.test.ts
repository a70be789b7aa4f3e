/** The "7 ngày" range: by hour, with hourly buckets for a daily KPI; steps only where a KPI is coarser. */
import { describe, expect, it } from 'vitest';
import { rangeWindow } from '../../components/kpi/ranges';
import { kpiCatalogue } from '../../kpi-definitions';
import { heldAsStep, seriesGranularity } from '../../shared/domain/seriesGranularity';

const at = (iso: string) => new Date(iso);
const daily = kpiCatalogue.get('dossiers_on_time');
const monthly = kpiCatalogue.get('procedures_published_full');
const index = kpiCatalogue.get('service_index');

describe('the 7-day range', () => {
  const now = at('2026-11-27T15:25:00+07:00');

  it('asks for hours: from local midnight six days back to the end of the current hour', () => {
    const w = rangeWindow('7d', {}, now);
    expect(w.resolution).toBe('hour');
    expect(w.from).toEqual(at('2026-11-21T00:00:00+07:00'));
    expect(w.to).toEqual(at('2026-11-27T16:00:00+07:00'));
  });

  it('reads a daily KPI from hourly buckets, so the chart draws hours, not daily steps', () => {
    const { resolution } = rangeWindow('7d', {}, now);
    expect(daily.frequency).toBe('daily');
    expect(seriesGranularity(resolution, daily)).toBe('hour');
    expect(heldAsStep(resolution, daily)).toBe(false);
  });

  it('draws the daily composite index as daily steps, and says so (it is computed per day)', () => {
    const { resolution } = rangeWindow('7d', {}, now);
    expect(seriesGranularity(resolution, index)).toBe('day');
    expect(heldAsStep(resolution, index)).toBe(true);
  });
});

describe('seriesGranularity', () => {
  it('is the resolution when the KPI has values that fine', () => {
    expect(seriesGranularity('day', daily)).toBe('day');
    expect(seriesGranularity('month', daily)).toBe('month');
    expect(seriesGranularity('month', monthly)).toBe('month');
    expect(heldAsStep('month', monthly)).toBe(false);
  });

  it("holds a monthly KPI's month at a finer resolution (one report per month)", () => {
    expect(seriesGranularity('hour', monthly)).toBe('month');
    expect(seriesGranularity('day', monthly)).toBe('month');
    expect(heldAsStep('day', monthly)).toBe(true);
  });
});
