'use client';
import { useQueryStates } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { communeRoom } from '../../shared/realtime/events';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { KpiCardGrid } from '../kpi/KpiCardGrid';
import { TrendPanel } from '../kpi/TrendPanel';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { unitHref } from '../navigation/unitHref';
import { communeViewKpi } from '../navigation/viewKpi';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { useLiveRooms } from '../live/LiveProvider';
import { NotFound } from '../navigation/NotFound';
import { communeParams } from '../navigation/searchParams';
import { UnitTitle } from '../orgUnit/UnitTitle';
import { useOrgUnit } from '../orgUnit/useOrgUnit';
import { useTRPC } from '../trpc';

const isCommuneKpi = (k: KpiDefinition) => k.submittedAt === 'commune';

/**
 * `/commune/[code]`: one commune, ward or special zone: the KPIs communes submit, and one of them
 * over time (`?kpi=`, `?range=&from=&to=`). Live through its province's room.
 */
export function CommunePage({ code }: { code: string }) {
  const { t } = useLocale();
  const org = useOrgUnit(code);
  const catalogue = useKpiCatalogue();
  if (org.notFound) return <NotFound title={t('communeNotFound')} detail={`${t('noUnitWithCode')} «${code}». ${t('communeCodeHint')}`} />;
  if (org.isError) return <main><p role="alert">{t('loadFailed')}</p></main>;
  if (!org.data || !catalogue.ready) return <main><p className="muted">{t('loading')}</p></main>;
  const { unit, path } = org.data;
  if (unit.level !== 'commune') {
    return (
      <NotFound
        title={t('communeNotFound')}
        detail={`«${code}» ${t('isNotACommune')}`}
        suggestion={{ href: unitHref(unit), label: `${t('openPageOf')} ${unit.level === 'nation' ? t('nation') : unit.name}` }}
      />
    );
  }
  return <CommuneView unit={unit} path={path} />;
}

function CommuneView({ unit, path }: { unit: OrgUnit; path: OrgUnit[] }) {
  useLiveRooms([communeRoom(unit.id)]);
  const { t } = useLocale();
  const [{ kpi: kpiParam }, setParams] = useQueryStates(communeParams);
  const kiosk = useKiosk();
  const catalogue = useKpiCatalogue();
  const kpi = communeViewKpi(catalogue, kpiParam);
  const province = path.find((u) => u.level === 'province');
  return (
    <main className="unit-page commune-page" data-testid="commune-page" data-commune={unit.code}>
      <Breadcrumbs path={path} />
      <UnitTitle unit={unit} extra={province?.name} />
      {kpi && province ? <RankInProvince unit={unit} province={province} kpi={kpi} /> : null}
      <section className="unit-kpis" aria-labelledby="commune-kpis-title">
        <h2 id="commune-kpis-title" className="section-title">
          {t('kpisOf')} {unit.name}
        </h2>
        <KpiCardGrid unit={unit} kpiHref={(id) => withKiosk(`/kpi/${id}`, kiosk)} />
      </section>
      {kpi ? <TrendPanel unit={unit} kpi={kpi} onKpiChange={(id) => void setParams({ kpi: id })} kpiFilter={isCommuneKpi} /> : null}
    </main>
  );
}

/** "Hạng 12/98 trong Hồ Chí Minh" for the trend's KPI, with a link to the province's commune table. */
function RankInProvince({ unit, province, kpi }: { unit: OrgUnit; province: OrgUnit; kpi: KpiDefinition }) {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const kiosk = useKiosk();
  const ranking = useQuery(trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: province.id }));
  const ranked = ranking.data?.children.filter((c) => c.rank !== null).length ?? 0;
  const me = ranking.data?.children.find((c) => c.orgUnitId === unit.id);
  if (!me) return null;
  return (
    <p className="rank-line" data-testid="rank-in-province">
      {l(kpi.name)}: {t('rank')} <strong>{me.rank === null ? '—' : `${formatNumber(me.rank, 0, locale)}/${formatNumber(ranked, 0, locale)}`}</strong> {t('inProvince')} {province.name} ·{' '}
      <Link href={withKiosk(`/province/${province.code}?ckpi=${kpi.id}`, kiosk)}>{t('seeAllCommunes')}</Link>
    </p>
  );
}
