import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ProvincePage } from '../../../components/province/ProvincePage';
import { kpiCatalogue } from '../../../kpi-definitions';
import { getAppContext } from '../../../server/appContext';
import { HydrateClient, trpc } from '../../_trpc/server';
import { indexHeaderQueries, kpiCardGridQueries, kpiOrDefault, prefetchViews, searchOf, shownOnly, unitTitleQueries, type SearchParams } from '../../_trpc/views';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

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
  // A code that names no unit is a 404; a unit of another level gets the page's "open its page" hint.
  if (!unit) notFound();
  if (unit.level === 'province') {
    const search = searchOf(await searchParams);
    // the KPIs ProvincePage picks from the URL, with its fallbacks
    const kpi = kpiCatalogue.byId.get(kpiOrDefault(search.get('kpi') ?? undefined, 'service_index'))!;
    const requested = kpiCatalogue.byId.get(search.get('ckpi') ?? '');
    const communeKpi = requested?.submittedAt === 'commune' ? requested : kpiCatalogue.all.find((k) => k.submittedAt === 'commune');
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
  } else {
    await prefetchViews(unitTitleQueries(code));
  }
  return (
    <HydrateClient>
      <ProvincePage code={code} />
    </HydrateClient>
  );
}
