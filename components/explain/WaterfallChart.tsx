'use client';
/**
 * A waterfall drawn with ECharts' stacked bars: an invisible bar lifts each step to where the
 * running total stood, a coloured one spans the step. Horizontal, so that long Vietnamese unit
 * names read on a phone as on a wall: the previous value on top, the steps in rank order, the
 * current value at the bottom. Colour says good or bad news by the KPI's direction, the sign says
 * it without colour.
 */
import { useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { EChart } from '../charts/EChart';
import { niceAxisRange } from '../charts/niceNumbers';
import { useChartTheme } from '../charts/useChartTheme';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';

export interface WaterfallBar {
  label: string;
  /** a total (the start or end value) or a step (a contribution) */
  kind: 'total' | 'step';
  value: number;
}

const TOTAL_COLOR = '#3b6ea8';
const GOOD_COLOR = '#1a7f37';
const BAD_COLOR = '#c62828';

/** Running totals of the bars: where each bar starts and ends on the value axis. */
export function waterfallSpans(bars: readonly WaterfallBar[]): Array<{ from: number; to: number }> {
  let run = 0;
  return bars.map((b) => {
    if (b.kind === 'total') {
      run = b.value;
      return { from: 0, to: b.value };
    }
    const from = run;
    run += b.value;
    return { from, to: run };
  });
}

export function WaterfallChart({
  kpi,
  bars,
  decimals,
  ariaLabel,
  testId,
}: {
  kpi: Pick<KpiDefinition, 'direction' | 'decimals'>;
  bars: readonly WaterfallBar[];
  /** decimals of the steps (contributions are finer than the values) */
  decimals: number;
  ariaLabel: string;
  testId?: string;
}) {
  const theme = useChartTheme();
  const { locale } = useLocale();
  const option = useMemo(() => {
    const spans = waterfallSpans(bars);
    const levels = spans.flatMap((s, i) => (bars[i]!.kind === 'total' ? [s.to] : [s.from, s.to]));
    const lo = Math.min(...levels);
    const hi = Math.max(...levels);
    // room below the lowest level, so that the totals' bars have a visible length
    const floor = Math.max(0, lo - Math.max(hi - lo, Math.abs(hi) * 0.02));
    const axis = niceAxisRange(levels, [floor]);
    const min = Math.max(0, axis.min);
    const goodWhenUp = kpi.direction === 'higher_is_better';
    const colorOf = (b: WaterfallBar) => (b.kind === 'total' ? TOTAL_COLOR : b.value >= 0 === goodWhenUp ? GOOD_COLOR : BAD_COLOR);
    const signed = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(v, decimals, locale)}`;
    const labelOf = (i: number) => {
      const b = bars[i]!;
      return b.kind === 'total' ? formatNumber(b.value, kpi.decimals, locale) : signed(b.value);
    };
    return {
      grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true },
      xAxis: {
        type: 'value',
        min,
        max: axis.max,
        interval: axis.interval,
        axisLabel: { color: theme.muted, fontSize: theme.fontSize, formatter: (v: number) => formatNumber(v, Math.max(0, kpi.decimals - 1), locale) },
        splitLine: { lineStyle: { opacity: 0.3 } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((b) => b.label),
        axisTick: { show: false },
        axisLabel: { color: theme.text, fontSize: theme.fontSize, width: 210, overflow: 'truncate' },
      },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const i = params[0]?.dataIndex ?? 0;
          return `${bars[i]!.label}: <b>${labelOf(i)}</b>`;
        },
      },
      series: [
        {
          type: 'bar',
          stack: 'waterfall',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: spans.map((s, i) => (bars[i]!.kind === 'total' ? 0 : Math.min(s.from, s.to))),
        },
        {
          type: 'bar',
          stack: 'waterfall',
          barMaxWidth: 22,
          data: spans.map((s, i) => ({ value: Math.abs(s.to - s.from), itemStyle: { color: colorOf(bars[i]!), borderRadius: 2 } })),
          label: { show: true, position: 'right', color: theme.text, fontSize: theme.fontSize, formatter: (p: { dataIndex: number }) => labelOf(p.dataIndex) },
        },
      ],
    };
  }, [bars, decimals, kpi.direction, kpi.decimals, locale, theme]);
  return <EChart option={option} height={Math.max(160, bars.length * 30 + 40)} ariaLabel={ariaLabel} testId={testId} />;
}
