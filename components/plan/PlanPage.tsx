'use client';
/**
 * `/plan` ("Dự báo"): a KPI's forecast for up to eight units on one fan chart, how far to trust it
 * beside it, and its numbers under it. Every choice lives in the URL (`planParams`: `kpi`, `units`,
 * `horizon`, `interval`), so a shared link reproduces the view; "copy link" writes every choice out,
 * also the defaults, which depend on who is signed in. The newest actuals arrive live: a change of
 * the KPI refetches the forecast (LiveProvider).
 *
 * The export menu beside "copy link" takes the same choices (server/export/exportViews.ts `plan`):
 * CSV/XLSX of the history, forecast, intervals and backtest, PNG of the fan chart, a PDF report.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useQueryStates } from 'nuqs';
import { useMemo, useState } from 'react';
import type { Frequency, KpiDefinition } from '../../kpi-definitions/schema';
import { ExportMenu } from '../export/ExportMenu';
import { ForecastAllPanel } from './ForecastAllPanel';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { KpiSelect } from '../kpi/KpiSelect';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { useLiveRooms } from '../live/LiveProvider';
import { PLAN_INTERVALS, planParams } from '../navigation/searchParams';
import { useOrgUnit } from '../orgUnit/useOrgUnit';
import { useTRPC } from '../trpc';
import { FanChart } from './FanChart';
import { UNIT_COLORS, type FanUnit, type PlanInterval } from './fanChartOption';
import { ForecastQuality } from './ForecastQuality';
import { ForecastTable } from './ForecastTable';
import { defaultPlanUnit, HORIZON_CHOICES, PLAN_DEFAULT_KPI, PLAN_MAX_UNITS, resolveHorizon, resolvePlanKpi, resolvePlanUnits, type PlanUnit } from './planState';
import './plan.css';

const HORIZON_WORDS: Record<Frequency, 'planHorizonDays' | 'planHorizonMonths' | 'planHorizonQuarters'> = {
  daily: 'planHorizonDays',
  monthly: 'planHorizonMonths',
  quarterly: 'planHorizonQuarters',
};
const INTERVAL_WORDS: Record<PlanInterval, MessageKey> = { both: 'planIntervalBoth', '80': 'planInterval80', '95': 'planInterval95' };

export function PlanPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const catalogue = useKpiCatalogue();
  const nation = useOrgUnit('VN');
  const me = useQuery(trpc.auth.me.queryOptions());
  const nationName = t('nation');
  const offered = useMemo<PlanUnit[]>(
    () => (nation.data ? [nation.data.unit, ...nation.data.children].map((u) => ({ id: u.id, code: u.code, name: u.level === 'nation' ? nationName : u.name })) : []),
    [nation.data, nationName],
  );
  const fallback = offered[0] ? defaultPlanUnit(me.data, offered, offered[0]) : undefined;
  if (nation.isError) return <main className="plan-page"><p role="alert">{t('loadFailed')}</p></main>;
  if (!catalogue.ready || !fallback || me.isPending) return <main className="plan-page"><p className="muted">{t('loading')}</p></main>;
  return <PlanView byId={catalogue.byId} kpis={catalogue.all} offered={offered} fallback={fallback} signedIn={me.data != null} />;
}

function PlanView({
  byId,
  kpis,
  offered,
  fallback,
  signedIn,
}: {
  byId: ReadonlyMap<string, KpiDefinition>;
  kpis: readonly KpiDefinition[];
  /** the nation first, then the provinces */
  offered: readonly PlanUnit[];
  fallback: PlanUnit;
  signedIn: boolean;
}) {
  const { t, l, locale } = useLocale();
  const trpc = useTRPC();
  useLiveRooms(['nation']);
  const [params, setParams] = useQueryStates(planParams);
  const kpi = resolvePlanKpi(params.kpi, byId) ?? kpis[0]!;
  const horizon = resolveHorizon(params.horizon, kpi.frequency);
  // keyed on the URL's text, so the chart's option is rebuilt only when the choice changes
  const unitsKey = params.units?.join(',') ?? '';
  const chosen = useMemo(() => resolvePlanUnits(unitsKey ? unitsKey.split(',') : null, offered, fallback), [unitsKey, offered, fallback]);
  const units = useMemo<FanUnit[]>(() => chosen.map((u, i) => ({ id: u.id, name: u.name, color: UNIT_COLORS[i % UNIT_COLORS.length]! })), [chosen]);
  const interval = params.interval;
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const forecast = useQuery({
    ...trpc.forecast.series.queryOptions({ kpiId: kpi.id, orgUnitIds: chosen.map((u) => u.id), horizon }),
    // the chart and table keep the previous answer while a new horizon or unit is computed
    placeholderData: keepPreviousData,
  });

  const setUnits = (next: readonly PlanUnit[]) => void setParams({ units: next.length === 1 && next[0]!.id === fallback.id ? null : next.map((u) => u.code) });
  const addable = offered.filter((u) => !chosen.some((c) => c.id === u.id));
  const horizonWords = (n: number) => t(HORIZON_WORDS[kpi.frequency], { n });

  const copyLink = async () => {
    const url = new URL(window.location.href);
    url.search = new URLSearchParams({ kpi: kpi.id, units: chosen.map((u) => u.code).join(','), horizon: String(horizon), interval }).toString();
    try {
      await navigator.clipboard.writeText(url.toString());
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };

  const result = forecast.data;
  const shownResult = result && result.kpiId === kpi.id ? result : undefined;
  const chartLabel = t('planChartLabel', { kpi: l(kpi.name), units: chosen.map((u) => u.name).join(', '), horizon: horizonWords(horizon) });

  return (
    <main className="plan-page" data-testid="plan-page">
      <div className="plan-head">
        <div>
          <h1>{t('planTitle')}</h1>
          <p className="muted small">{t('planIntro')}</p>
        </div>
        <div className="plan-link">
          <button type="button" onClick={() => void copyLink()} data-testid="plan-copy-link">
            {t('planCopyLink')}
          </button>
          <ExportMenu view="plan" params={{ kpi: kpi.id, units: chosen.map((u) => u.code).join(','), horizon: String(horizon), interval }} />
          <span role="status" className="small muted">
            {copied === 'ok' ? t('planLinkCopied') : copied === 'failed' ? t('planLinkCopyFailed') : ''}
          </span>
        </div>
      </div>

      <div className="plan-controls panel">
        <KpiSelect value={kpi.id} label={t('planKpi')} onChange={(id) => void setParams({ kpi: id === PLAN_DEFAULT_KPI ? null : id, horizon: null })} />
        <label className="select">
          <span>{t('planHorizon')}</span>
          <select value={horizon} onChange={(e) => void setParams({ horizon: Number(e.target.value) })} data-testid="plan-horizon">
            {HORIZON_CHOICES[kpi.frequency].map((n) => (
              <option key={n} value={n}>
                {horizonWords(n)}
              </option>
            ))}
          </select>
        </label>
        <label className="select">
          <span>{t('planInterval')}</span>
          <select value={interval} onChange={(e) => void setParams({ interval: PLAN_INTERVALS.find((i) => i === e.target.value) ?? null })} data-testid="plan-interval">
            {PLAN_INTERVALS.map((i) => (
              <option key={i} value={i}>
                {t(INTERVAL_WORDS[i])}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="plan-units">
          <legend>{t('planUnits')}</legend>
          <ul>
            {chosen.map((u, i) => (
              <li key={u.id} className="plan-chip" data-testid="plan-unit" data-code={u.code}>
                <span className="plan-swatch" style={{ background: units[i]?.color }} aria-hidden="true" />
                {u.name}
                {chosen.length > 1 ? (
                  // the × is drawn by CSS: the chip's text stays the unit's name
                  <button type="button" className="plan-chip-remove" aria-label={t('planRemoveUnit', { name: u.name })} onClick={() => setUnits(chosen.filter((c) => c.id !== u.id))} />
                ) : null}
              </li>
            ))}
          </ul>
          {chosen.length < PLAN_MAX_UNITS ? (
            <label className="select">
              <span>{t('planAddUnit')}</span>
              <select
                value=""
                onChange={(e) => {
                  const unit = addable.find((u) => u.code === e.target.value);
                  if (unit) setUnits([...chosen, unit]);
                }}
                data-testid="plan-add-unit"
              >
                <option value="">{t('planAddUnitPlaceholder')}</option>
                {addable.map((u) => (
                  <option key={u.id} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="small muted">{t('planUnitsMax', { n: PLAN_MAX_UNITS })}</p>
          )}
        </fieldset>
      </div>

      {forecast.isError && !shownResult ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : !shownResult ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <div className="plan-grid">
            <section className="panel plan-chart" aria-labelledby="plan-chart-title" aria-busy={forecast.isPlaceholderData}>
              <div className="panel-head">
                <h2 id="plan-chart-title">
                  {l(kpi.name)} · {horizonWords(horizon)}
                </h2>
                <span className="small muted" data-testid="plan-as-of">
                  {forecast.isPlaceholderData ? t('planUpdating') : t('planAsOf', { date: formatDateTime(shownResult.asOf, locale) })}
                </span>
              </div>
              {shownResult.units.some((u) => u.history.length > 0) ? <FanChart result={shownResult} units={units} interval={interval} kpi={kpi} ariaLabel={chartLabel} /> : <p className="muted">{t('planNoForecast')}</p>}
            </section>
            <ForecastQuality units={units} forecasts={shownResult.units} />
          </div>
          <section className="panel plan-table-panel" aria-labelledby="plan-table-heading">
            <h2 id="plan-table-heading">{t('planTableTitle')}</h2>
            <ForecastTable result={shownResult} units={units} interval={interval} kpi={kpi} />
          </section>
          <ForecastAllPanel
            kpi={kpi}
            parent={{ ...chosen[0]!, level: chosen[0]!.id === offered[0]!.id ? 'nation' : 'province' }}
            provinceCount={offered.length - 1}
            horizon={horizon}
            level={params.all}
            onLevel={(all) => void setParams({ all })}
            signedIn={signedIn}
          />
        </>
      )}
    </main>
  );
}
