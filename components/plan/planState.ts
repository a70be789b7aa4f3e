/**
 * What the forecast view shows, resolved from its URL values (components/navigation/searchParams.ts
 * `planParams`) the same way on the server (app/plan/page.tsx prefetches it) and in the browser
 * (PlanPage asks for it): the same KPI, units and horizon, so the hydrated answer is the one asked.
 * Pure, no 'use client'.
 */
import type { Frequency, KpiDefinition } from '../../kpi-definitions/schema';

export const PLAN_DEFAULT_KPI = 'service_index';
/** units on one chart at most (the forecast router's bound) */
export const PLAN_MAX_UNITS = 8;

/** The horizons offered, in the KPI's periods: up to 90 days for a daily KPI, 12 periods otherwise. */
export const HORIZON_CHOICES: Record<Frequency, readonly number[]> = {
  daily: [7, 14, 30, 60, 90],
  monthly: [3, 6, 9, 12],
  quarterly: [2, 4, 8, 12],
};
const DEFAULT_HORIZON: Record<Frequency, number> = { daily: 30, monthly: 6, quarterly: 4 };

/** The URL's horizon when it is one of the KPI's choices, else the frequency's default. */
export function resolveHorizon(requested: number | null, frequency: Frequency): number {
  return requested !== null && HORIZON_CHOICES[frequency].includes(requested) ? requested : DEFAULT_HORIZON[frequency];
}

export function defaultHorizon(frequency: Frequency): number {
  return DEFAULT_HORIZON[frequency];
}

/** The URL's KPI when the catalogue has it, else the service index. */
export function resolvePlanKpi(requested: string | null, byId: ReadonlyMap<string, KpiDefinition>): KpiDefinition | undefined {
  return (requested ? byId.get(requested) : undefined) ?? byId.get(PLAN_DEFAULT_KPI);
}

export interface PlanUnit {
  id: number;
  code: string;
  name: string;
}

/**
 * The units compared: the URL's codes that name a unit offered (the nation and the provinces), in
 * their order, once each, at most PLAN_MAX_UNITS; none of them → the default unit.
 */
export function resolvePlanUnits(requested: readonly string[] | null, offered: readonly PlanUnit[], fallback: PlanUnit): PlanUnit[] {
  const byCode = new Map(offered.map((u) => [u.code, u]));
  const chosen: PlanUnit[] = [];
  for (const code of requested ?? []) {
    const unit = byCode.get(code);
    if (unit && !chosen.includes(unit)) chosen.push(unit);
    if (chosen.length === PLAN_MAX_UNITS) break;
  }
  return chosen.length > 0 ? chosen : [fallback];
}

/**
 * The unit a view starts on without `units`: the signed-in user's province (a commune's user sees
 * their province, the level the view compares), else the nation.
 */
export function defaultPlanUnit(me: { scopeProvinceId: number | null } | null | undefined, offered: readonly PlanUnit[], nation: PlanUnit): PlanUnit {
  const own = me?.scopeProvinceId == null ? undefined : offered.find((u) => u.id === me.scopeProvinceId);
  return own ?? nation;
}
