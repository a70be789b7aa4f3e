'use client';
/**
 * "Khả năng đạt chỉ tiêu" on a province page: for each KPI with a target, the chance the province
 * reaches it by the target date (from its forecast), the target and that date, the value expected
 * then with its 80 % interval, and a link to the KPI's forecast on /plan. The most at-risk first.
 * Not prefetched by the page: a forecast per KPI costs seconds after new data (see scorecardQueries
 * in app/_trpc/views.ts), so the panel fills in after the page is drawn.
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import type { Attainment } from '../../shared/forecast/types';
import { formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { AttainmentBadge } from '../plan/AttainmentBadge';
import { useTRPC } from '../trpc';

/** lowest probability first; KPIs without a forecast last, in catalogue order */
function riskiestFirst(rows: readonly Attainment[], order: (kpiId: string) => number): Attainment[] {
  return [...rows].sort((a, b) => {
    if (a.probability === null || b.probability === null) return a.probability === b.probability ? order(a.kpiId) - order(b.kpiId) : a.probability === null ? 1 : -1;
    return a.probability - b.probability || order(a.kpiId) - order(b.kpiId);
  });
}

export function ProvinceAttainment({ unit, planHref }: { unit: OrgUnit; planHref: (kpiId: string) => string }) {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const catalogue = useKpiCatalogue();
  const query = useQuery(trpc.forecast.attainment.queryOptions({ orgUnitId: unit.id }));
  const rows = useMemo(() => {
    const index = new Map(catalogue.all.map((k, i) => [k.id, i]));
    return riskiestFirst(query.data ?? [], (id) => index.get(id) ?? Infinity);
  }, [query.data, catalogue.all]);

  return (
    <section className="panel province-attainment" aria-labelledby="province-attainment-title" data-testid="province-attainment">
      <h2 id="province-attainment-title">{t('planAttainmentTitle', { name: unit.name })}</h2>
      <p className="small muted">
        {t('planAttainmentCaption')} {t('planAttainmentRule')}
      </p>
      {query.isError ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : !query.data ? (
        <p className="muted">{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('planAttainmentNone')}</p>
      ) : (
        <div className="plan-table-scroll" tabIndex={0} role="region" aria-labelledby="province-attainment-title">
          <table className="data attainment-table">
            <thead>
              <tr>
                <th scope="col">{t('planKpi')}</th>
                <th scope="col">{t('planAttainment')}</th>
                <th scope="col" className="num">
                  {t('planAttainmentTarget')}
                </th>
                <th scope="col">{t('planAttainmentBy')}</th>
                <th scope="col" className="num">
                  {t('planAttainmentExpected')}
                </th>
                <th scope="col" className="num">
                  {t('planAttainmentInterval')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const kpi = catalogue.byId.get(a.kpiId);
                if (!kpi) return null;
                return (
                  <tr key={a.kpiId} data-testid="attainment-row" data-kpi={a.kpiId}>
                    <th scope="row">
                      <Link href={planHref(a.kpiId)} title={t('planAttainmentOpen')}>
                        {l(kpi.name)}
                      </Link>
                    </th>
                    <td>
                      <AttainmentBadge attainment={a} />
                    </td>
                    <td className="num">{formatKpiValue(kpi, a.target, locale)}</td>
                    <td>{formatDate(a.by, locale)}</td>
                    <td className="num">{formatKpiValue(kpi, a.expected, locale)}</td>
                    <td className="num">{a.lo80 === null || a.hi80 === null ? '—' : `${formatNumber(a.lo80, kpi.decimals, locale)} – ${formatNumber(a.hi80, kpi.decimals, locale)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
