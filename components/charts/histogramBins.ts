import { niceStep, stepDecimals } from './niceNumbers';

export interface HistogramBin {
  /** inclusive */
  lo: number;
  /** exclusive, but the last bin includes it */
  hi: number;
  count: number;
}

/** About `target` bins of a round width covering every value; the last bin includes its top edge. */
export function histogramBins(values: readonly number[], target = 10): HistogramBin[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const step = niceStep((max - min) / target || Math.abs(min) * 0.01 || 1);
  // Bins are counted in whole steps from zero so that float noise (1.2 / 0.2 = 5.999…) cannot shift them.
  const first = Math.floor(min / step + 1e-9);
  const count = Math.max(1, Math.ceil(max / step - 1e-9) - first);
  const edge = (k: number) => Number((k * step).toFixed(stepDecimals(step)));
  const bins: HistogramBin[] = [];
  for (let i = 0; i < count; i++) bins.push({ lo: edge(first + i), hi: edge(first + i + 1), count: 0 });
  for (const v of finite) {
    // A value on the top edge (100 % exactly) belongs to the last bin.
    const i = Math.min(count - 1, Math.floor(v / step + 1e-9) - first);
    bins[i]!.count += 1;
  }
  return bins;
}
