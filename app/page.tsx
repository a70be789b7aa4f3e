import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { loadOverviewParams } from '../components/navigation/searchParams';
import type { SearchParamsRecord } from '../components/navigation/unitHref';
import { viewKpi } from '../components/navigation/viewKpi';
import { NationalOverview } from '../components/overview/NationalOverview';
import { kpiCatalogue } from '../kpi-definitions';
import { getAppContext } from '../server/appContext';
import { homePath } from '../shared/domain/homePath';
import { HydrateClient, trpc, trpcContext } from './_trpc/server';
import { indexHeaderQueries, kpiCardGridQueries, prefetchViews, shownOnly } from './_trpc/views';

/** The overview keeps the site's own title (the layout's default) and says what it shows. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { description: t('metaOverviewDescription') };
}

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function HomePage({ searchParams }: Props) {
  const { kpi: requested, kiosk } = await loadOverviewParams(searchParams);
  const { session } = await trpcContext();
  const tree = getAppContext().orgUnits();
  // A leader of one province or commune lands on their unit; a wall screen (?kiosk) keeps its playlist.
  if (session?.principal.role === 'leader' && kiosk === null) {
    const scope = tree.get(session.principal.scopeUnitId);
    if (scope.level !== 'nation') redirect(homePath(scope));
  }
  const nation = tree.nation;
  const kpiId = viewKpi(kpiCatalogue, requested)!.id;
  await prefetchViews(
    indexHeaderQueries(nation),
    shownOnly(trpc.values.ranking.queryOptions({ kpiId, parentId: nation.id }), trpc.alerts.open.queryOptions({ limit: 8 })),
    kpiCardGridQueries(nation),
  );
  return (
    <HydrateClient>
      <NationalOverview nation={nation} />
    </HydrateClient>
  );
}
