/**
 * The one outlier rule, used by the alerts, the submission form and the file import: is a value
 * unusual against its unit's own history? Pure.
 *
 * KPI histories are not noise around a constant: they drift (service improves over the years) and
 * move with the calendar (Tết, the year-end push). A plain modified z-score treats the drift and
 * the season as anomalies and flagged a third of ordinary values. The rule therefore asks two
 * robust questions and flags only when both answer yes, in the same direction:
 * - range: how far is the value from the history's median, in robust standard deviations
 *   (1.4826 × MAD, the modified z-score of Iglewicz & Hoaglin)? A seasonal move the unit already
 *   made within the window widens its range.
 * - trend: how far is it from the history's Theil–Sen line extrapolated one period on, in robust
 *   standard deviations of the residuals? Steady drift is expected, not unusual.
 * Both spreads are at least SCALE_FLOOR of the typical level, so that a very smooth history
 * (a share stuck near 100 %) does not turn a move of a point or two into an anomaly.
 * bench/outlierFalsePositives.ts measures the rate on the seeded history.
 */

/** Fewer points than this make no history worth testing against. */
export const MIN_HISTORY = 6;
/** |score| above this flags (Iglewicz & Hoaglin's 3.5 for the modified z-score). */
export const OUTLIER_THRESHOLD = 3.5;
/** The smallest spread either test assumes, as a share of |median of the history|. */
const SCALE_FLOOR = 0.05;
/** MAD × this estimates a normal standard deviation. */
const MAD_TO_SD = 1.4826;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function robustSpread(deviations: readonly number[], level: number): number {
  return Math.max(MAD_TO_SD * median(deviations.map(Math.abs)), SCALE_FLOOR * Math.abs(level));
}

/** null when the history is too short or the spread is zero */
export function rangeScore(value: number, history: readonly number[]): number | null {
  if (history.length < MIN_HISTORY) return null;
  const m = median(history);
  const spread = robustSpread(
    history.map((v) => v - m),
    m,
  );
  return spread === 0 ? null : (value - m) / spread;
}

/** The value the history's Theil–Sen line (median of pairwise slopes) expects next, and the residuals. */
export function trendLine(history: readonly number[]): { expected: number; residuals: number[] } {
  const slopes: number[] = [];
  for (let i = 0; i < history.length; i++) for (let j = i + 1; j < history.length; j++) slopes.push((history[j]! - history[i]!) / (j - i));
  const slope = slopes.length ? median(slopes) : 0;
  const intercept = median(history.map((v, i) => v - slope * i));
  return { expected: intercept + slope * history.length, residuals: history.map((v, i) => v - (intercept + slope * i)) };
}

/** null when the history is too short or the spread is zero */
export function trendScore(value: number, history: readonly number[]): number | null {
  if (history.length < MIN_HISTORY) return null;
  const { expected, residuals } = trendLine(history);
  const spread = robustSpread(residuals, median(history));
  return spread === 0 ? null : (value - expected) / spread;
}

/**
 * The rule's score: the weaker of the two tests when they agree on the direction, 0 when they
 * disagree; null when the history cannot judge.
 */
export function outlierScore(value: number, history: readonly number[]): number | null {
  const range = rangeScore(value, history);
  const trend = trendScore(value, history);
  if (range === null || trend === null) return null;
  if (Math.sign(range) !== Math.sign(trend)) return 0;
  return Math.sign(range) * Math.min(Math.abs(range), Math.abs(trend));
}

export function isOutlier(value: number, history: readonly number[]): boolean {
  const score = outlierScore(value, history);
  return score !== null && Math.abs(score) > OUTLIER_THRESHOLD;
}

export function outsideBounds(value: number, bounds: { min: number; max: number }): boolean {
  return value < bounds.min || value > bounds.max;
}

export interface OutlierFlag {
  method: 'range_and_trend';
  score: number;
}

/** The rule on a submitted value, as the form and the import report it: staff must explain a flagged value. */
export function outlierFlags(value: number, history: readonly number[]): OutlierFlag[] {
  const score = outlierScore(value, history);
  return score !== null && Math.abs(score) > OUTLIER_THRESHOLD ? [{ method: 'range_and_trend', score }] : [];
}
