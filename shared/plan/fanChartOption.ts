/**
 * The fan chart's ECharts option, built from a forecast (shared/forecast/types.ts) with no React and
 * no ECharts import, so it is tested as data, and drawn the same by the page (components/plan/FanChart)
 * and by the server's PNG and PDF exports (server/export/exportViews.ts). Per unit, one colour:
 *   - the history as a solid line, continued by the forecast (the median) as a dashed one that starts
 *     on the newest actual, so the two read as one line;
 *   - the intervals as one stack of areas under the same name: an invisible base at the lower 95 %
 *     bound, then the 95 %→80 % strip (light), the 80 % band (darker), the 80 %→95 % strip (light).
 *     Stacking differences (not drawing lo/hi lines and filling between) is how ECharts fills a band;
 *     the stack also starts at the newest actual with zero width, so the fan opens from it.
 * Every series of a unit carries the unit's name: the legend shows one entry per unit and toggles
 * all of its series together.
 */
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { periodLabel, periodUnitOf, VN_OFFSET_MS } from '../domain/periods';
import type { ForecastPoint, ForecastResult, HistoryPoint } from '../forecast/types';
import { niceAxisRange, stepDecimals } from '../charts/niceNumbers';
import { formatNumber, type NumberLocale as Locale } from '../format';

/** the intervals drawn (components/navigation/searchParams.ts PLAN_INTERVALS) */
export type PlanInterval = 'both' | '80' | '95';

/** One colour per unit compared (up to 8), distinguishable for colour-blind readers (Okabe–Ito order). */
export const UNIT_COLORS = ['#0b6fb8', '#d9822b', '#0f9d74', '#c2417f', '#4fa3d9', '#b5481d', '#7a5195', '#5b6573'] as const;

export interface FanUnit {
  id: number;
  name: string;
  color: string;
}

export interface FanChartText {
  target: string;
  forecastStart: string;
  actual: string;
  forecast: string;
  band80: string;
  band95: string;
  /** the KPI's unit as written after a number (%, giờ, điểm …) */
  unit: string;
}

export interface FanChartTheme {
  text: string;
  muted: string;
  border: string;
  fontSize: number;
}

/** How much history the chart shows before the forecast, in the KPI's periods. */
export const HISTORY_SHOWN: Record<ForecastResult['frequency'], number> = { daily: 120, monthly: 36, quarterly: 16 };

/** The time axis runs on Vietnamese wall-clock time, like SeriesChart (ticks on local month starts). */
const wall = (d: Date) => d.getTime() + VN_OFFSET_MS;

function tickLabel(frequency: ForecastResult['frequency'], wallMs: number): string {
  const d = new Date(wallMs);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  if (frequency === 'daily') return `${String(d.getUTCDate()).padStart(2, '0')}/${mm}`;
  return `${mm}/${d.getUTCFullYear()}`;
}

function hexToRgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The strips of a unit's stack, bottom to top: [lower bound of the strip, upper bound]. */
function strips(interval: PlanInterval): Array<{ key: 'base' | 'outer' | 'inner'; lo: (p: ForecastPoint) => number; hi: (p: ForecastPoint) => number }> {
  const base = (lo: (p: ForecastPoint) => number) => ({ key: 'base' as const, lo, hi: lo });
  switch (interval) {
    case '80':
      return [base((p) => p.lo80), { key: 'inner', lo: (p) => p.lo80, hi: (p) => p.hi80 }];
    case '95':
      return [base((p) => p.lo95), { key: 'outer', lo: (p) => p.lo95, hi: (p) => p.hi95 }];
    case 'both':
      return [
        base((p) => p.lo95),
        { key: 'outer', lo: (p) => p.lo95, hi: (p) => p.lo80 },
        { key: 'inner', lo: (p) => p.lo80, hi: (p) => p.hi80 },
        { key: 'outer', lo: (p) => p.hi80, hi: (p) => p.hi95 },
      ];
  }
}

/** The newest actual as a zero-width forecast point: the fan opens from it. */
function anchorOf(history: readonly HistoryPoint[]): ForecastPoint | null {
  const last = history.at(-1);
  return last ? { period: last.period, mean: last.value, lo80: last.value, hi80: last.value, lo95: last.value, hi95: last.value } : null;
}

export interface FanChartInput {
  result: ForecastResult;
  units: readonly FanUnit[];
  interval: PlanInterval;
  kpi: Pick<KpiDefinition, 'unit' | 'decimals' | 'target'>;
  theme: FanChartTheme;
  locale: Locale;
  text: FanChartText;
}

export function fanChartOption({ result, units, interval, kpi, theme, locale, text }: FanChartInput): Record<string, unknown> {
  const frequency = result.frequency;
  const fmt = (v: number) => formatNumber(v, kpi.decimals, locale);
  const withUnit = (v: number) => `${fmt(v)} ${text.unit}`;
  const shown = units.flatMap((unit) => {
    const f = result.units.find((u) => u.orgUnitId === unit.id);
    return f ? [{ unit, history: f.history.slice(-HISTORY_SHOWN[frequency]), forecast: f.forecast }] : [];
  });

  const series: Array<Record<string, unknown>> = [];
  const values: number[] = [];
  let forecastStart: number | null = null;
  for (const { unit, history, forecast } of shown) {
    values.push(...history.map((p) => p.value));
    series.push({
      type: 'line',
      name: unit.name,
      id: `history-${unit.id}`,
      data: history.map((p) => [wall(p.period), p.value]),
      showSymbol: history.length <= 40,
      symbolSize: 5,
      lineStyle: { width: 2.5, color: unit.color },
      itemStyle: { color: unit.color },
      z: 3,
    });
    const anchor = anchorOf(history);
    if (forecast.length === 0) continue;
    const fan = anchor ? [anchor, ...forecast] : forecast;
    if (anchor) forecastStart = Math.max(forecastStart ?? -Infinity, wall(anchor.period));
    for (const p of forecast) values.push(interval === '80' ? p.lo80 : p.lo95, interval === '80' ? p.hi80 : p.hi95, p.mean);
    for (const [i, strip] of strips(interval).entries()) {
      series.push({
        type: 'line',
        name: unit.name,
        id: `band-${unit.id}-${i}`,
        stack: `fan-${unit.id}`,
        stackStrategy: 'all',
        data: fan.map((p) => [wall(p.period), strip.key === 'base' ? strip.lo(p) : strip.hi(p) - strip.lo(p)]),
        symbol: 'none',
        silent: true,
        lineStyle: { opacity: 0 },
        areaStyle: strip.key === 'base' ? undefined : { color: hexToRgba(unit.color, strip.key === 'inner' ? 0.36 : 0.16) },
        tooltip: { show: false },
        z: 1,
      });
    }
    series.push({
      type: 'line',
      name: unit.name,
      id: `forecast-${unit.id}`,
      data: fan.map((p) => [wall(p.period), p.mean]),
      showSymbol: fan.length <= 40,
      symbol: 'emptyCircle',
      symbolSize: 5,
      lineStyle: { width: 2.5, type: 'dashed', color: unit.color },
      itemStyle: { color: unit.color },
      z: 4,
    });
  }

  // The target and the forecast's start, on the first unit's history line.
  const first = series[0];
  if (first) {
    first.markLine = {
      silent: true,
      symbol: 'none',
      label: { color: theme.text, fontSize: theme.fontSize },
      data: [
        { yAxis: kpi.target.value, lineStyle: { type: 'dashed', color: theme.text, width: 1.5, opacity: 0.7 }, label: { position: 'insideEndTop', formatter: () => `${text.target} ${withUnit(kpi.target.value)}` } },
        ...(forecastStart === null ? [] : [{ xAxis: forecastStart, lineStyle: { type: 'dotted', color: theme.muted, width: 1 }, label: { position: 'insideStartTop', formatter: () => text.forecastStart } }]),
      ],
    };
  }

  // The tooltip reads the numbers of the hovered period from the data, not from the stacked strips.
  const byPeriod = new Map<number, Array<{ unit: FanUnit; actual?: number; point?: ForecastPoint }>>();
  const rowOf = (ms: number, unit: FanUnit) => {
    let rows = byPeriod.get(ms);
    if (!rows) byPeriod.set(ms, (rows = []));
    let row = rows.find((r) => r.unit.id === unit.id);
    if (!row) rows.push((row = { unit }));
    return row;
  };
  for (const { unit, history, forecast } of shown) {
    for (const p of history) rowOf(wall(p.period), unit).actual = p.value;
    for (const p of forecast) rowOf(wall(p.period), unit).point = p;
  }
  type TooltipItem = { value: [number, number]; axisValue?: number };
  const tooltipFormatter = (params: TooltipItem[] | TooltipItem) => {
    const items = Array.isArray(params) ? params : [params];
    if (items.length === 0) return '';
    // each line offers its point nearest the pointer: the period is the one nearest of those
    const pointer = items[0]!.axisValue ?? items[0]!.value[0];
    const ms = items.map((i) => i.value[0]).reduce((best, x) => (Math.abs(x - pointer) < Math.abs(best - pointer) ? x : best));
    const rows = byPeriod.get(ms) ?? [];
    const lines = rows.map(({ unit, actual, point }) => {
      const dot = `<span style="display:inline-block;width:10px;height:10px;border-radius:50%;background:${unit.color};margin-right:6px"></span>`;
      if (point) {
        const parts = [`${text.forecast} <b>${withUnit(point.mean)}</b>`];
        if (interval !== '95') parts.push(`${text.band80} ${fmt(point.lo80)} – ${fmt(point.hi80)}`);
        if (interval !== '80') parts.push(`${text.band95} ${fmt(point.lo95)} – ${fmt(point.hi95)}`);
        return `${dot}${unit.name}: ${parts.join(' · ')}`;
      }
      return `${dot}${unit.name}: ${text.actual} <b>${actual === undefined ? '—' : withUnit(actual)}</b>`;
    });
    return [periodLabel(periodUnitOf(frequency), new Date(ms - VN_OFFSET_MS)), ...lines].join('<br/>');
  };

  const range = niceAxisRange(values, [kpi.target.value], { percent: kpi.unit === 'percent' });
  const axisDecimals = Math.min(kpi.decimals, stepDecimals(range.interval));
  const axisText = { color: theme.muted, fontSize: theme.fontSize };
  return {
    useUTC: true,
    color: units.map((u) => u.color),
    legend: units.length > 1 ? { top: 0, data: units.map((u) => u.name), textStyle: { color: theme.text, fontSize: theme.fontSize } } : { show: false },
    grid: { left: 12, right: 28, top: units.length > 1 ? 40 : 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'time',
      axisLabel: { ...axisText, hideOverlap: true, formatter: (v: number) => tickLabel(frequency, v) },
      axisLine: { lineStyle: { color: theme.border } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      ...range,
      axisLabel: { ...axisText, formatter: (v: number) => formatNumber(v, axisDecimals, locale) },
      splitLine: { lineStyle: { color: theme.border } },
    },
    tooltip: { trigger: 'axis', formatter: tooltipFormatter },
    series,
  };
}
