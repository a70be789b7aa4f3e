/**
 * What the `forecast` router serves: forecasts of one KPI for up to eight units, and the chance of
 * reaching each KPI's target, for a unit or for all the children of a unit at once (the scorecard).
 * Every series is computed by forecastSeries (the engine) on the unit's aggregated history and kept
 * in the forecast cache until data for that series lands.
 */
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import { getDataVersion } from '../db/queries/dataVersion';
import { isComposite, type Frequency, type KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, VN_OFFSET_MS } from '../../shared/domain/periods';
import { attainmentVerdict, type Attainment, type ForecastResult, type UnitForecast } from '../../shared/forecast/types';
import { requireKpi, requireUnit } from '../services/kpiValues';
import { attainmentProbability, reached } from './attainment';
import { forecastCacheOf, type SeriesKey } from './forecastCache';
import { forecastSeries, type SeriesForecast } from './forecastSeries';
import { recordForecast } from './ownForecasts';
import { loadChildHistories, loadHistory, type LoadedHistory } from './seriesHistory';
import { transformFor } from './transforms';

/** Periods ahead a view may ask for, and what it gets when it does not say. */
export const MAX_HORIZON: Record<Frequency, number> = { monthly: 12, quarterly: 12, daily: 90 };
export const DEFAULT_HORIZON: Record<Frequency, number> = { monthly: 12, quarterly: 8, daily: 90 };
/** How far ahead a target may be judged, in periods of the frequency it is judged at. */
const MAX_TARGET_STEPS: Record<Frequency, number> = { monthly: 36, quarterly: 12, daily: 365 };

export interface ComputedSeries {
  loaded: LoadedHistory;
  result: SeriesForecast;
  /** when it was computed (the app's clock) */
  at: Date;
}

function measuredIds(app: AppContext, kpi: KpiDefinition): string[] {
  return isComposite(kpi) ? [...new Set(kpi.measure.groups.flatMap((g) => g.kpiIds))] : [kpi.id];
}

/** What a series' cached forecast stands on (forecastCache.ts). */
export function seriesKey(app: AppContext, kpi: KpiDefinition, unit: OrgUnit, frequency: Frequency, horizon: number): SeriesKey {
  return { kpiId: kpi.id, dependsOn: measuredIds(app, kpi), orgUnitId: unit.id, provinceId: unit.provinceId, variant: `${frequency}:${horizon}` };
}

/** One KPI at one unit at a frequency and horizon, from the cache or computed. */
export async function computeSeries(
  app: AppContext,
  kpi: KpiDefinition,
  unit: OrgUnit,
  frequency: Frequency,
  horizon: number,
  version: string,
  /** the history when it was read with its siblings' (loadChildHistories); read on a miss */
  preload?: (at: Date) => Promise<LoadedHistory | undefined>,
): Promise<ComputedSeries> {
  return forecastCacheOf(app).getOrCompute(seriesKey(app, kpi, unit, frequency, horizon), version, async () => {
    const at = appNow();
    const loaded = (await preload?.(at)) ?? (await loadHistory(app, kpi, unit.id, frequency, at));
    const result = forecastSeries({ frequency, periods: loaded.periods, values: loaded.values, transform: transformFor(kpi, loaded.values), horizon });
    await recordForecast(app, { kpi, unit, frequency, origin: loaded.periods.at(-1), result, madeAt: at, version });
    return { loaded, result, at };
  });
}

function unitForecast(unit: OrgUnit, c: ComputedSeries): UnitForecast {
  const { result } = c;
  return {
    orgUnitId: unit.id,
    verdict: result.verdict,
    history: c.loaded.history,
    forecast: result.forecast,
    model: result.model,
    backtest: result.backtest,
    ...(result.needed !== undefined ? { needed: result.needed } : {}),
  };
}

/** Forecasts of one KPI for several units (the /plan view compares up to eight). */
export async function getForecast(app: AppContext, q: { kpiId: string; orgUnitIds: readonly number[]; horizon?: number }): Promise<ForecastResult> {
  const kpi = requireKpi(app, q.kpiId);
  const units = q.orgUnitIds.map((id) => requireUnit(app, id));
  const frequency = kpi.frequency;
  const horizon = Math.min(MAX_HORIZON[frequency], q.horizon ?? DEFAULT_HORIZON[frequency]);
  const version = await getDataVersion(app.db);
  const computed: ComputedSeries[] = [];
  // one after another: the engine is synchronous CPU work, and the reads are cheap beside it
  for (const unit of units) computed.push(await computeSeries(app, kpi, unit, frequency, horizon, version));
  return {
    kpiId: kpi.id,
    frequency,
    horizon,
    asOf: new Date(Math.min(...computed.map((c) => c.at.getTime()))),
    units: units.map((u, i) => unitForecast(u, computed[i]!)),
  };
}

/** The local date a target is due, as the instant of its local midnight. */
export function targetDate(kpi: KpiDefinition): Date {
  return new Date(Date.parse(`${kpi.target.by}T00:00:00Z`) - VN_OFFSET_MS);
}

/**
 * The frequency a target is judged at: a daily KPI by the value of the month its target date falls
 * in (by its own aggregation rule: the month's summed parts), since one day's value says little
 * about where a year ends; the others by their own period holding the target date.
 */
export function attainmentFrequency(kpi: KpiDefinition): Frequency {
  return kpi.frequency === 'daily' ? 'monthly' : kpi.frequency;
}

function stepsBetween(from: Date, to: Date, frequency: Frequency): number {
  let steps = 0;
  for (let p = from; p < to && steps <= MAX_TARGET_STEPS[frequency]; p = addPeriods(p, periodUnitOf(frequency), 1)) steps++;
  return steps;
}

type Preload = (at: Date) => Promise<LoadedHistory | undefined>;

async function attainmentOf(app: AppContext, kpi: KpiDefinition, unit: OrgUnit, version: string, preload?: Preload): Promise<Attainment> {
  const by = targetDate(kpi);
  const frequency = attainmentFrequency(kpi);
  const targetPeriod = periodStart(periodUnitOf(frequency), by);
  const none: Attainment = { kpiId: kpi.id, orgUnitId: unit.id, target: kpi.target.value, by, probability: null, verdict: null, expected: null, lo80: null, hi80: null };
  // the horizon that reaches the target period, or the usual one when it is already past
  const probe = await computeSeries(app, kpi, unit, frequency, DEFAULT_HORIZON[frequency], version, preload);
  const last = probe.loaded.periods.at(-1);
  if (!last) return none;
  if (targetPeriod <= last) {
    // the target period has its actual (or is before the data): judged on what was reported
    const actual = [...probe.loaded.history].reverse().find((p) => p.period <= targetPeriod);
    if (!actual) return none;
    const p = reached(kpi, kpi.target.value, actual.value) ? 1 : 0;
    return { ...none, probability: p, verdict: attainmentVerdict(p), expected: actual.value, lo80: actual.value, hi80: actual.value };
  }
  const steps = stepsBetween(last, targetPeriod, frequency);
  if (steps > MAX_TARGET_STEPS[frequency]) return none;
  const c = steps <= DEFAULT_HORIZON[frequency] ? probe : await computeSeries(app, kpi, unit, frequency, steps, version, preload);
  const z = c.result.transformed;
  if (!z || c.result.verdict === 'too_short') return none;
  const i = steps - 1;
  const transform = transformFor(kpi, c.loaded.values);
  const probability = attainmentProbability(kpi, kpi.target.value, transform, { point: z.point[i]!, lo80: z.lo80[i]!, hi80: z.hi80[i]! });
  const f = c.result.forecast[i]!;
  return { ...none, probability, verdict: attainmentVerdict(probability), expected: f.mean, lo80: f.lo80, hi80: f.hi80 };
}

/** The chance of reaching each KPI's target (all KPIs when none are named) for one unit. */
export async function getAttainment(app: AppContext, q: { orgUnitId: number; kpiIds?: readonly string[] }): Promise<Attainment[]> {
  const unit = requireUnit(app, q.orgUnitId);
  const kpis = q.kpiIds ? q.kpiIds.map((id) => requireKpi(app, id)) : app.catalogue.all;
  const version = await getDataVersion(app.db);
  const out: Attainment[] = [];
  for (const kpi of kpis) out.push(await attainmentOf(app, kpi, unit, version));
  return out;
}

/** The chance of reaching a KPI's target (every KPI's when none is named) for each child of a unit. */
export async function getAttainmentByChildren(app: AppContext, q: { parentId: number; kpiId?: string }): Promise<Attainment[]> {
  const kpis = q.kpiId ? [requireKpi(app, q.kpiId)] : app.catalogue.all;
  const parent = requireUnit(app, q.parentId);
  const version = await getDataVersion(app.db);
  return forecastCacheOf(app).share(`attainmentByChildren|${parent.id}|${q.kpiId ?? '*'}|${version}`, () => attainmentOfChildren(app, kpis, parent, version));
}

async function attainmentOfChildren(app: AppContext, kpis: readonly KpiDefinition[], parent: OrgUnit, version: string): Promise<Attainment[]> {
  const children = app.orgUnits().childrenOf(parent.id).filter((u) => u.active);
  const out: Attainment[] = [];
  for (const kpi of kpis) {
    // every child's history in one read, made only when a child's forecast is not cached
    let histories: Promise<Map<number, LoadedHistory> | null> | undefined;
    const preload = (unit: OrgUnit): Preload => async (at) => {
      histories ??= loadChildHistories(app, kpi, parent, attainmentFrequency(kpi), at);
      return (await histories)?.get(unit.id);
    };
    for (const unit of children) out.push(await attainmentOf(app, kpi, unit, version, preload(unit)));
  }
  return out;
}
