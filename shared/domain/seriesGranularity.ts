/**
 * Which buckets a series reads for a KPI at a chart resolution — the one rule the server's series,
 * the chart's drawing (steps, tooltip periods) and the trend's caption share.
 *
 * A measured daily KPI arrives as timestamped measurements through the day (the systems' feeds,
 * the demo simulator), so its hourly buckets are real data and a chart by hour draws them hour by
 * hour. A monthly or quarterly KPI is one report per period, and the composite index is computed
 * per its own period (a day) from its components: at a finer resolution each holds its period's
 * value, drawn as steps.
 */
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { periodUnitOf, type PeriodUnit, type Resolution } from './periods';

export type SeriesGranularity = PeriodUnit;

/** 0 = finest */
const COARSENESS: Record<SeriesGranularity, number> = { hour: 0, day: 1, month: 2, quarter: 3 };

/** The coarser of two granularities (the first when they are as coarse). */
export function coarserGranularity(a: SeriesGranularity, b: SeriesGranularity): SeriesGranularity {
  return COARSENESS[b] > COARSENESS[a] ? b : a;
}

/** The finest buckets a KPI's values have. */
function finestOf(kpi: Pick<KpiDefinition, 'frequency' | 'measure'>): SeriesGranularity {
  const unit = periodUnitOf(kpi.frequency);
  return unit === 'day' && kpi.measure.kind !== 'composite' ? 'hour' : unit;
}

/** The resolution itself when the KPI's values are that fine, else the KPI's own period. */
export function seriesGranularity(resolution: Resolution, kpi: Pick<KpiDefinition, 'frequency' | 'measure'>): SeriesGranularity {
  return coarserGranularity(resolution, finestOf(kpi));
}

/** Whether a point stands for a longer period than the chart's resolution (drawn as a step). */
export function heldAsStep(resolution: Resolution, kpi: Pick<KpiDefinition, 'frequency' | 'measure'>): boolean {
  return COARSENESS[seriesGranularity(resolution, kpi)] > COARSENESS[resolution];
}
