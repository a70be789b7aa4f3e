'use client';
/**
 * "Dự báo hàng loạt" on /plan: the KPI forecast for every unit under the first unit compared, at
 * once: the nation's 34 provinces, a province's communes, or every commune (commune-reported KPIs).
 * The choice is in the URL (`all=provinces|communes`); choosing starts the server's background job
 * (forecast.childrenJob: worker threads, one job per KPI and parent shared by all who ask), whose
 * progress is polled while it runs and shown as a bar; the results table follows. A live change of
 * the KPI refetches the results (LiveProvider): units whose data moved drop out until recomputed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import type { ForecastVerdict } from '../../shared/forecast/types';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import type { PLAN_ALL_LEVELS } from '../navigation/searchParams';
import { useTRPC } from '../trpc';
import type { PlanUnit } from './planState';

type AllLevel = (typeof PLAN_ALL_LEVELS)[number];

/** rows drawn at most: all communes of the country are 3,321 */
const MAX_ROWS = 200;
/** ms between progress polls while a job runs */
const POLL_MS = 500;

const VERDICT_WORDS: Record<ForecastVerdict, MessageKey> = {
  ok: 'forecastAllVerdictOk',
  too_noisy: 'forecastAllVerdictTooNoisy',
  too_short: 'forecastAllVerdictTooShort',
};

export function ForecastAllPanel(props: {
  kpi: KpiDefinition;
  /** the first unit compared: the nation or a province */
  parent: PlanUnit & { level: 'nation' | 'province' };
  provinceCount: number;
  horizon: number;
  level: AllLevel | null;
  onLevel: (level: AllLevel | null) => void;
  signedIn: boolean;
}) {
  const { kpi, parent, level, onLevel } = props;
  const { t } = useLocale();
  const communeKpi = kpi.submittedAt === 'commune';
  const choices: Array<{ value: AllLevel; label: string }> = [
    ...(parent.level === 'nation' ? [{ value: 'provinces' as const, label: t('forecastAllProvinces', { n: props.provinceCount }) }] : []),
    ...(communeKpi ? [{ value: 'communes' as const, label: parent.level === 'nation' ? t('forecastAllCommunesOfNation') : t('forecastAllCommunesOf', { name: parent.name }) }] : []),
  ];
  if (choices.length === 0) return null;
  const chosen = choices.find((c) => c.value === level)?.value ?? null;

  return (
    <section className="panel plan-all" aria-labelledby="plan-all-title" data-testid="forecast-all">
      <h2 id="plan-all-title">{t('forecastAllTitle')}</h2>
      <p className="muted small">{t('forecastAllIntro')}</p>
      <label className="select">
        <span>{t('forecastAllChoice')}</span>
        <select value={chosen ?? ''} onChange={(e) => onLevel(choices.find((c) => c.value === e.target.value)?.value ?? null)} data-testid="forecast-all-choice">
          <option value="">{t('forecastAllNone')}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {chosen === null ? null : props.signedIn ? (
        <ForecastAllJob kpi={kpi} parentId={parent.id} level={chosen === 'provinces' ? 'province' : 'commune'} horizon={props.horizon} />
      ) : (
        <p className="muted">{t('forecastAllSignIn')}</p>
      )}
    </section>
  );
}

function ForecastAllJob({ kpi, parentId, level, horizon }: { kpi: KpiDefinition; parentId: number; level: 'province' | 'commune'; horizon: number }) {
  const { t, l, locale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const spec = { kpiId: kpi.id, parentId, level, horizon };
  const specKey = JSON.stringify(spec);
  const statusOptions = trpc.forecast.childrenJobStatus.queryOptions(spec);
  const status = useQuery({
    ...statusOptions,
    refetchInterval: (q) => (q.state.data?.state === 'running' || q.state.data?.state === 'queued' ? POLL_MS : false),
  });
  const start = useMutation(
    trpc.forecast.childrenJob.mutationOptions({
      onSuccess: async (s) => {
        const queryKey = trpc.forecast.childrenJobStatus.queryKey(JSON.parse(specKey) as typeof spec);
        // the status asked for on mount may still be on its way ("no job yet"): it must not land after this one
        await queryClient.cancelQueries({ queryKey });
        queryClient.setQueryData(queryKey, s);
      },
    }),
  );
  const { mutate } = start;
  // one start per choice (KPI, unit, level, horizon): the server shares a running job with everyone
  useEffect(() => {
    mutate(JSON.parse(specKey) as typeof spec);
  }, [specKey, mutate]);

  const job = status.data;
  const finished = job?.state === 'done' || job?.state === 'failed';
  const results = useQuery({ ...trpc.forecast.childrenForecasts.queryOptions(spec), enabled: finished });
  // the results of the job that just ended, not the ones cached before it
  const finishedAt = job?.finishedAt?.getTime();
  useEffect(() => {
    if (finishedAt !== undefined) void queryClient.invalidateQueries({ queryKey: trpc.forecast.childrenForecasts.queryKey(JSON.parse(specKey) as typeof spec) });
  }, [finishedAt, specKey, queryClient, trpc]);

  const fmt = (v: number | undefined) => formatNumber(v, kpi.decimals, locale);
  const data = results.data;
  const stale = finished && data ? data.total - data.rows.length : 0;
  const endPeriod = data?.rows.find((r) => r.end)?.end?.period;

  return (
    <div className="plan-all-job">
      {start.isError ? <p role="alert">{t('forecastAllFailed')}</p> : null}
      {job ? (
        <div className="plan-all-progress" data-testid="forecast-all-progress" data-state={job.state} data-done={job.done} data-total={job.total}>
          <progress max={job.total} value={job.done} aria-label={t('forecastAllProgressLabel')} />
          <span role="status" className="small">
            {job.state === 'queued'
              ? t('forecastAllQueued')
              : job.state === 'running'
                ? t('forecastAllProgress', { done: job.done, total: job.total })
                : job.state === 'failed'
                  ? t('forecastAllFailed')
                  : t('forecastAllDone', { total: job.total, fromCache: job.fromCache })}
            {job.failed > 0 && job.state === 'done' ? ` ${t('forecastAllFailedSome', { n: job.failed })}` : ''}
          </span>
        </div>
      ) : null}
      {stale > 0 ? (
        <p className="small" data-testid="forecast-all-stale">
          {t('forecastAllStale', { n: stale })}{' '}
          <button type="button" onClick={() => start.mutate(spec)} disabled={start.isPending}>
            {t('forecastAllRecompute')}
          </button>
        </p>
      ) : null}
      {data && data.rows.length > 0 ? (
        <div className="plan-table-scroll" tabIndex={0} role="region" aria-labelledby="plan-all-caption">
          <table className="data plan-table" data-testid="forecast-all-table">
            <caption id="plan-all-caption">{t('forecastAllTableCaption', { kpi: l(kpi.name) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('forecastAllUnit')}</th>
                <th scope="col" className="num">{t('planLastActual')}</th>
                <th scope="col" className="num">{t('forecastAllEnd', { period: endPeriod ? periodLabel(periodUnitOf(kpi.frequency), endPeriod) : '' })}</th>
                <th scope="col" className="num">{t('forecastAllInterval80')}</th>
                <th scope="col" className="num">MAPE</th>
                <th scope="col">{t('forecastAllVerdict')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.slice(0, MAX_ROWS).map((r) => (
                <tr key={r.orgUnitId} data-testid="forecast-all-row" data-code={r.code}>
                  <th scope="row">{r.name}</th>
                  <td className="num">{fmt(r.last?.value)}</td>
                  <td className="num">{fmt(r.end?.mean)}</td>
                  <td className="num">{r.end ? `${fmt(r.end.lo80)} – ${fmt(r.end.hi80)}` : '—'}</td>
                  <td className="num">{r.mape === null ? '—' : `${formatNumber(r.mape, 1, locale)}\u00a0%`}</td>
                  <td>{t(VERDICT_WORDS[r.verdict])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.rows.length > MAX_ROWS ? <p className="small muted">{t('forecastAllShown', { shown: MAX_ROWS, total: data.rows.length })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
