/**
 * The scale a series is fitted on. Percentages and 0–100 scores are fitted on logit(y/100), so that
 * a forecast and its intervals stay inside 0–100 % whatever the trend; positive quantities (hours,
 * VND, trips) on log(y), where a seasonal swing is multiplicative and intervals stay positive;
 * anything that touches zero on its own scale.
 */
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { ForecastModel } from '../../shared/forecast/types';

export type TransformId = ForecastModel['transform'];

/** A share this close to 0 or 1 is held there (logit would be infinite); 0.05 % of the scale. */
const LOGIT_EPSILON = 0.0005;

export interface Transform {
  id: TransformId;
  forward: (y: number) => number;
  inverse: (z: number) => number;
}

const clamp01 = (p: number) => Math.min(1 - LOGIT_EPSILON, Math.max(LOGIT_EPSILON, p));

export const TRANSFORMS: Record<TransformId, Transform> = {
  none: { id: 'none', forward: (y) => y, inverse: (z) => z },
  log: { id: 'log', forward: (y) => Math.log(y), inverse: (z) => Math.exp(z) },
  logit: {
    id: 'logit',
    forward: (y) => {
      const p = clamp01(y / 100);
      return Math.log(p / (1 - p));
    },
    inverse: (z) => 100 / (1 + Math.exp(-z)),
  },
};

/** Whether a KPI's values live on 0–100 (a percentage of a whole, a score out of 100). */
export function boundedTo100(kpi: Pick<KpiDefinition, 'unit' | 'measure' | 'scoring'>): boolean {
  if (kpi.measure.kind === 'ratio') return kpi.measure.scale === 100 && kpi.measure.numeratorWithinDenominator;
  if (kpi.unit === 'score' || kpi.unit === 'points') return true;
  return false;
}

/** The transform a KPI's series is fitted on. */
export function transformFor(kpi: Pick<KpiDefinition, 'unit' | 'measure' | 'scoring'>, values: readonly number[]): Transform {
  if (boundedTo100(kpi)) return TRANSFORMS.logit;
  if (values.length > 0 && values.every((v) => v > 0)) return TRANSFORMS.log;
  return TRANSFORMS.none;
}
