'use client';
/**
 * One KPI over time for one unit: a line on a time axis with the target as a dashed line. When the
 * KPI is reported less often than the chart's resolution (a monthly KPI by day), each period's
 * value is held as a step until the next, which is what the numbers mean.
 */
import { useMemo } from 'react';
import { BAND_LABELS, bandFor } from '../../kpi-definitions/bands';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { periodLabel, VN_OFFSET_MS, type Resolution } from '../../shared/domain/periods';
import { heldAsStep, seriesGranularity } from '../../shared/domain/seriesGranularity';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';
import { EChart } from './EChart';
import { niceAxisRange, stepDecimals } from './niceNumbers';
import { useChartTheme } from './useChartTheme';

const LINE_COLOR = '#3b82c4';

/**
 * The chart's time axis runs on Vietnamese wall-clock time whatever the browser's time zone (a wall
 * screen's box often runs UTC): instants are shifted by +07:00 and the axis reads them as UTC, so
 * ticks fall on Vietnamese midnights and month starts.
 */
const toWallClock = (ms: number) => ms + VN_OFFSET_MS;
const fromWallClock = (ms: number) => ms - VN_OFFSET_MS;

/** A time-axis tick (wall-clock ms): 27/11 for days and hours, 11/2026 for months. */
function tickLabel(resolution: Resolution, wallClockMs: number): string {
  const local = new Date(wallClockMs);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return resolution === 'month' ? `${mm}/${local.getUTCFullYear()}` : `${dd}/${mm}`;
}

export interface SeriesChartProps {
  kpi: KpiDefinition;
  points: ReadonlyArray<{ period: Date; value: number | null }>;
  resolution: Resolution;
  /** the requested window, so the axis shows all of it even where there is no data */
  from: Date;
  to: Date;
  ariaLabel: string;
  height?: number;
}

export function SeriesChart({ kpi, points, resolution, from, to, ariaLabel, height = 300 }: SeriesChartProps) {
  const { t, l, locale } = useLocale();
  const theme = useChartTheme();
  const option = useMemo(() => {
    const data = points.filter((p) => p.value !== null).map((p) => [toWallClock(p.period.getTime()), p.value as number]);
    // the period a point stands for: held as a step when coarser than the chart's resolution
    const labelPeriod = seriesGranularity(resolution, kpi);
    const range = niceAxisRange(
      data.map((d) => d[1]!),
      [kpi.target.value],
      { percent: kpi.unit === 'percent' },
    );
    const axisDecimals = Math.min(kpi.decimals, stepDecimals(range.interval));
    const text = { color: theme.muted, fontSize: theme.fontSize };
    return {
      useUTC: true,
      grid: { left: 12, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: {
        type: 'time',
        min: toWallClock(from.getTime()),
        max: toWallClock(to.getTime()),
        axisLabel: { ...text, hideOverlap: true, formatter: (v: number) => tickLabel(resolution, v) },
        axisLine: { lineStyle: { color: theme.border } },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        ...range,
        axisLabel: { ...text, formatter: (v: number) => formatNumber(v, axisDecimals, locale) },
        splitLine: { lineStyle: { color: theme.border } },
      },
      tooltip: {
        trigger: 'axis',
        formatter: (items: Array<{ value: [number, number] }>) => {
          const item = items[0];
          if (!item) return '';
          const [ms, value] = item.value;
          const band = l(BAND_LABELS[bandFor(kpi, value)]);
          return `${periodLabel(labelPeriod, new Date(fromWallClock(ms)))}<br/><b>${formatKpiValue(kpi, value, locale)}</b> · ${band}`;
        },
      },
      series: [
        {
          type: 'line',
          name: l(kpi.name),
          data,
          sampling: 'lttb',
          step: heldAsStep(resolution, kpi) ? 'end' : false,
          showSymbol: data.length <= 40,
          symbolSize: 5,
          lineStyle: { width: 2.5, color: LINE_COLOR },
          itemStyle: { color: LINE_COLOR },
          areaStyle: { color: LINE_COLOR, opacity: 0.07 },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: theme.text, width: 1.5, opacity: 0.7 },
            label: { position: 'insideEndTop', color: theme.text, fontSize: theme.fontSize, formatter: () => `${t('target')} ${formatKpiValue(kpi, kpi.target.value, locale)}` },
            data: [{ yAxis: kpi.target.value }],
          },
        },
      ],
    };
  }, [points, resolution, from, to, kpi, theme, t, l, locale]);

  if (!points.some((p) => p.value !== null)) {
    return (
      <div className="chart-empty" style={{ height }} role="img" aria-label={ariaLabel}>
        <p className="muted">{t('noDataInRange')}</p>
      </div>
    );
  }
  return <EChart option={option} height={height} ariaLabel={ariaLabel} testId="series-chart" />;
}
