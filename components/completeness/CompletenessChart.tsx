'use client';
/**
 * One stacked bar per province: the share of its expected reports submitted on time, submitted
 * late and still missing (each bar sums to 100 %). Provinces are listed best first (on-time rate,
 * then reporting rate), so the ones to chase sit at the bottom. A bar click chooses the province.
 */
import { useMemo } from 'react';
import type { ProvinceCompleteness } from '../wireTypes';
import { EChart } from '../charts/EChart';
import { useChartTheme } from '../charts/useChartTheme';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatRate, PART_COLOR } from './completenessView';

/** px per province bar: 34 provinces stay readable without scrolling a wall screen */
const ROW_PX = 22;

export function CompletenessChart({
  provinces,
  selectedId,
  onSelect,
}: {
  provinces: readonly ProvinceCompleteness[];
  selectedId: number | null;
  /** chooses a province by code; absent when choosing means nothing (the provincial set) */
  onSelect?: (code: string) => void;
}) {
  const { t, locale } = useLocale();
  const theme = useChartTheme();
  // ECharts draws a category axis bottom-up: sort worst first so that the best ends on top.
  const rows = useMemo(
    () => [...provinces].sort((a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) || (a.reportingRate ?? -1) - (b.reportingRate ?? -1) || b.code.localeCompare(a.code)),
    [provinces],
  );
  const option = useMemo(() => {
    const text = { color: theme.muted, fontSize: theme.fontSize };
    const share = (n: number, p: ProvinceCompleteness) => (p.expected > 0 ? (100 * n) / p.expected : 0);
    const parts = [
      { key: 'onTime', name: t('completenessOnTime'), color: PART_COLOR.onTime, count: (p: ProvinceCompleteness) => p.onTime },
      { key: 'late', name: t('completenessLate'), color: PART_COLOR.late, count: (p: ProvinceCompleteness) => p.late },
      { key: 'missing', name: t('completenessMissing'), color: PART_COLOR.missing, count: (p: ProvinceCompleteness) => p.missing },
    ] as const;
    return {
      grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { color: theme.text, fontSize: theme.fontSize }, data: parts.map((p) => p.name) },
      xAxis: {
        type: 'value',
        max: 100,
        axisLabel: { ...text, formatter: (v: number) => `${v} %` },
        splitLine: { lineStyle: { color: theme.border } },
      },
      yAxis: {
        type: 'category',
        data: rows.map((p) => p.name),
        axisLabel: {
          ...text,
          color: theme.text,
          // the chosen province stands out in bold
          formatter: (name: string) => (rows.find((p) => p.name === name)?.id === selectedId ? `{b|${name}}` : name),
          rich: { b: { fontWeight: 'bold', color: theme.text, fontSize: theme.fontSize } },
        },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: theme.border } },
      },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: Array<{ dataIndex: number }>) => {
          const p = rows[items[0]?.dataIndex ?? -1];
          if (!p) return '';
          const n = (v: number) => formatNumber(v, 0, locale);
          return [
            `<b>${p.name}</b>`,
            `${t('completenessReportingRate')}: <b>${formatRate(p.reportingRate, locale)}</b> (${n(p.submitted)}/${n(p.expected)})`,
            `${t('completenessOnTime')}: ${n(p.onTime)} · ${t('completenessLate')}: ${n(p.late)} · ${t('completenessMissing')}: ${n(p.missing)}`,
          ].join('<br/>');
        },
      },
      series: parts.map((part) => ({
        type: 'bar',
        name: part.name,
        stack: 'reports',
        barWidth: '70%',
        itemStyle: { color: part.color },
        emphasis: { focus: 'series' },
        data: rows.map((p) => ({
          value: share(part.count(p), p),
          // fade the others when a province is chosen
          itemStyle: { opacity: selectedId === null || selectedId === p.id ? 1 : 0.45 },
        })),
      })),
    };
  }, [rows, theme, t, locale, selectedId]);

  return (
    <EChart
      option={option}
      height={Math.max(160, rows.length * ROW_PX + 60)}
      ariaLabel={t('completenessChartAria')}
      testId="completeness-chart"
      onClick={onSelect ? (params) => {
        const p = rows.find((r) => r.name === params.name);
        if (p) onSelect(p.code);
      } : undefined}
    />
  );
}
