/**
 * Which buckets a series reads for a KPI at a chart resolution — the one rule the server's series
 * and the chart's drawing (steps, tooltip periods) share.
 *
 * A daily KPI arrives as timestamped measurements through the day (the systems' feeds, the demo
 * simulator), so its hourly buckets are real data and a chart by hour draws them hour by hour. A
 * monthly or quarterly KPI is one report per period: a finer resolution holds the period's value.
 */
import type { Frequency } from '../../kpi-definitions/schema';
import type { Resolution } from './periods';

export type SeriesGranularity = Resolution | Frequency;

/** 0 = finest; a day and a daily KPI's period are the same length */
const COARSENESS: Record<SeriesGranularity, number> = { hour: 0, day: 1, daily: 1, month: 2, monthly: 2, quarterly: 3 };

/** The finest buckets a KPI's data has. */
function finestOf(frequency: Frequency): SeriesGranularity {
  return frequency === 'daily' ? 'hour' : frequency;
}

/** The resolution itself when the KPI's data is that fine, else the KPI's own period. */
export function seriesGranularity(resolution: Resolution, frequency: Frequency): SeriesGranularity {
  const finest = finestOf(frequency);
  return COARSENESS[finest] > COARSENESS[resolution] ? finest : resolution;
}
