/**
 * The queries each client view runs, as the server prefetches them: the same procedures with the
 * same inputs (windows from the same functions, "now" from the app's clock), so that the browser
 * finds every answer in the hydrated cache and asks for none of them again.
 */
import { kpiCatalogue } from '../../kpi-definitions';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { sparklineWindow } from '../../components/kpi/ranges';
import { defaultRange, rangeFromParams, resolveRange } from '../../components/kpi/rangeState';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { appNow } from '../../server/clock';
import type { FetchQueryOptions } from '@tanstack/react-query';
import { prefetch, trpc } from './server';

/**
 * A view's queries in two parts: `shown`, the numbers the HTML must hold (the page waits for
 * them), and `charts`, the series drawn as charts, which the browser asks for after hydration.
 */
export interface ViewQueries {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tRPC query's options
  shown: Array<FetchQueryOptions<any, any, any, any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tRPC query's options
  charts: Array<FetchQueryOptions<any, any, any, any>>;
}

/** IndexHeader: the service index now and its trend. */
export function indexHeaderQueries(unit: OrgUnit): ViewQueries {
  const window = { ...sparklineWindow('quarterly', appNow()), resolution: 'month' as const };
  return {
    shown: [trpc.values.current.queryOptions({ orgUnitId: unit.id, kpiIds: ['service_index'] })],
    charts: [trpc.values.series.queryOptions({ kpiId: 'service_index', orgUnitId: unit.id, ...window })],
  };
}

/** KpiCardGrid: the unit's current values and every shown card's sparkline. */
export function kpiCardGridQueries(unit: OrgUnit): ViewQueries {
  const now = appNow();
  const cards = kpiCatalogue.all.filter((k) => k.measure.kind !== 'composite' && (unit.level !== 'commune' || k.submittedAt === 'commune'));
  return {
    shown: [trpc.values.current.queryOptions({ orgUnitId: unit.id })],
    charts: cards.map((k) => trpc.values.series.queryOptions({ kpiId: k.id, orgUnitId: unit.id, ...sparklineWindow(k.frequency, now) })),
  };
}

/**
 * Prefetches the numbers of these views and waits for them. The charts' series are left to the
 * browser, which asks for them while ECharts loads: streaming them behind the HTML held the whole
 * response back until the last one had been read (the embedded database answers one at a time).
 */
export async function prefetchViews(...views: ViewQueries[]): Promise<void> {
  await prefetch(...views.flatMap((v) => v.shown));
}

/** Queries a view waits for, with none streamed. */
export function shownOnly(...queries: ViewQueries['shown']): ViewQueries {
  return { shown: queries, charts: [] };
}

/** The KPI named by a `?kpi=` value, or the default when it names none (as the views fall back). */
export function kpiOrDefault(requested: string | string[] | undefined, fallback: string): string {
  const id = typeof requested === 'string' ? requested : undefined;
  return id && kpiCatalogue.byId.has(id) ? id : fallback;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's search params as the views read them (`params.get`): the first value of a repeated key. */
export function searchOf(params: SearchParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) search.set(key, first);
  }
  return search;
}

/** useOrgUnit and UnitTitle: the unit with its path and children, and the region names. */
export function unitTitleQueries(code: string): ViewQueries {
  return shownOnly(trpc.catalogue.orgUnit.queryOptions({ code }), trpc.catalogue.regions.queryOptions());
}

/** TrendPanel: the series of the range in the URL (a custom range the panel refuses asks nothing). */
export function trendPanelQueries(unit: OrgUnit, kpi: KpiDefinition, search: URLSearchParams): ViewQueries {
  const { window } = resolveRange(rangeFromParams({ range: search.get('range'), from: search.get('from'), to: search.get('to') }, defaultRange(kpi.frequency)), appNow());
  return { shown: [], charts: window ? [trpc.values.series.queryOptions({ kpiId: kpi.id, orgUnitId: unit.id, from: window.from, to: window.to, resolution: window.resolution })] : [] };
}
