/**
 * How a KPI's stored parts (num, den) become the value users see, at any level: always from the
 * sums of the parts, never from children's values. See kpi-definitions/schema.ts.
 */
import { scoreFor } from '../../kpi-definitions/bands';
import type { CompositeKpi, KpiDefinition, KpiMeasure } from '../../kpi-definitions/schema';

type StoredMeasure = Exclude<KpiMeasure, { kind: 'composite' }>;

/** The value of summed parts; null when nothing was measured (a ratio or mean over zero). */
export function valueFromSums(measure: StoredMeasure, num: number, den: number): number | null {
  switch (measure.kind) {
    case 'ratio':
      return den > 0 ? (num / den) * measure.scale : null;
    case 'mean':
      return den > 0 ? num / den : null;
    case 'sum':
      return num;
  }
}

/** What a submitted row stores, given the inputs its KPI asks for. */
export function storedParts(
  measure: StoredMeasure,
  input: { numerator?: number; denominator?: number; value?: number; weight?: number },
): { num: number; den: number } {
  switch (measure.kind) {
    case 'ratio':
      return { num: input.numerator ?? 0, den: input.denominator ?? 0 };
    case 'mean': {
      const weight = input.weight ?? 1;
      return { num: (input.value ?? 0) * weight, den: weight };
    }
    case 'sum':
      return { num: input.value ?? 0, den: 1 };
  }
}

export interface CompositeGroupScore {
  id: string;
  name: { vi: string; en: string };
  /** points out of the index total */
  weight: number;
  /** 0–100, mean of the group's KPI scores; null when none of them has data */
  score: number | null;
}

export interface CompositeValue {
  /** 0–100 points; null when no group has data */
  value: number | null;
  groups: CompositeGroupScore[];
}

/**
 * The composite index: each component KPI scored 0–100 (its `scoring`), averaged per group, and the
 * groups weighted. A group without data is left out and the remaining weights renormalised, so a
 * unit is not punished for a KPI it does not report; `groups` shows which were left out.
 */
export function compositeIndex(
  kpi: CompositeKpi,
  definitionOf: (id: string) => KpiDefinition,
  componentValue: (kpiId: string) => number | null,
): CompositeValue {
  const groups = kpi.measure.groups.map((g): CompositeGroupScore => {
    const scores = g.kpiIds.flatMap((id) => {
      const v = componentValue(id);
      return v === null ? [] : [scoreFor(definitionOf(id), v)];
    });
    return {
      id: g.id,
      name: g.name,
      weight: g.weight,
      score: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    };
  });
  const scored = groups.filter((g) => g.score !== null);
  const totalWeight = scored.reduce((a, g) => a + g.weight, 0);
  const value = totalWeight === 0 ? null : scored.reduce((a, g) => a + g.weight * (g.score ?? 0), 0) / totalWeight;
  return { value, groups };
}
