/**
 * Pure helpers on a KPI's bands and scoring: which band a value falls in, and the 0–100 score the
 * composite index gives it. No I/O; shared by the server, the UI and the tests.
 */
import type { BandId, KpiDefinition } from './schema';

/** The standard label of each band, Vietnamese first (the wording of the real-time service index). */
export const BAND_LABELS: Readonly<Record<BandId, { vi: string; en: string }>> = {
  good: { vi: 'Tốt', en: 'Good' },
  fair: { vi: 'Khá', en: 'Fairly good' },
  average: { vi: 'Trung bình', en: 'Average' },
  weak: { vi: 'Yếu', en: 'Weak' },
  poor: { vi: 'Kém', en: 'Poor' },
};

/**
 * The five standard bands, best first, from the bounds of the first four (in the KPI's own unit);
 * `poor` takes the rest. Whether a bound is a floor or a ceiling depends on the KPI's direction.
 */
export function standardBands(bounds: {
  good: number;
  fair: number;
  average: number;
  weak: number;
}): KpiDefinition['bands'] {
  return [
    { id: 'good', label: BAND_LABELS.good, bound: bounds.good },
    { id: 'fair', label: BAND_LABELS.fair, bound: bounds.fair },
    { id: 'average', label: BAND_LABELS.average, bound: bounds.average },
    { id: 'weak', label: BAND_LABELS.weak, bound: bounds.weak },
    { id: 'poor', label: BAND_LABELS.poor, bound: null },
  ];
}

function assertNumber(value: number): void {
  if (Number.isNaN(value)) throw new RangeError('a KPI value must be a number, got NaN');
}

/**
 * The band a value belongs to. For higher_is_better, the first band whose bound the value reaches
 * (value ≥ bound); for lower_is_better, the first band it stays within (value ≤ bound); the last
 * band (bound null) takes the rest. Bounds are inclusive: a value exactly on a bound gets the
 * better band.
 */
export function bandFor(kpi: Pick<KpiDefinition, 'direction' | 'bands'>, value: number): BandId {
  assertNumber(value);
  const higherIsBetter = kpi.direction === 'higher_is_better';
  for (const band of kpi.bands) {
    if (band.bound === null) return band.id;
    if (higherIsBetter ? value >= band.bound : value <= band.bound) return band.id;
  }
  // A validated catalogue always ends with a null bound; an unvalidated one falls to its last band.
  const last = kpi.bands[kpi.bands.length - 1];
  if (!last) throw new RangeError('a KPI must have at least one band');
  return last.id;
}

/**
 * The 0–100 score of a value for the composite index: `scoring.worst` scores 0, `scoring.best`
 * 100, linear between and clamped outside. Works for both directions because best may be above or
 * below worst.
 */
export function scoreFor(kpi: Pick<KpiDefinition, 'scoring'>, value: number): number {
  assertNumber(value);
  const { best, worst } = kpi.scoring;
  if (best === worst) throw new RangeError('scoring.best and scoring.worst must differ');
  const fraction = (value - worst) / (best - worst);
  return Math.min(100, Math.max(0, fraction * 100));
}
