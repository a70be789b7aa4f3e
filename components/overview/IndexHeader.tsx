'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { EChart } from '../charts/EChart';
import { useChartTheme } from '../charts/useChartTheme';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { BandBadge } from '../kpi/BandBadge';
import { explainHref } from '../explain/explainHref';
import { ChangeArrow } from '../kpi/ChangeArrow';
import { sparklineWindow } from '../kpi/ranges';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { BAND_COLOR } from '../map/ProvinceMap';
import { useTRPC } from '../trpc';
import { IndexGroupBars } from './IndexGroupBars';

/** The composite 100-point service index of a unit: value, band, change, its five groups, its trend. */
export function IndexHeader({ unit }: { unit: OrgUnit }) {
  const trpc = useTRPC();
  const { t, locale } = useLocale();
  // Canvas text cannot inherit CSS colours: axis and bar labels follow the page theme (kiosk is dark).
  const theme = useChartTheme();
  const kiosk = useKiosk();
  const kpi = useKpiCatalogue().byId.get('service_index');
  const current = useQuery(trpc.values.current.queryOptions({ orgUnitId: unit.id, kpiIds: ['service_index'] }));
  const window = useMemo(() => ({ ...sparklineWindow('quarterly'), resolution: 'month' as const }), []);
  const trend = useQuery(trpc.values.series.queryOptions({ kpiId: 'service_index', orgUnitId: unit.id, ...window }));
  const snap = current.data?.[0];
  const trendOption = useMemo(
    () => ({
      grid: { left: 36, right: 12, top: 10, bottom: 24 },
      xAxis: { type: 'time', axisLabel: { color: theme.muted, fontSize: theme.fontSize, hideOverlap: true, formatter: (v: number) => periodLabel('month', new Date(v)) } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: theme.muted, fontSize: theme.fontSize }, splitLine: { lineStyle: { opacity: 0.3 } } },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v, 1, locale) },
      series: [
        {
          type: 'line',
          smooth: true,
          sampling: 'lttb',
          data: (trend.data ?? []).map((p) => [p.period.getTime(), p.value]),
          lineStyle: { width: 3, color: BAND_COLOR[snap?.band ?? 'average'] },
          areaStyle: { opacity: 0.1, color: BAND_COLOR[snap?.band ?? 'average'] },
          showSymbol: false,
        },
      ],
    }),
    [trend.data, snap?.band, locale, theme],
  );

  if (!kpi) return null;
  return (
    <section className="index-header" aria-labelledby="index-title">
      <div className="index-main">
        <h2 id="index-title">{t('serviceIndex')}</h2>
        <p className="index-value">
          <span data-testid="index-value">{formatNumber(snap?.value ?? null, 1, locale)}</span>
          <span className="index-unit">/100 {t('points')}</span>
        </p>
        <p>
          <BandBadge band={snap?.band ?? null} /> <ChangeArrow kpi={kpi} value={snap?.value ?? null} previous={snap?.previousValue ?? null} href={withKiosk(explainHref(kpi.id, unit.code), kiosk)} />{' '}
          <span className="small muted">{t('previousPeriod')}</span>
        </p>
        <p className="small muted">
          {/* the period the value is for, labelled as the standing panel and the scorecard label theirs */}
          <span data-testid="index-period">
            {t('period')} {snap?.period ? periodLabel(periodUnitOf(kpi.frequency), snap.period) : '—'}
          </span>{' '}
          · {t('target')} {formatNumber(kpi.target.value, 0, locale)} {t('points')}
        </p>
      </div>
      <div className="index-groups">{snap?.groups ? <IndexGroupBars groups={snap.groups} label={`${t('serviceIndex')}: groups`} /> : null}</div>
      <div className="index-trend">
        <EChart option={trendOption} height={150} ariaLabel={`${t('serviceIndex')}: ${t('series')}`} />
      </div>
    </section>
  );
}
