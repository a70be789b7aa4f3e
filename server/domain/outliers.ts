/**
 * Outlier tests of a value against its own history. Pure.
 * - z-score: (x − mean) / standard deviation; sensitive to earlier outliers in the history.
 * - modified z-score (Iglewicz & Hoaglin): 0.6745 (x − median) / MAD; robust, |M| > 3.5 flags.
 * - min–max bounds: values outside a KPI's valid range are outliers whatever the history.
 */

/** Fewer points than this make no history worth testing against. */
export const MIN_HISTORY = 6;
export const MODIFIED_Z_THRESHOLD = 3.5;
export const Z_THRESHOLD = 3;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** null when the history is too short or has no spread */
export function zScore(value: number, history: readonly number[]): number | null {
  if (history.length < MIN_HISTORY) return null;
  const mean = history.reduce((a, b) => a + b, 0) / history.length;
  const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / (history.length - 1));
  return sd === 0 ? null : (value - mean) / sd;
}

/** null when the history is too short or its median absolute deviation is zero */
export function modifiedZScore(value: number, history: readonly number[]): number | null {
  if (history.length < MIN_HISTORY) return null;
  const m = median(history);
  const mad = median(history.map((v) => Math.abs(v - m)));
  return mad === 0 ? null : (0.6745 * (value - m)) / mad;
}

export function isOutlier(value: number, history: readonly number[]): boolean {
  const m = modifiedZScore(value, history);
  return m !== null && Math.abs(m) > MODIFIED_Z_THRESHOLD;
}

export function outsideBounds(value: number, bounds: { min: number; max: number }): boolean {
  return value < bounds.min || value > bounds.max;
}

export interface OutlierFlag {
  method: 'z_score' | 'modified_z_score';
  score: number;
}

/** Both tests on a submitted value: staff must explain a value that either flags. */
export function outlierFlags(value: number, history: readonly number[]): OutlierFlag[] {
  const flags: OutlierFlag[] = [];
  const m = modifiedZScore(value, history);
  if (m !== null && Math.abs(m) > MODIFIED_Z_THRESHOLD) flags.push({ method: 'modified_z_score', score: m });
  const z = zScore(value, history);
  if (z !== null && Math.abs(z) > Z_THRESHOLD) flags.push({ method: 'z_score', score: z });
  return flags;
}
