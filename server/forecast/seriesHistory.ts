/**
 * A unit's history of one KPI as the forecast reads it: the aggregated series of the unit from the
 * roll-ups (getSeries, the one computation the dashboards show: a province's ratio is its summed
 * numerator over its summed denominator, never a mean of its communes), one value per period of
 * the KPI's frequency, and the same history on an even grid for the models (a missing period is
 * interpolated between its neighbours; none before the first value or after the last).
 */
import type { AppContext } from '../appContext';
import type { Frequency, KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, resolutionFor } from '../../shared/domain/periods';
import type { HistoryPoint } from '../../shared/forecast/types';
import { getChildSeries, getSeries, type SeriesPoint } from '../services/kpiValues';

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

/** A series' points as a history: finite values only, a quarterly KPI's at its quarters' starts. */
function historyFrom(points: readonly SeriesPoint[], frequency: Frequency): LoadedHistory {
  const history: HistoryPoint[] = [];
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) continue;
    // a quarterly KPI read by month holds its quarter's value in each month: keep the quarter's start
    if (frequency === 'quarterly' && periodStart('quarter', p.period).getTime() !== p.period.getTime()) continue;
    history.push({ period: p.period, value: p.value });
  }
  return { history, ...evenGrid(history, frequency) };
}

export async function loadHistory(app: AppContext, kpi: KpiDefinition, orgUnitId: number, frequency: Frequency, asOf: Date): Promise<LoadedHistory> {
  const { from, to } = historyWindow(frequency, asOf);
  return historyFrom(await getSeries(app, { kpiId: kpi.id, orgUnitId, from, to, resolution: resolutionFor(periodUnitOf(frequency)) }), frequency);
}

/**
 * The histories of a KPI for every child of a unit in one read (the scorecard asks for all 34
 * provinces at once): getChildSeries reads the same summed parts per child and period that
 * getSeries reads one unit at a time and computes them by the same code (for the composite index,
 * each component's value and score per period), so each child's history equals its own series.
 * Null under a commune, which has no children.
 */
export async function loadChildHistories(
  app: AppContext,
  kpi: KpiDefinition,
  parent: OrgUnit,
  frequency: Frequency,
  asOf: Date,
): Promise<Map<number, LoadedHistory> | null> {
  if (parent.level === 'commune') return null;
  const { from, to } = historyWindow(frequency, asOf);
  const series = await getChildSeries(app, { kpiId: kpi.id, parentId: parent.id, from, to, resolution: resolutionFor(periodUnitOf(frequency)) });
  return new Map([...series].map(([childId, points]) => [childId, historyFrom(points, frequency)]));
}
