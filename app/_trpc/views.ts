/**
 * The queries each client view runs for its numbers, as the server prefetches them: the same
 * procedures with the same inputs, so that the browser finds every answer in the hydrated cache
 * and asks for none of them again.
 */
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import type { FetchQueryOptions } from '@tanstack/react-query';
import { env } from '../../server/env';
import { prefetch, prefetchLive, trpc } from './server';

/**
 * The queries of a view the HTML must hold (the page waits for them). The charts' series are not
 * among them: the browser asks for those while ECharts loads, since streaming them behind the HTML
 * held the whole response back until the last one had been read (the embedded database answers
 * one at a time).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tRPC query's options
export type ViewQueries = Array<FetchQueryOptions<any, any, any, any>>;

/** IndexHeader: the service index now (its trend is a chart). */
export function indexHeaderQueries(unit: OrgUnit): ViewQueries {
  return [trpc.values.current.queryOptions({ orgUnitId: unit.id, kpiIds: ['service_index'] })];
}

/** KpiCardGrid: the unit's current values (the cards' sparklines are charts). */
export function kpiCardGridQueries(unit: OrgUnit): ViewQueries {
  return [trpc.values.current.queryOptions({ orgUnitId: unit.id })];
}

/**
 * Prefetches the numbers of these views and waits for them, at most PAGE_FRESHNESS_WAIT_MS for
 * numbers newer than those already computed, and not at all when those were read at most
 * PAGE_STALE_MAX_AGE_MS ago (prefetchLive): a wall screen's first paint comes within a second,
 * whatever the database is doing, and at once under a constant feed.
 */
export async function prefetchViews(...views: ViewQueries[]): Promise<void> {
  await prefetchLive({ waitMs: env.PAGE_FRESHNESS_WAIT_MS, maxAgeMs: env.PAGE_STALE_MAX_AGE_MS }, views.flat());
}

/** A view's queries written out. */
export function shownOnly(...queries: ViewQueries): ViewQueries {
  return queries;
}

/** useOrgUnit and UnitTitle: the unit with its path and children, and the region names. */
export function unitTitleQueries(code: string): ViewQueries {
  return shownOnly(trpc.catalogue.orgUnit.queryOptions({ code }), trpc.catalogue.regions.queryOptions());
}

/** PlanPage (`/plan`): the nation with its provinces (the units offered) and the forecast shown. */
export function planQueries(kpiId: string, orgUnitIds: number[], horizon: number): ViewQueries {
  return shownOnly(trpc.catalogue.orgUnit.queryOptions({ code: 'VN' }), trpc.forecast.series.queryOptions({ kpiId, orgUnitIds, horizon }));
}

/**
 * Scorecard: every province against the index, and the nation (whose children the attainment
 * column asks about). The table waits for these.
 */
export function scorecardQueries(nation: OrgUnit): ViewQueries {
  return shownOnly(trpc.values.scorecard.queryOptions({}), trpc.catalogue.orgUnit.queryOptions({ code: nation.code }));
}

/**
 * The scorecard's attainment column: each province's chance of reaching the index's target. In
 * the HTML when its forecasts are ready within SCORECARD_ATTAINMENT_WAIT_MS (cached, they take
 * about a second); the first time after new data they cost more than a page may wait (measured:
 * 34 s cold on the e2e data), so the page goes out without them, the computation carries on, and
 * the browser's request for the column joins it (ForecastCache.share) and fills it in.
 */
export function scorecardAttainmentQueries(nation: OrgUnit): ViewQueries {
  return shownOnly(trpc.forecast.attainmentByChildren.queryOptions({ parentId: nation.id, kpiId: 'service_index' }));
}

/** ms the scorecard's HTML waits for its attainment column */
export const SCORECARD_ATTAINMENT_WAIT_MS = 4_000;

/**
 * Prefetches these views' numbers but waits at most `ms` for them: what is answered by then is in
 * the HTML, the rest is left to the browser (a pending query is not sent with the page).
 */
export async function prefetchViewsWithin(ms: number, ...views: ViewQueries[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([prefetch(...views.flat()), waited]);
  } finally {
    clearTimeout(timer);
  }
}
