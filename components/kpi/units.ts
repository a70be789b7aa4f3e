import type { KpiDefinition, KpiUnit } from '../../kpi-definitions/schema';
import { formatNumber, type Locale } from '../format';
import { KPI_UNIT_LABELS } from '../../shared/format';


export function unitLabel(unit: KpiUnit, locale: Locale): string {
  return KPI_UNIT_LABELS[unit][locale];
}

/** A KPI value with its unit: "95,2 %", "12,3 giờ", "1.234.567 ₫". */
export function formatKpiValue(kpi: Pick<KpiDefinition, 'unit' | 'decimals'>, value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  return `${formatNumber(value, kpi.decimals, locale)} ${unitLabel(kpi.unit, locale)}`;
}

/** Whether a change is an improvement for this KPI; null when there is nothing to compare. */
export function changeIsGood(kpi: Pick<KpiDefinition, 'direction'>, value: number | null, previous: number | null): boolean | null {
  if (value === null || previous === null || value === previous) return null;
  return kpi.direction === 'higher_is_better' ? value > previous : value < previous;
}

/**
 * The change from the previous period as shown at `decimals`: null when there is nothing to
 * compare, 0 when it rounds to nothing (so that −0,04 shows as no change, not as ▼ -0,0).
 */
/** Share of the target reached, 0–1 (capped), by the KPI's direction. */
export function targetProgress(kpi: Pick<KpiDefinition, 'direction' | 'target'>, value: number | null): number | null {
  if (value === null) return null;
  const target = kpi.target.value;
  const share = kpi.direction === 'higher_is_better' ? (target === 0 ? 1 : value / target) : value === 0 ? 1 : target / value;
  return Math.max(0, Math.min(1, share));
}
