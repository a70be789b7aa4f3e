'use client';
import { useQueryStates } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { seriesGranularity, type SeriesGranularity } from '../../shared/domain/seriesGranularity';
import { SeriesChart } from '../charts/SeriesChart';
import { formatDate } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { rangeParams } from '../navigation/searchParams';
import { useTRPC } from '../trpc';
import { KpiSelect } from './KpiSelect';
import { RangePicker } from './RangePicker';
import { defaultRange, rangeFromParams, rangePatch, resolveRange } from './rangeState';

/** What a point of the chart stands for, as the caption says it (the chart draws the same). */
const GRANULARITY_WORDS: Record<SeriesGranularity, MessageKey> = {
  hour: 'byHour',
  day: 'byDay',
  month: 'byMonth',
  quarter: 'byQuarter',
};

function sameKpiAndUnit(queryKey: readonly unknown[] | undefined, kpiId: string, orgUnitId: number): boolean {
  const input = (queryKey?.[1] as { input?: { kpiId?: unknown; orgUnitId?: unknown } } | undefined)?.input;
  return input?.kpiId === kpiId && input?.orgUnitId === orgUnitId;
}

/**
 * "Diễn biến": one KPI of one unit over the range in the URL. With `onKpiChange` the panel offers a
 * KPI select (limited by `kpiFilter`); without it the KPI is fixed (the KPI's own page).
 */
export function TrendPanel({
  unit,
  kpi,
  onKpiChange,
  kpiFilter,
  chartHeight = 300,
}: {
  unit: OrgUnit;
  kpi: KpiDefinition;
  onKpiChange?: (id: string) => void;
  kpiFilter?: (k: KpiDefinition) => boolean;
  chartHeight?: number;
}) {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const headingId = useId();
  const [rangeValues, setRange] = useQueryStates(rangeParams);
  const { range, from, to } = rangeFromParams(rangeValues, defaultRange(kpi.frequency));
  const state = useMemo(() => ({ range, from, to }), [range, from, to]);
  // The window is fixed per URL state, so the query key stays stable while the page is open.
  const resolved = useMemo(() => resolveRange(state), [state]);
  const window = resolved.window;
  const series = useQuery({
    ...trpc.values.series.queryOptions({ kpiId: kpi.id, orgUnitId: unit.id, from: window?.from ?? new Date(0), to: window?.to ?? new Date(1), resolution: window?.resolution ?? 'day' }),
    enabled: window !== null,
    // While another range loads, the old line stays (same KPI only: never another KPI's numbers).
    placeholderData: (previous, previousQuery) => (sameKpiAndUnit(previousQuery?.queryKey, kpi.id, unit.id) ? previous : undefined),
  });
  const unitName = unit.level === 'nation' ? t('nation') : unit.name;

  return (
    <section className="panel trend-panel" aria-labelledby={headingId} data-testid="trend-panel">
      <div className="panel-head">
        <h2 id={headingId}>
          {t('series')}
          {onKpiChange ? null : `: ${unitName}`}
        </h2>
        <div className="panel-controls">
          {onKpiChange ? <KpiSelect value={kpi.id} onChange={onKpiChange} label={t('kpiLabel')} filter={kpiFilter} /> : null}
          <RangePicker state={state} window={window} onChange={(next) => void setRange(rangePatch(next))} />
        </div>
      </div>
      {window ? (
        <p className="small muted trend-caption">
          {formatDate(window.from, locale)} – {formatDate(new Date(window.to.getTime() - 1), locale)} · {t(GRANULARITY_WORDS[seriesGranularity(window.resolution, kpi)])}
          {series.isPlaceholderData ? ` · ${t('loading')}` : ''}
        </p>
      ) : (
        <p role="alert" className="form-error">
          {t(resolved.error ?? 'rangeInvalidDate')}
        </p>
      )}
      {series.isError ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : window && series.data ? (
        <SeriesChart
          kpi={kpi}
          points={series.data}
          resolution={window.resolution}
          from={window.from}
          to={window.to}
          height={chartHeight}
          ariaLabel={`${t('series')}: ${l(kpi.name)}, ${unitName}, ${formatDate(window.from, locale)} – ${formatDate(new Date(window.to.getTime() - 1), locale)}`}
        />
      ) : (
        <div style={{ height: chartHeight }} aria-busy="true" />
      )}
    </section>
  );
}
