/**
 * The queries each client view runs for its numbers, as the server prefetches them: the same
 * procedures with the same inputs, so that the browser finds every answer in the hydrated cache
 * and asks for none of them again.
 */
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import type { FetchQueryOptions } from '@tanstack/react-query';
import { prefetch, trpc } from './server';

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

/** Prefetches the numbers of these views and waits for them. */
export async function prefetchViews(...views: ViewQueries[]): Promise<void> {
  await prefetch(...views.flat());
}

/** A view's queries written out. */
export function shownOnly(...queries: ViewQueries): ViewQueries {
  return queries;
}

/** useOrgUnit and UnitTitle: the unit with its path and children, and the region names. */
export function unitTitleQueries(code: string): ViewQueries {
  return shownOnly(trpc.catalogue.orgUnit.queryOptions({ code }), trpc.catalogue.regions.queryOptions());
}
