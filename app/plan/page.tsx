import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { loadPlanParams } from '../../components/navigation/searchParams';
import { PlanPage } from '../../components/plan/PlanPage';
import { defaultPlanUnit, resolveHorizon, resolvePlanKpi, resolvePlanUnits } from '../../components/plan/planState';
import { kpiCatalogue } from '../../kpi-definitions';
import { getAppContext } from '../../server/appContext';
import { getQueryClient, HydrateClient, trpc } from '../_trpc/server';
import { planQueries, prefetchViews } from '../_trpc/views';
import type { SearchParamsRecord } from '../../components/navigation/unitHref';

type Props = { searchParams: Promise<SearchParamsRecord> };

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('planTitle', 'planMetaDescription');
}

/** `/plan`: resolves the URL's choices as PlanPage does (components/plan/planState.ts) and prefetches that forecast. */
export default async function Page({ searchParams }: Props) {
  const params = await loadPlanParams(searchParams);
  const tree = getAppContext().orgUnits();
  // the layout has asked already: this reads the request's cache
  const me = await getQueryClient().fetchQuery(trpc.auth.me.queryOptions());
  const offered = [tree.nation, ...tree.childrenOf(tree.nation.id)];
  const kpi = resolvePlanKpi(params.kpi, kpiCatalogue.byId) ?? kpiCatalogue.all[0]!;
  const units = resolvePlanUnits(params.units, offered, defaultPlanUnit(me, offered, tree.nation));
  await prefetchViews(planQueries(kpi.id, units.map((u) => u.id), resolveHorizon(params.horizon, kpi.frequency)));
  return (
    <HydrateClient>
      <PlanPage />
    </HydrateClient>
  );
}
