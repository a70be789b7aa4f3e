/**
 * A unit's history of one KPI as the forecast reads it: the aggregated series of the unit from the
 * roll-ups (getSeries, the one computation the dashboards show: a province's ratio is its summed
 * numerator over its summed denominator, never a mean of its communes), one value per period of
 * the KPI's frequency, and the same history on an even grid for the models (a missing period is
 * interpolated between its neighbours; none before the first value or after the last).
 */
import type { AppContext } from '../appContext';
import { getChildSums } from '../db/queries/rollups';
import { isComposite, type Frequency, type KpiDefinition, type MeasuredKpi } from '../../kpi-definitions/schema';
import { valueFromSums } from '../../shared/domain/aggregate';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, resolutionFor } from '../../shared/domain/periods';
import type { HistoryPoint } from '../../shared/forecast/types';
import { getSeries } from '../services/kpiValues';

/** How far back a series is read, in periods: ten years of months and quarters, three years of days. */
const HISTORY_PERIODS: Record<Frequency, number> = { monthly: 120, quarterly: 40, daily: 3 * 365 };

export interface LoadedHistory {
  /** the values as reported (no interpolation) */
  history: HistoryPoint[];
  /** the even grid from the first to the last value */
  periods: Date[];
  values: number[];
}

/** Evenly spaced periods with interpolated gaps, from points in time order. */
export function evenGrid(points: readonly HistoryPoint[], frequency: Frequency): { periods: Date[]; values: number[] } {
  if (points.length === 0) return { periods: [], values: [] };
  const byTime = new Map(points.map((p) => [p.period.getTime(), p.value]));
  const periods: Date[] = [];
  const values: Array<number | undefined> = [];
  const last = points.at(-1)!.period.getTime();
  for (let p = points[0]!.period; p.getTime() <= last; p = addPeriods(p, periodUnitOf(frequency), 1)) {
    periods.push(p);
    values.push(byTime.get(p.getTime()));
  }
  // linear interpolation across gaps (both ends are known: the grid starts and ends on a value)
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== undefined) continue;
    let j = i;
    while (values[j] === undefined) j++;
    const a = values[i - 1]!;
    const b = values[j]!;
    for (let k = i; k < j; k++) values[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    i = j;
  }
  return { periods, values: values as number[] };
}

/**
 * The history of a KPI at a unit at a frequency (a daily KPI may be read monthly: the month's
 * value by the KPI's own aggregation rule), up to and including the period holding `asOf`.
 */
function historyWindow(frequency: Frequency, asOf: Date): { from: Date; to: Date } {
  const unit = periodUnitOf(frequency);
  const to = addPeriods(periodStart(unit, asOf), unit, 1);
  return { from: addPeriods(to, unit, -HISTORY_PERIODS[frequency]), to };
}

export async function loadHistory(app: AppContext, kpi: KpiDefinition, orgUnitId: number, frequency: Frequency, asOf: Date): Promise<LoadedHistory> {
  const { from, to } = historyWindow(frequency, asOf);
  const points = await getSeries(app, { kpiId: kpi.id, orgUnitId, from, to, resolution: resolutionFor(periodUnitOf(frequency)) });
  const history: HistoryPoint[] = [];
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) continue;
    // a quarterly KPI read by month holds its quarter's value in each month: keep the quarter's start
    if (frequency === 'quarterly' && periodStart('quarter', p.period).getTime() !== p.period.getTime()) continue;
    history.push({ period: p.period, value: p.value });
  }
  return { history, ...evenGrid(history, frequency) };
}

/**
 * The histories of a measured KPI for every child of a unit in one read (the scorecard asks for all
 * 34 provinces at once): the same summed parts per child and period that getSeries reads one unit
 * at a time, by the same rule (valueFromSums), so each child's history equals its own series. Null
 * for a composite, whose series only getSeries computes.
 */
export async function loadChildHistories(
  app: AppContext,
  kpi: KpiDefinition,
  parent: OrgUnit,
  frequency: Frequency,
  asOf: Date,
): Promise<Map<number, LoadedHistory> | null> {
  if (isComposite(kpi) || parent.level === 'commune') return null;
  const measure = (kpi as MeasuredKpi).measure;
  const { from, to } = historyWindow(frequency, asOf);
  const scope = parent.level === 'nation' ? { level: 'nation' as const } : { level: 'province' as const, provinceId: parent.id };
  const rows = await getChildSums(app.db, { kpiIds: [kpi.id], granularity: periodUnitOf(frequency), parent: scope, from, to });
  const points = new Map<number, HistoryPoint[]>();
  for (const r of rows) {
    const value = valueFromSums(measure, r.num, r.den);
    if (value === null || !Number.isFinite(value)) continue;
    const list = points.get(r.child_id) ?? [];
    list.push({ period: r.period, value });
    points.set(r.child_id, list);
  }
  return new Map(app.orgUnits().childrenOf(parent.id).map((child) => {
    const history = points.get(child.id) ?? [];
    return [child.id, { history, ...evenGrid(history, frequency) }];
  }));
}
