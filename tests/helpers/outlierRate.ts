/**
 * Measures the outlier rule (shared/domain/outliers.ts) on the seeded demo history: how many
 * ordinary values it flags, and how many genuine outliers it still finds. Shared by the unit test
 * and bench/outlierFalsePositives.ts.
 */
import { kpiCatalogue } from '../../kpi-definitions';
import type { Frequency } from '../../kpi-definitions/schema';
import { generateHistory } from '../../seed/history';
import { valueFromSums } from '../../shared/domain/aggregate';
import { isOutlier } from '../../shared/domain/outliers';
import { seedTree } from './orgUnitFixtures';

/** Periods of history each value is judged against: as the alerts (daily) and the form (monthly) do. */
const JUDGED_AGAINST: Record<Frequency, number> = { daily: 30, monthly: 12, quarterly: 8 };

export interface Tally {
  tested: number;
  flagged: number;
}

export interface OutlierRate {
  /** every ordinary value with enough history before it */
  ordinary: Tally;
  byFrequency: Record<Frequency, Tally>;
  /** each unit's newest value only (what the form checks today) */
  newest: Tally;
  /** each unit's newest value made 5× and ⅕ of itself */
  fiveTimes: Tally;
  fifth: Tally;
}

function rate(t: Tally): number {
  return t.tested === 0 ? 0 : t.flagged / t.tested;
}
export { rate as tallyRate };

export function measureOutlierRate(options: { now: Date; months?: number; provinceCodes?: readonly string[]; seed?: number }): OutlierRate {
  const tree = seedTree();
  const series = new Map<string, { frequency: Frequency; values: number[] }>();
  // Ordinary history: no planted outliers, so every flag is a false positive.
  const history = generateHistory(kpiCatalogue, tree, {
    now: options.now,
    months: options.months ?? 24,
    provinceCodes: options.provinceCodes ?? ['01', '79', '14'],
    seed: options.seed,
    outlierRate: 0,
  });
  for (const chunk of history) {
    for (const row of chunk) {
      const kpi = kpiCatalogue.measured.find((k) => k.id === row.kpiId)!;
      const value = valueFromSums(kpi.measure, row.num, row.den);
      if (value === null) continue;
      const key = `${row.kpiId}|${row.orgUnitId}`;
      const s = series.get(key) ?? { frequency: kpi.frequency, values: [] };
      s.values.push(value);
      series.set(key, s);
    }
  }
  const tally = (): Tally => ({ tested: 0, flagged: 0 });
  const result: OutlierRate = { ordinary: tally(), byFrequency: { daily: tally(), monthly: tally(), quarterly: tally() }, newest: tally(), fiveTimes: tally(), fifth: tally() };
  const count = (t: Tally, flagged: boolean) => {
    t.tested++;
    if (flagged) t.flagged++;
  };
  for (const { frequency, values } of series.values()) {
    const window = JUDGED_AGAINST[frequency];
    for (let i = 1; i < values.length; i++) {
      const past = values.slice(Math.max(0, i - window), i);
      if (past.length < 6) continue;
      const flagged = isOutlier(values[i]!, past);
      count(result.ordinary, flagged);
      count(result.byFrequency[frequency], flagged);
      if (i === values.length - 1) {
        count(result.newest, flagged);
        count(result.fiveTimes, isOutlier(values[i]! * 5, past));
        count(result.fifth, isOutlier(values[i]! / 5, past));
      }
    }
  }
  return result;
}
