/**
 * Every view's state that lives in the URL, as typed nuqs parsers: a link reproduces the view.
 * No 'use client': client components read and write them with `useQueryStates(overviewParams)`,
 * server components (page.tsx) read the same keys with the loaders below, e.g.
 * `const { kpi } = await loadOverviewParams(searchParams)`, to prefetch what the view will ask.
 *
 * Writes replace the history entry and keep the scroll position (the adapter's defaults in
 * app/layout.tsx: changing a select or a sort is not a new page) and stay in the browser
 * (shallow: the client fetches the new data itself). A value equal to its default leaves the URL.
 */
import { createLoader, parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from 'nuqs/server';
import { FREQUENCIES } from '../../kpi-definitions/schema';
import { REGIONS, type RegionId } from '../../shared/reference/provinces';
import { RANKING_SORT_KEYS, SORT_DIRS } from '../../shared/tableSort';
import type { RangeId } from '../kpi/ranges';

export const RANGE_IDS = ['7d', '30d', '12m', 'custom'] as const satisfies readonly RangeId[];
const REGION_IDS = Object.keys(REGIONS) as RegionId[];
export const ALERT_KINDS = ['band_drop', 'outlier'] as const;
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;

/** `/`: the KPI the map and the ranking colour by */
export const overviewParams = { kpi: parseAsString.withDefault('service_index') };

/** `/province/[code]`: the trend's KPI (`kpi`, default the service index) and the communes' KPI (`ckpi`) */
export const provinceParams = { kpi: parseAsString, ckpi: parseAsString };

/** `/commune/[code]`: the trend's KPI */
export const communeParams = { kpi: parseAsString };

/** A trend's time range; without `range` the KPI's frequency picks it, `from`/`to` only with `custom` (YYYY-MM-DD). */
export const rangeParams = { range: parseAsStringLiteral(RANGE_IDS), from: parseAsString, to: parseAsString };

/** A ranking table's sort; without it, by rank. The communes' table on a province page uses `csort`/`cdir`. */
export const rankingSortParams = { sort: parseAsStringLiteral(RANKING_SORT_KEYS), dir: parseAsStringLiteral(SORT_DIRS) };
export const COMMUNE_SORT_KEYS = { urlKeys: { sort: 'csort', dir: 'cdir' } } as const;

/** `/scorecard`: the column sorted by (a fixed column or an index group's id), its direction, the region shown */
export const scorecardParams = { sort: parseAsString, dir: parseAsStringLiteral(SORT_DIRS), region: parseAsStringLiteral(REGION_IDS) };

/** `/alerts`: filters and the page of the list (1 first) */
export const alertsParams = {
  province: parseAsString,
  kpi: parseAsString,
  kind: parseAsStringLiteral(ALERT_KINDS),
  state: parseAsStringLiteral(ALERT_STATES),
  page: parseAsInteger.withDefault(1),
};

/** `/completeness`: the KPI set, the period (as the set's frequency writes it) and the province looked into */
export const completenessParams = { set: parseAsString, period: parseAsString, province: parseAsString };

/** `/submit`: the reporting unit's code, the frequency and the period of the form */
export const submitParams = { unit: parseAsString, frequency: parseAsStringLiteral(FREQUENCIES), period: parseAsString };

/**
 * Control-room mode: `?kiosk` (a bare flag; read as present or not) turns it on, `playlist=/|/scorecard`
 * names the views to rotate through, `interval=30` the seconds each stays.
 */
export const kioskParams = { kiosk: parseAsString, playlist: parseAsString, interval: parseAsInteger };

/** The intervals the forecast view draws: the 80 %, the 95 % or both. */
export const PLAN_INTERVALS = ['both', '80', '95'] as const;

/**
 * `/plan`: the KPI forecast, the units compared (codes, `units=01,79`; default the viewer's unit, else
 * the nation), the horizon in the KPI's periods (default and bounds by frequency, see
 * components/plan/planState.ts) and the interval drawn (`both` when absent).
 */
/** What `/plan?all=` may ask to forecast under the first unit: the nation's provinces, or communes. */
export const PLAN_ALL_LEVELS = ['provinces', 'communes'] as const;

export const planParams = {
  kpi: parseAsString,
  units: parseAsArrayOf(parseAsString, ','),
  horizon: parseAsInteger,
  interval: parseAsStringLiteral(PLAN_INTERVALS).withDefault('both'),
  /** forecast every unit of a level under the first unit at once, in the background (`provinces`, `communes`) */
  all: parseAsStringLiteral(PLAN_ALL_LEVELS),
};

/** The overview's page also reads the kiosk flag: a leader's wall screen keeps the national view. */
export const loadOverviewParams = createLoader({ ...overviewParams, kiosk: kioskParams.kiosk });
export const loadProvinceParams = createLoader({ ...provinceParams, ...rangeParams });
export const loadCommuneParams = createLoader({ ...communeParams, ...rangeParams });
export const loadKpiParams = createLoader({ ...rankingSortParams, ...rangeParams });
export const loadScorecardParams = createLoader(scorecardParams);
export const loadAlertsParams = createLoader(alertsParams);
export const loadCompletenessParams = createLoader(completenessParams);
export const loadSubmitParams = createLoader(submitParams);
export const loadPlanParams = createLoader(planParams);
