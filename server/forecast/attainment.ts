/**
 * The probability that a forecast value reaches a target. The calibrated forecast on the fitted
 * (log/logit) scale is read as a split normal: centred on the point forecast, each side's spread
 * taken from that side of the calibrated 80 % interval (σ = half-width / z₀.₈₀). Its share beyond
 * the target, on the KPI's side (higher_is_better: at or above; lower_is_better: at or below), is
 * the probability. "Reached" is as users read it: the value rounded to the KPI's decimals, so a
 * target of 100 % is reached at 99.95 % for a KPI shown with one decimal.
 */
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { Z80 } from './models';
import type { Transform } from './transforms';

/** Standard normal CDF (Zelen & Severo 1964, A&S 26.2.17; |error| < 7.5e-8). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const tail = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - tail : tail;
}

/** The value at which a target counts as reached, half a shown digit on the far side. */
export function reachedAt(kpi: Pick<KpiDefinition, 'direction' | 'decimals'>, target: number): number {
  const half = 0.5 * 10 ** -kpi.decimals;
  return kpi.direction === 'higher_is_better' ? target - half : target + half;
}

/** Whether a known value reached the target. */
export function reached(kpi: Pick<KpiDefinition, 'direction' | 'decimals'>, target: number, value: number): boolean {
  const at = reachedAt(kpi, target);
  return kpi.direction === 'higher_is_better' ? value >= at : value <= at;
}

/**
 * P(target reached) from one step of a calibrated forecast on the transformed scale: its point,
 * and its 80 % bounds.
 */
export function attainmentProbability(
  kpi: Pick<KpiDefinition, 'direction' | 'decimals'>,
  target: number,
  transform: Transform,
  step: { point: number; lo80: number; hi80: number },
): number {
  const threshold = transform.forward(reachedAt(kpi, target));
  const above = threshold >= step.point;
  const sigma = (above ? step.hi80 - step.point : step.point - step.lo80) / Z80;
  const pBelow = sigma <= 1e-12 ? (threshold > step.point ? 1 : threshold < step.point ? 0 : 0.5) : normalCdf((threshold - step.point) / sigma);
  return kpi.direction === 'higher_is_better' ? 1 - pBelow : pBelow;
}
