'use client';
import { useQuery } from '@tanstack/react-query';
import { useQueryStates } from 'nuqs';
import { useCallback, useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { DistributionChart } from '../charts/DistributionChart';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { BandLegend } from '../kpi/BandLegend';
import { KpiSelect } from '../kpi/KpiSelect';
import { RankingTable, sortFromParams, sortPatch } from '../kpi/RankingTable';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { COMMUNE_SORT_KEYS, rankingSortParams } from '../navigation/searchParams';
import { useTRPC } from '../trpc';


/** The communes of a province by one commune-level KPI: a sortable table and the spread of values. */
export function CommunesPanel({ province, kpi, onKpiChange }: { province: OrgUnit; kpi: KpiDefinition; onKpiChange: (id: string) => void }) {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  // URL keys of this panel: `?ckpi=` (the KPI, read by the page), `?csort=&cdir=` (the table's sort)
  const [sortParams, setSortParams] = useQueryStates(rankingSortParams, COMMUNE_SORT_KEYS);
  const kiosk = useKiosk();
  const ranking = useQuery(trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: province.id }));
  const sort = sortFromParams(sortParams);
  const children = useMemo(() => ranking.data?.children ?? [], [ranking.data]);
  const values = useMemo(() => children.flatMap((c) => (c.value === null ? [] : [c.value])), [children]);
  const title = `${t('communesOf')} ${province.name}`;
  const communeCount = useCallback((n: number) => t('communeCount', { n }), [t]);

  return (
    <section className="panel communes-panel" aria-labelledby="communes-title" data-testid="communes-panel">
      <div className="panel-head">
        <h2 id="communes-title">{title}</h2>
        <KpiSelect value={kpi.id} onChange={onKpiChange} label={t('communeKpi')} filter={(k) => k.submittedAt === 'commune'} />
      </div>
      {ranking.isError ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : !ranking.data ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <p className="small muted" data-testid="communes-summary">
            {t('communeCount', { n: children.length })} · {formatNumber(values.length, 0, locale)} {t('withData')} · {t('period')}{' '}
            {ranking.data.period ? periodLabel(periodUnitOf(kpi.frequency), ranking.data.period) : '—'}
          </p>
          <div className="communes-grid">
            <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: ${l(kpi.name)}`}>
              <RankingTable
                kpi={kpi}
                rows={children}
                hrefOf={(code) => withKiosk(`/commune/${code}?kpi=${kpi.id}`, kiosk)}
                nameLabel={t('commune')}
                caption={`${title}: ${l(kpi.name)}`}
                sort={sort}
                onSort={(next) => void setSortParams(sortPatch(next))}
                testId="communes-table"
              />
            </div>
            <div className="distribution-column">
              <h3>{t('communesByValue')}</h3>
              <DistributionChart kpi={kpi} values={values} countWords={communeCount} ariaLabel={`${t('distribution')} ${t('communesWord')} ${province.name}: ${l(kpi.name)}`} />
              <BandLegend kpi={kpi} compact />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
