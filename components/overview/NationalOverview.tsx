'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryStates } from 'nuqs';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { AlertList } from '../alerts/AlertList';
import { ExportMenu } from '../export/ExportMenu';
import { useLocale } from '../i18n/LocaleProvider';
import { KpiCardGrid } from '../kpi/KpiCardGrid';
import { KpiSelect } from '../kpi/KpiSelect';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { overviewParams } from '../navigation/searchParams';
import { viewKpi } from '../navigation/viewKpi';
import { ProvinceMap } from '../map/ProvinceMap';
import { useLiveRooms } from '../live/LiveProvider';
import { useTRPC } from '../trpc';
import { IndexHeader } from './IndexHeader';
import { RankingList } from './RankingList';

/**
 * `/`: the whole country at a glance. The map's KPI is in the URL (`?kpi=`). The nation comes
 * from the server, so the ranking starts with the other queries instead of after a lookup.
 */
export function NationalOverview({ nation }: { nation: OrgUnit }) {
  const trpc = useTRPC();
  const { t, l } = useLocale();
  const router = useRouter();
  const [{ kpi: kpiId }, setParams] = useQueryStates(overviewParams);
  const kiosk = useKiosk();
  useLiveRooms(['nation']);
  const catalogue = useKpiCatalogue();
  const kpi = viewKpi(catalogue, kpiId);
  const ranking = useQuery({
    ...trpc.values.ranking.queryOptions({ kpiId: kpi?.id ?? 'service_index', parentId: nation.id }),
    enabled: !!kpi,
  });
  // Kept while the ranking's rows are the same (the cache keeps equal rows, keepEqualData): a new
  // array would draw the map again on every render.
  const children = ranking.data?.children;
  const mapValues = useMemo(() => (children ?? []).map((c) => ({ code: c.code, name: c.name, value: c.value, band: c.band })), [children]);
  const mapKpiId = kpi?.id;
  const openProvince = useCallback((code: string) => router.push(withKiosk(`/province/${code}${mapKpiId === 'service_index' ? '' : `?kpi=${mapKpiId}`}`, kiosk)), [router, kiosk, mapKpiId]);
  const setKpi = (id: string) => void setParams({ kpi: id });

  if (!kpi) return <main><p className="muted">{t('loading')}</p></main>;
  const unit = nation;
  return (
    <main className="overview">
      <Breadcrumbs path={[unit]} />
      <IndexHeader unit={unit} />
      <div className="overview-grid">
        <section className="panel map-panel" aria-labelledby="map-title">
          <div className="panel-head">
            <h2 id="map-title">{t('mapTitle')}</h2>
            <KpiSelect value={kpi.id} onChange={setKpi} label={t('mapKpi')} filter={(k) => k.submittedAt === 'province' || k.measure.kind !== 'composite'} />
          </div>
          <ProvinceMap kpi={kpi} values={mapValues} onSelect={openProvince} />
        </section>
        <div className="side-column">
          <section className="panel" aria-labelledby="ranking-title">
            <div className="panel-head">
              <h2 id="ranking-title">
                {t('ranking')}: {l(kpi.name)}
              </h2>
              <ExportMenu view="overview" params={{ kpi: kpi.id }} />
            </div>
            {ranking.data ? <RankingList kpi={kpi} children={ranking.data.children} hrefOf={(code) => withKiosk(`/province/${code}`, kiosk)} /> : <p className="muted">{t('loading')}</p>}
          </section>
          <section className="panel" aria-labelledby="alerts-title">
            <h2 id="alerts-title">{t('alerts')}</h2>
            <AlertList limit={8} />
          </section>
        </div>
      </div>
      <KpiCardGrid unit={unit} kpiHref={(id) => `/kpi/${id}`} />
    </main>
  );
}
