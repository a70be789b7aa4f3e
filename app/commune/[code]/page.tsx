import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CommunePage } from '../../../components/commune/CommunePage';
import { loadCommuneParams } from '../../../components/navigation/searchParams';
import { unitHref, type SearchParamsRecord } from '../../../components/navigation/unitHref';
import { communeViewKpi } from '../../../components/navigation/viewKpi';
import { kpiCatalogue } from '../../../kpi-definitions';
import { getAppContext } from '../../../server/appContext';
import { HydrateClient, trpc } from '../../_trpc/server';
import { kpiCardGridQueries, prefetchViews, shownOnly, unitTitleQueries } from '../../_trpc/views';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const tree = getAppContext().orgUnits();
  const unit = tree.byCodeOrUndefined(code);
  if (unit?.level !== 'commune' || unit.provinceId === null) return { title: code };
  // Demo communes share names across provinces ("Phường Mẫu 001"): the province tells them apart.
  const province = tree.get(unit.provinceId).name;
  const t = await getTranslations();
  return { title: `${unit.name}, ${province}`, description: t('metaCommuneDescription', { name: unit.name, province }) };
}

export default async function Page({ params, searchParams }: Props) {
  const { code } = await params;
  const tree = getAppContext().orgUnits();
  const unit = tree.byCodeOrUndefined(code);
  // A code that names no unit is a 404; a unit of another level (a province's code, the nation's)
  // moves for good to its own page (308), its query kept.
  if (!unit) notFound();
  if (unit.level !== 'commune') permanentRedirect(unitHref(unit, await searchParams));
  // the KPI CommunePage shows for these params
  const kpi = communeViewKpi(kpiCatalogue, (await loadCommuneParams(searchParams)).kpi);
  const province = unit.provinceId === null ? undefined : tree.get(unit.provinceId);
  await prefetchViews(
    unitTitleQueries(code),
    // RankInProvince
    shownOnly(...(kpi && province ? [trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: province.id })] : [])),
    kpiCardGridQueries(unit),
  );
  return (
    <HydrateClient>
      <CommunePage code={code} />
    </HydrateClient>
  );
}
