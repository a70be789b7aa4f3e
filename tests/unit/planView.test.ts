/**
 * The forecast view's state (components/plan/planState.ts, read alike by app/plan/page.tsx and
 * PlanPage) and its fan chart's option (components/plan/fanChartOption.ts), as data.
 */
import { describe, expect, it } from 'vitest';
import { loadPlanParams } from '../../components/navigation/searchParams';
import { fanChartOption, UNIT_COLORS, type FanChartInput } from '../../components/plan/fanChartOption';
import { defaultPlanUnit, PLAN_MAX_UNITS, resolveHorizon, resolvePlanKpi, resolvePlanUnits, type PlanUnit } from '../../components/plan/planState';
import { kpiCatalogue } from '../../kpi-definitions';
import type { ForecastResult, UnitForecast } from '../../shared/forecast/types';

const nation: PlanUnit = { id: 1, code: 'VN', name: 'Toàn quốc' };
const provinces: PlanUnit[] = ['01', '48', '52', '56', '79', '92', '96', '04', '08'].map((code, i) => ({ id: 10 + i, code, name: `Tỉnh ${code}` }));
const offered = [nation, ...provinces];

describe('forecast view state from the URL', () => {
  it('reads the keys with the interval default, units as a comma list', () => {
    expect(loadPlanParams(new URLSearchParams('kpi=results_issued_electronic&units=48,52&horizon=9&interval=80'))).toEqual({ kpi: 'results_issued_electronic', units: ['48', '52'], horizon: 9, interval: '80', all: null });
    expect(loadPlanParams(new URLSearchParams('interval=50'))).toEqual({ kpi: null, units: null, horizon: null, interval: 'both', all: null });
    expect(loadPlanParams(new URLSearchParams('all=communes')).all).toBe('communes');
    expect(loadPlanParams(new URLSearchParams('all=everything')).all).toBeNull();
  });

  it('keeps a horizon the KPI offers, else the frequency’s default (90 days at most, 12 periods otherwise)', () => {
    expect(resolveHorizon(90, 'daily')).toBe(90);
    expect(resolveHorizon(91, 'daily')).toBe(30);
    expect(resolveHorizon(12, 'monthly')).toBe(12);
    expect(resolveHorizon(30, 'monthly')).toBe(6);
    expect(resolveHorizon(null, 'quarterly')).toBe(4);
  });

  it('falls back to the service index for an unknown KPI', () => {
    expect(resolvePlanKpi('nope', kpiCatalogue.byId)?.id).toBe('service_index');
    expect(resolvePlanKpi('results_issued_electronic', kpiCatalogue.byId)?.id).toBe('results_issued_electronic');
  });

  it('keeps known units in order, once each, at most eight; none known → the default', () => {
    expect(resolvePlanUnits(['52', 'xx', '48', '52'], offered, nation).map((u) => u.code)).toEqual(['52', '48']);
    expect(resolvePlanUnits(['xx'], offered, nation)).toEqual([nation]);
    expect(resolvePlanUnits(offered.map((u) => u.code), offered, nation)).toHaveLength(PLAN_MAX_UNITS);
  });

  it('starts on the viewer’s province, else the nation', () => {
    expect(defaultPlanUnit({ scopeProvinceId: 11 }, offered, nation).code).toBe('48');
    expect(defaultPlanUnit({ scopeProvinceId: null }, offered, nation)).toBe(nation);
    expect(defaultPlanUnit(null, offered, nation)).toBe(nation);
  });
});

const month = (i: number) => new Date(Date.UTC(2026, i, 1) - 7 * 3600_000);

function unitForecast(orgUnitId: number, level: number): UnitForecast {
  return {
    orgUnitId,
    verdict: 'ok',
    history: Array.from({ length: 12 }, (_, i) => ({ period: month(i - 1), value: level + i })),
    forecast: Array.from({ length: 3 }, (_, i) => ({ period: month(11 + i), mean: level + 12 + i, lo80: level + 10 + i, hi80: level + 14 + i, lo95: level + 8 + i, hi95: level + 16 + i })),
    model: null,
    backtest: null,
  };
}

const input = (interval: FanChartInput['interval'], unitIds = [10, 11]): FanChartInput => ({
  result: { kpiId: 'results_issued_electronic', frequency: 'monthly', horizon: 3, asOf: month(10), units: unitIds.map((id, i) => unitForecast(id, 40 + 20 * i)) } satisfies ForecastResult,
  units: unitIds.map((id, i) => ({ id, name: `U${id}`, color: UNIT_COLORS[i]! })),
  interval,
  kpi: { unit: 'percent', decimals: 1, target: { value: 90, by: '2026-12-31' } },
  theme: { text: '#000', muted: '#555', border: '#ddd', fontSize: 12 },
  locale: 'vi',
  text: { target: 'Chỉ tiêu', forecastStart: 'Bắt đầu dự báo', actual: 'Thực tế', forecast: 'Dự báo', band80: 'Khoảng 80 %', band95: 'Khoảng 95 %', unit: '%' },
});

type Series = { id: string; name: string; stack?: string; data: Array<[number, number]> };

describe('fan chart option', () => {
  it('stacks the bands so that their tops are the interval bounds, opening from the newest actual', () => {
    const series = fanChartOption(input('both')).series as Series[];
    const bands = series.filter((s) => s.id.startsWith('band-10-'));
    expect(bands.map((b) => b.stack)).toEqual(['fan-10', 'fan-10', 'fan-10', 'fan-10']);
    // cumulative tops at the first forecast period: lo95, lo80, hi80, hi95
    const tops = bands.map((_, i) => bands.slice(0, i + 1).reduce((sum, b) => sum + b.data[1]![1], 0));
    expect(tops).toEqual([48, 50, 54, 56]);
    // the anchor: the newest actual, zero width
    expect(bands.map((b) => b.data[0]![1])).toEqual([51, 0, 0, 0]);
    const forecast = series.find((s) => s.id === 'forecast-10')!;
    expect(forecast.data.map((d) => d[1])).toEqual([51, 52, 53, 54]);
  });

  it('draws one interval alone when asked, and names every series after its unit', () => {
    const series = fanChartOption(input('80')).series as Series[];
    const bands = series.filter((s) => s.id.startsWith('band-11-'));
    expect(bands).toHaveLength(2);
    expect(bands[0]!.data[1]![1] + bands[1]!.data[1]![1]).toBe(74); // hi80 of the second unit
    expect(new Set(series.map((s) => s.name))).toEqual(new Set(['U10', 'U11']));
  });

  it('shows a legend only when comparing, and the y axis holds the bands and the target', () => {
    expect(fanChartOption(input('both', [10])).legend).toEqual({ show: false });
    const axis = fanChartOption(input('95')).yAxis as { min: number; max: number };
    expect(axis.min).toBeLessThanOrEqual(48);
    expect(axis.max).toBeGreaterThanOrEqual(90);
    expect(axis.max).toBeLessThanOrEqual(100);
  });
});
