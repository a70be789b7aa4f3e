'use client';
import { useQueryStates } from 'nuqs';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { provinceRoom } from '../../shared/realtime/events';
import { AlertList } from '../alerts/AlertList';
import { ExportMenu } from '../export/ExportMenu';
import { useTrendWindowParams } from '../export/useTrendWindowParams';
import { useLocale } from '../i18n/LocaleProvider';
import { KpiCardGrid } from '../kpi/KpiCardGrid';
import { TrendPanel } from '../kpi/TrendPanel';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { unitHref } from '../navigation/unitHref';
import { communeViewKpi, DEFAULT_VIEW_KPI, viewKpi } from '../navigation/viewKpi';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { useLiveRooms } from '../live/LiveProvider';
import { NotFound } from '../navigation/NotFound';
import { COMMUNE_SORT_KEYS, provinceParams, rankingSortParams } from '../navigation/searchParams';
import { UnitTitle } from '../orgUnit/UnitTitle';
import { useOrgUnit } from '../orgUnit/useOrgUnit';
import { IndexHeader } from '../overview/IndexHeader';
import { CommunesPanel } from './CommunesPanel';
import { ProvinceAttainment } from './ProvinceAttainment';
import { ProvinceStanding } from './ProvinceStanding';


/**
 * `/province/[code]`: one provincial unit. View state in the URL: `?kpi=` the trend's KPI,
 * `?range=&from=&to=` its range, `?ckpi=` the communes' KPI, `?csort=&cdir=` their table's sort.
 */
export function ProvincePage({ code }: { code: string }) {
  const { t } = useLocale();
  const org = useOrgUnit(code);
  const catalogue = useKpiCatalogue();
  if (org.notFound) return <NotFound title={t('provinceNotFound')} detail={`${t('noUnitWithCode')} «${code}». ${t('provinceCodeHint')}`} />;
  if (org.isError) return <main><p role="alert">{t('loadFailed')}</p></main>;
  if (!org.data || !catalogue.ready) return <main><p className="muted">{t('loading')}</p></main>;
  const { unit, path } = org.data;
  if (unit.level !== 'province') {
    return (
      <NotFound
        title={t('provinceNotFound')}
        detail={`«${code}» ${t('isNotAProvince')}`}
        suggestion={{ href: unitHref(unit), label: `${t('openPageOf')} ${unit.level === 'nation' ? t('nation') : unit.name}` }}
      />
    );
  }
  return <ProvinceView unit={unit} path={path} communeCount={org.data.children.length} />;
}

function ProvinceView({ unit, path, communeCount }: { unit: OrgUnit; path: OrgUnit[]; communeCount: number }) {
  useLiveRooms([provinceRoom(unit.id)]);
  const { t } = useLocale();
  const [params, setParams] = useQueryStates(provinceParams);
  // the communes' table sort (CommunesPanel's), so the export lists them in the order shown
  const [communeSort] = useQueryStates(rankingSortParams, COMMUNE_SORT_KEYS);
  const kiosk = useKiosk();
  const catalogue = useKpiCatalogue();
  const kpi = viewKpi(catalogue, params.kpi);
  const communeKpi = communeViewKpi(catalogue, params.ckpi);
  const nation = path.find((u) => u.level === 'nation');
  const keep = (href: string) => withKiosk(href, kiosk);
  const trendWindow = useTrendWindowParams(kpi);

  return (
    <main className="unit-page province-page" data-testid="province-page" data-province={unit.code}>
      <Breadcrumbs path={path} />
      <div className="panel-head">
        <UnitTitle unit={unit} childCount={communeCount} />
        <ExportMenu
          view="province"
          params={{ code: unit.code, kpi: kpi?.id, ckpi: communeKpi?.id, ...trendWindow, csort: communeSort.sort, cdir: communeSort.dir }}
          large={{ view: 'communes', params: { kpi: communeKpi?.id, province: unit.code, months: '24' } }}
        />
      </div>
      <IndexHeader unit={unit} />
      {kpi ? (
        <div className="overview-grid">
          <TrendPanel unit={unit} kpi={kpi} onKpiChange={(id) => void setParams({ kpi: id === DEFAULT_VIEW_KPI ? null : id })} />
          <div className="side-column">
            {nation ? <ProvinceStanding province={unit} nation={nation} kpi={kpi} kpiHref={keep(`/kpi/${kpi.id}`)} /> : null}
            <section className="panel" aria-labelledby="province-alerts-title">
              <h2 id="province-alerts-title">{t('alerts')}</h2>
              <AlertList provinceId={unit.id} limit={5} />
            </section>
          </div>
        </div>
      ) : null}
      <ProvinceAttainment unit={unit} planHref={(kpiId) => keep(`/plan?kpi=${kpiId}&units=${unit.code}`)} />
      {communeKpi ? <CommunesPanel province={unit} kpi={communeKpi} onKpiChange={(id) => void setParams({ ckpi: id })} /> : null}
      <section className="unit-kpis" aria-labelledby="province-kpis-title">
        <h2 id="province-kpis-title" className="section-title">
          {t('kpisOf')} {unit.name}
        </h2>
        <KpiCardGrid unit={unit} kpiHref={(id) => keep(`/kpi/${id}`)} />
      </section>
    </main>
  );
}
