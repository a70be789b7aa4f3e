/** Round steps for axes and histogram bins: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Decimals needed to write multiples of `step` exactly (2.5 → 1, 0.25 → 2, 20 → 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 6;
}

/**
 * A y-axis range with round ends that holds every value and the reference lines (a target),
 * about five steps tall; never below zero for non-negative data, never above 100 for percentages.
 */
export function niceAxisRange(values: readonly number[], references: readonly number[], opts: { percent?: boolean } = {}): { min: number; max: number; interval: number } {
  const all = [...values, ...references].filter(Number.isFinite);
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  if (lo === hi) {
    const spread = Math.abs(lo) * 0.05 || 1;
    lo -= spread;
    hi += spread;
  }
  const pad = (hi - lo) * 0.08;
  const interval = niceStep((hi - lo + 2 * pad) / 5);
  let min = Math.floor((lo - pad) / interval) * interval;
  let max = Math.ceil((hi + pad) / interval) * interval;
  if (Math.min(...all) >= 0) min = Math.max(0, min);
  if (opts.percent) max = Math.min(Math.max(100, Math.ceil(hi / interval) * interval), max);
  return { min, max, interval };
}
