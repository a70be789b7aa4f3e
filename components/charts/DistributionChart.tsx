'use client';
/**
 * How a KPI's values spread over units (the communes of a province): bars of unit counts per value
 * bin, each bar coloured by the band its centre falls in. A table carries the same numbers in words.
 */
import { useMemo } from 'react';
import { BAND_LABELS, bandFor } from '../../kpi-definitions/bands';
import type { BandId, KpiDefinition } from '../../kpi-definitions/schema';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { unitLabel } from '../kpi/units';
import { BAND_COLOR } from '../map/ProvinceMap';
import { EChart } from './EChart';
import { histogramBins } from './histogramBins';
import { stepDecimals } from './niceNumbers';
import { useChartTheme } from './useChartTheme';

export function DistributionChart({ kpi, values, countWords, ariaLabel, height = 260 }: { kpi: KpiDefinition; values: readonly number[]; /** a bar's count in words, "1 commune" */ countWords: (n: number) => string; ariaLabel: string; height?: number }) {
  const { l, t, locale } = useLocale();
  const theme = useChartTheme();
  const bins = useMemo(() => histogramBins(values), [values]);
  const rows = useMemo(() => {
    const decimals = bins.length ? Math.min(3, stepDecimals(bins[0]!.hi - bins[0]!.lo)) : 0;
    const unit = unitLabel(kpi.unit, locale);
    return bins.map((b) => {
      const band: BandId = bandFor(kpi, (b.lo + b.hi) / 2);
      return { ...b, band, label: `${formatNumber(b.lo, decimals, locale)}–${formatNumber(b.hi, decimals, locale)} ${unit}` };
    });
  }, [bins, kpi, locale]);
  const option = useMemo(() => {
    const text = { color: theme.muted, fontSize: theme.fontSize };
    return {
      grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { ...text, interval: 0, rotate: rows.length > 5 ? 35 : 0 },
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: theme.border } },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: text,
        splitLine: { lineStyle: { color: theme.border } },
      },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex];
          return r ? `${r.label}<br/><b>${countWords(r.count)}</b> · ${l(BAND_LABELS[r.band])}` : '';
        },
      },
      series: [
        {
          type: 'bar',
          barCategoryGap: '8%',
          data: rows.map((r) => ({ value: r.count, itemStyle: { color: BAND_COLOR[r.band], borderRadius: [3, 3, 0, 0] } })),
          label: { show: true, position: 'top', color: theme.text, fontSize: theme.fontSize, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        },
      ],
    };
  }, [rows, theme, countWords, l]);

  if (rows.length === 0) return <p className="muted">{t('noData')}</p>;
  return (
    <figure className="distribution">
      <EChart option={option} height={height} ariaLabel={ariaLabel} testId="distribution-chart" />
      {/* The same numbers as words; the wrapper hides it (a table would not keep the 1px box). */}
      <div className="sr-only">
        <table>
          <caption>{ariaLabel}</caption>
          <tbody>
            {rows.map((r) => (
              <tr key={r.lo}>
                <th scope="row">{r.label}</th>
                <td>
                  {countWords(r.count)}
                </td>
                <td>{l(BAND_LABELS[r.band])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
