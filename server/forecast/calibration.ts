/**
 * Calibrating prediction intervals from the backtest.
 *
 * For every held-out point of the rolling-origin backtest we know the library's interval at that
 * step and the actual value. On the transformed scale, where the intervals are fitted, we measure
 * how far the actual fell from the point forecast in units of the interval's half-width on its
 * side: u = (z − point) / (hi − point) above the point, (point − z) / (point − lo) below. The
 * interval covered the actual exactly when u ≤ 1.
 *
 * If fewer than the nominal share had u ≤ 1, the intervals are too narrow: we widen them by the
 * factor k = the conformal quantile of u, the ⌈(n+1)·level⌉-th smallest of the n values (split
 * conformal prediction; Vovk et al., Lei et al. 2018), so that over the backtest at least `level` of
 * the points fall inside the widened interval. Widening stretches both sides away from the point
 * forecast by k (lo' = point − k·(point − lo), hi' = point + k·(hi − point)), keeping the interval's
 * shape and its growth with the horizon. Intervals already wide enough are left as they are
 * (k = 1): we never narrow, since a short backtest cannot tell a generous interval from luck.
 * 80 % and 95 % get their own factor; the 95 % interval is then kept at least as wide as the 80 %.
 */
import type { ModelForecast } from './models';

/** Widening past this is a sign the model is wrong, not the interval: held here (the verdict says it). */
const MAX_WIDENING = 10;

/** How far an actual fell outside (> 1) or inside (≤ 1) an interval, in half-widths of its side. */
export function intervalUnits(z: number, point: number, lo: number, hi: number): number {
  const side = z >= point ? hi - point : point - lo;
  const miss = Math.abs(z - point);
  if (side <= 1e-12) return miss <= 1e-12 ? 0 : MAX_WIDENING + 1;
  return miss / side;
}

/** The factor (≥ 1) that makes `level` of the units fall within the interval, by the conformal quantile. */
export function wideningFactor(units: readonly number[], level: number): number {
  if (units.length === 0) return 1;
  const sorted = [...units].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.ceil((sorted.length + 1) * level));
  return Math.min(MAX_WIDENING, Math.max(1, sorted[rank - 1]!));
}

/** Share (0–1) of the units within a widening factor. */
export function coverageAt(units: readonly number[], factor: number): number {
  if (units.length === 0) return 0;
  return units.filter((u) => u <= factor + 1e-9).length / units.length;
}

/** The forecast with its intervals widened by k80 and k95 (see above); 95 % never inside 80 %. */
export function widen(f: ModelForecast, k80: number, k95: number): ModelForecast {
  const out: ModelForecast = { point: f.point, lo80: [], hi80: [], lo95: [], hi95: [] };
  f.point.forEach((p, i) => {
    const lo80 = p - k80 * (p - f.lo80[i]!);
    const hi80 = p + k80 * (f.hi80[i]! - p);
    out.lo80.push(lo80);
    out.hi80.push(hi80);
    out.lo95.push(Math.min(lo80, p - k95 * (p - f.lo95[i]!)));
    out.hi95.push(Math.max(hi80, p + k95 * (f.hi95[i]! - p)));
  });
  return out;
}
