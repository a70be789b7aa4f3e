/**
 * When a province's KPI value raises an alert, and when the episode ends. Pure.
 *
 * Hysteresis: an alert is an episode. It is raised once when the value crosses the raising
 * threshold and ends only when the value is back past a gentler recovery threshold; in between,
 * however many batches land, it stays one alert.
 * - band drop: the value is in a worse band than the unit's usual one (the band of its history's
 *   median) AND worse than its usual level by more than BAND_DROP_SPREADS of its own
 *   period-to-period noise, so noise around a band bound does not fire. It ends when the value is
 *   back in the usual band (or better).
 * - outlier: the one outlier rule (./outliers). It ends when the score is back within
 *   OUTLIER_RECOVERY_SCORE.
 */
import { BAND_IDS, type KpiDefinition } from '../../kpi-definitions/schema';
import { bandFor } from '../../kpi-definitions/bands';
import { median, MIN_HISTORY, OUTLIER_THRESHOLD, outlierScore, trendLine } from './outliers';

/** A drop must exceed this many noise spreads to be more than noise. */
const BAND_DROP_SPREADS = 3;
/** Noise spread at least this share of |median|: values rounded to a tenth still have some. */
const NOISE_FLOOR = 0.005;
/** An outlier episode ends when |score| falls to this (below the raising threshold of 3.5). */
const OUTLIER_RECOVERY_SCORE = 2;

export type AlertKind = 'band_drop' | 'outlier';

export interface AlertJudgement {
  kind: AlertKind;
  /** band_drop: the usual band; outlier: the history's median */
  reference: string;
}

type BandedKpi = Pick<KpiDefinition, 'direction' | 'bands'>;

/** 1.4826 × MAD of the history's residuals from its Theil–Sen line: its period-to-period noise. */
export function noiseSpread(history: readonly number[]): number {
  const { residuals } = trendLine(history);
  return Math.max(1.4826 * median(residuals.map(Math.abs)), NOISE_FLOOR * Math.abs(median(history)));
}

function bandRank(kpi: BandedKpi, value: number): number {
  return BAND_IDS.indexOf(bandFor(kpi, value));
}

/** How much worse than `from` the value is, in the KPI's unit (negative when better). */
function worseBy(kpi: BandedKpi, value: number, from: number): number {
  return kpi.direction === 'higher_is_better' ? from - value : value - from;
}

/** The alerts a value raises against its history (before any hysteresis). */
export function judgeValue(kpi: BandedKpi, value: number, history: readonly number[]): AlertJudgement[] {
  if (history.length < MIN_HISTORY) return [];
  const usual = median(history);
  const found: AlertJudgement[] = [];
  if (bandRank(kpi, value) > bandRank(kpi, usual) && worseBy(kpi, value, usual) > BAND_DROP_SPREADS * noiseSpread(history)) {
    found.push({ kind: 'band_drop', reference: bandFor(kpi, usual) });
  }
  const score = outlierScore(value, history);
  if (score !== null && Math.abs(score) > OUTLIER_THRESHOLD) found.push({ kind: 'outlier', reference: String(usual) });
  return found;
}

/** Whether an episode raised with `reference` has ended at this value. */
export function hasRecovered(kpi: BandedKpi, alert: { kind: AlertKind; reference: string }, value: number, history: readonly number[]): boolean {
  if (alert.kind === 'band_drop') {
    const usualRank = BAND_IDS.findIndex((b) => b === alert.reference);
    return usualRank >= 0 && bandRank(kpi, value) <= usualRank;
  }
  const score = outlierScore(value, history);
  return score !== null && Math.abs(score) <= OUTLIER_RECOVERY_SCORE;
}
