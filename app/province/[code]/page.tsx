import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { loadProvinceParams } from '../../../components/navigation/searchParams';
import { unitHref, type SearchParamsRecord } from '../../../components/navigation/unitHref';
import { communeViewKpi, viewKpi } from '../../../components/navigation/viewKpi';
import { ProvincePage } from '../../../components/province/ProvincePage';
import { kpiCatalogue } from '../../../kpi-definitions';
import { getAppContext } from '../../../server/appContext';
import { HydrateClient, trpc } from '../../_trpc/server';
import { indexHeaderQueries, kpiCardGridQueries, prefetchViews, shownOnly, unitTitleQueries } from '../../_trpc/views';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const unit = getAppContext().orgUnits().byCodeOrUndefined(code);
  if (unit?.level !== 'province') return { title: code };
  const t = await getTranslations();
  return { title: unit.name, description: t('metaProvinceDescription', { name: unit.name }) };
}

export default async function Page({ params, searchParams }: Props) {
  const { code } = await params;
  const tree = getAppContext().orgUnits();
  const unit = tree.byCodeOrUndefined(code);
  // A code that names no unit is a 404; a unit of another level (a commune's code, the nation's)
  // moves for good to its own page (308), its query kept.
  if (!unit) notFound();
  if (unit.level !== 'province') permanentRedirect(unitHref(unit, await searchParams));
  const search = await loadProvinceParams(searchParams);
  // the KPIs ProvincePage shows for these params
  const kpi = viewKpi(kpiCatalogue, search.kpi)!;
  const communeKpi = communeViewKpi(kpiCatalogue, search.ckpi);
  await prefetchViews(
    unitTitleQueries(code),
    indexHeaderQueries(unit),
    shownOnly(
      // ProvinceStanding, the alerts, CommunesPanel
      trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: tree.nation.id }),
      trpc.values.current.queryOptions({ orgUnitId: tree.nation.id, kpiIds: [kpi.id] }),
      trpc.alerts.open.queryOptions({ provinceId: unit.id, limit: 5 }),
      ...(communeKpi ? [trpc.values.ranking.queryOptions({ kpiId: communeKpi.id, parentId: unit.id })] : []),
    ),
    kpiCardGridQueries(unit),
  );
  return (
    <HydrateClient>
      <ProvincePage code={code} />
    </HydrateClient>
  );
}
