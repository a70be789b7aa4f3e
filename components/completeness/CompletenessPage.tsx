'use client';
/**
 * `/completeness`: who has reported a KPI set for a period, on time or late, and who is still
 * missing — a stacked bar per province, a table with the counts and rates, and for a chosen
 * province the units still owing reports with their deadline. View state lives in the URL
 * (`?set=monthly.commune&period=2026-10&province=01`); the numbers refresh when reports land.
 */
import { useQueryStates } from 'nuqs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { BAND_LABELS } from '../../kpi-definitions/bands';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import type { Completeness } from '../wireTypes';
import { formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { completenessParams } from '../navigation/searchParams';
import { useLiveRooms } from '../live/LiveProvider';
import { useTRPC } from '../trpc';
import { lastDayBefore } from '../../shared/domain/daysToDeadline';
import { ExportMenu } from '../export/ExportMenu';
import { CompletenessChart } from './CompletenessChart';
import { FREQUENCY_LABEL, type KpiSetOption, LEVEL_LABEL, formatRate, kpiSetOptions, periodOptions, rateBand, readPeriod, reportsDue, writePeriod } from './completenessView';
import { MissingUnits } from './MissingUnits';
import { ProvinceCompletenessTable } from './ProvinceCompletenessTable';

export function CompletenessPage() {
  const trpc = useTRPC();
  const { t } = useLocale();
  const me = useQuery(trpc.auth.me.queryOptions());
  // Reports of every province: the nation's room hears them all.
  useLiveRooms(['nation']);
  const catalogue = useKpiCatalogue();
  if (me.isPending || !catalogue.ready) return <main className="completeness-page"><p className="muted">{t('loading')}</p></main>;
  if (!me.data) {
    return (
      <main className="completeness-page">
        <h1>{t('completenessTitle')}</h1>
        <p>
          {t('completenessSignIn')} <Link href={`/signin?next=${encodeURIComponent('/completeness')}`}>{t('signIn')}</Link>
        </p>
      </main>
    );
  }
  // Commune staff see their own commune only: the provincial sets would show them nothing.
  const role = me.data.role;
  const sets = kpiSetOptions(catalogue.all).filter((s) => role !== 'commune_staff' || s.level === 'commune');
  return <CompletenessView sets={sets} />;
}

function CompletenessView({ sets }: { sets: KpiSetOption[] }) {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const [params, setParams] = useQueryStates(completenessParams);
  const set = (patch: Partial<typeof params>) => void setParams(patch);
  // The period list is taken once per page view; a page left open past midnight keeps its list.
  const now = useMemo(() => new Date(), []);
  const kpiSet = sets.find((s) => s.id === params.set) ?? sets[0]!;
  const period = readPeriod(params.period, kpiSet.frequency, now);
  const tree = useQuery(trpc.catalogue.orgUnit.queryOptions({ code: 'VN' }, { staleTime: Infinity }));
  const provinceByCode = useMemo(() => new Map((tree.data?.children ?? []).map((p) => [p.code, p])), [tree.data]);
  const chosen = kpiSet.level === 'commune' ? provinceByCode.get(params.province ?? '') : undefined;

  const completeness = useQuery({
    ...trpc.completeness.get.queryOptions({ frequency: kpiSet.frequency, level: kpiSet.level, period, ...(chosen ? { provinceId: chosen.id } : {}) }),
    // Switching period or province keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const data = completeness.data;
  // Choosing a province lists its communes: only for a commune set, and only with more than one province in view.
  const canChoose = kpiSet.level === 'commune' && (data?.provinces.length ?? 0) > 1;
  const chooseProvince = (code: string | null) => set({ province: code });
  const periodValue = writePeriod(periodUnitOf(kpiSet.frequency), period);

  return (
    <main className="completeness-page" data-testid="completeness-page">
      <div className="completeness-head">
        <div>
          <h1>{t('completenessTitle')}</h1>
          <p className="muted">{t('completenessIntro')}</p>
        </div>
        <div className="completeness-tools">
          <label className="select">
            <span>{t('completenessSet')}</span>
            <select value={kpiSet.id} onChange={(e) => set({ set: e.target.value, period: null, province: null })} data-testid="completeness-set">
              {sets.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('completenessSetOption', { frequency: t(FREQUENCY_LABEL[s.frequency]), level: t(LEVEL_LABEL[s.level]), n: s.kpiCount })}
                </option>
              ))}
            </select>
          </label>
          <label className="select">
            <span>{t('period')}</span>
            <select value={periodValue} onChange={(e) => set({ period: e.target.value })} data-testid="completeness-period">
              {periodOptions(kpiSet.frequency, now).map((p) => (
                <option key={p.getTime()} value={writePeriod(periodUnitOf(kpiSet.frequency), p)}>
                  {periodLabel(periodUnitOf(kpiSet.frequency), p)}
                </option>
              ))}
            </select>
          </label>
          <ExportMenu view="completeness" params={{ frequency: kpiSet.frequency, level: kpiSet.level, period: periodValue, province: chosen?.code }} />
        </div>
      </div>

      {completeness.isError ? (
        <p role="alert" className="form-error">
          {t('loadFailed')}
        </p>
      ) : !data ? (
        <p className="muted">{t('loading')}</p>
      ) : data.kpis.length === 0 ? (
        <p className="muted">{t('completenessNoKpis')}</p>
      ) : (
        <>
          <SetSummary data={data} due={reportsDue(data, now)} />
          <div className="completeness-grid">
            <section className="panel" aria-labelledby="completeness-chart-title">
              <h2 id="completeness-chart-title">{t('completenessChartTitle')}</h2>
              {canChoose ? <p className="muted small">{t('completenessChartHint')}</p> : null}
              <CompletenessChart provinces={data.provinces} selectedId={chosen?.id ?? null} onSelect={canChoose ? chooseProvince : undefined} />
            </section>
            <section className="panel">
              <ProvinceCompletenessTable
                provinces={data.provinces}
                total={data.total}
                selectedId={chosen?.id ?? null}
                due={reportsDue(data, now)}
                onSelect={canChoose ? chooseProvince : undefined}
              />
            </section>
          </div>
          <MissingUnits data={data} pending={completeness.isPlaceholderData} onClear={canChoose ? () => chooseProvince(null) : undefined} />
          <section className="panel completeness-kpis" aria-labelledby="completeness-kpis-title">
            <h2 id="completeness-kpis-title">{t('completenessKpiList', { period: periodLabel(periodUnitOf(kpiSet.frequency), data.periodStart) })}</h2>
            <ul>
              {data.kpis.map((k) => (
                <li key={k.id}>
                  <Link href={`/kpi/${k.id}`}>{l(k.name)}</Link> <span className="muted">— {t('completenessDueBy', { date: formatDate(lastDayBefore(k.deadline), locale) })}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}

/** Four headline numbers for the whole scope. */
function SetSummary({ data, due }: { data: Completeness; due: boolean }) {
  const { t, l, locale } = useLocale();
  const { total } = data;
  const n = (v: number) => formatNumber(v, 0, locale);
  const items = [
    { label: t('completenessReportingRate'), value: formatRate(total.reportingRate, locale), band: rateBand(total.reportingRate, due), sub: t('completenessOfReports', { n: total.submitted, total: total.expected }), testId: 'rate-reporting' },
    { label: t('completenessOnTimeRate'), value: formatRate(total.onTimeRate, locale), band: rateBand(total.onTimeRate, due), sub: `${t('completenessLate')}: ${n(total.late)}`, testId: 'rate-on-time' },
    { label: t('completenessUnitsComplete'), value: n(total.unitsComplete), band: null, sub: t('completenessOfUnits', { n: total.unitsComplete, total: total.units }), testId: 'units-complete' },
    { label: t('completenessMissingReports'), value: n(total.missing), band: null, sub: formatRate(total.expected ? total.missing / total.expected : null, locale), testId: 'reports-missing' },
  ];
  return (
    <>
      {!due && (
        <p className="muted small" data-testid="completeness-not-due">
          {t('completenessNotDue')}
        </p>
      )}
      <ul className="completeness-summary" aria-label={t('completenessTitle')}>
        {items.map((i) => (
          <li key={i.testId} className="panel" data-testid={i.testId}>
            <span className="muted">{i.label}</span>
            <strong className={i.band ? `rate-band-${i.band}` : undefined} data-band={i.band ?? undefined}>
              {i.value}
            </strong>
            {/* the band in words too: colour is never the only cue */}
            <span className="muted small">
              {i.band ? `${l(BAND_LABELS[i.band])} · ` : ''}
              {i.sub}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
