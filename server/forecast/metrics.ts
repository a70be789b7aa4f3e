/** Forecast errors, on the original scale of the KPI. */

/** Mean absolute percentage error, percent, over the points whose actual is not 0. */
export function mape(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  let n = 0;
  actual.forEach((y, i) => {
    if (Math.abs(y) < 1e-12) return;
    sum += Math.abs((y - predicted[i]!) / y);
    n++;
  });
  return n ? (100 * sum) / n : 0;
}

export function meanAbsoluteError(actual: readonly number[], predicted: readonly number[]): number {
  if (actual.length === 0) return 0;
  return actual.reduce((s, y, i) => s + Math.abs(y - predicted[i]!), 0) / actual.length;
}

/**
 * The in-sample mean absolute error of the seasonal-naive forecast (the value `season` periods
 * back), MASE's denominator (Hyndman & Koehler 2006); lag 1 when the history is shorter than a season.
 */
export function seasonalNaiveScale(y: readonly number[], season: number): number {
  const m = y.length > season ? season : 1;
  let sum = 0;
  for (let t = m; t < y.length; t++) sum += Math.abs(y[t]! - y[t - m]!);
  return y.length > m ? sum / (y.length - m) : 0;
}

/** A MASE too large to mean anything more is held here (a flat history makes the scale 0). */
const MAX_MASE = 99;

export function mase(mae: number, scale: number): number {
  if (scale <= 1e-12) return mae <= 1e-12 ? 0 : MAX_MASE;
  return Math.min(MAX_MASE, mae / scale);
}
