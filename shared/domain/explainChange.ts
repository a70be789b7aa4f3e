/**
 * "Why did it move?": the change of a KPI between two periods at one unit, decomposed into the
 * contributions of the unit's children, which add up to the whole change (to floating-point
 * rounding, ~1e-12 of the value). Pure: the server hands in each child's summed parts (num, den) of
 * the two periods, as stored (kpi-definitions/schema.ts), and reads the answer.
 *
 * Ratio and mean KPIs. The parent's value is R = Σ numᵢ / Σ denᵢ (× scale) = Σ wᵢ rᵢ, with wᵢ a
 * child's share of the denominator and rᵢ its own rate. For two periods (unprimed: previous,
 * primed: current) the two-factor midpoint identity
 *     w′r′ − w r = Δr · (w + w′)/2  +  Δw · (r + r′)/2
 * is exact, and it is the Shapley value of the two factors (rate, weight) — the symmetric split used
 * for index-number and shift-share decompositions (Sato–Vartia/Bennet "midpoint" weights; see
 * e.g. OECD, "Decomposition of changes in aggregates", or Bennet 1920, "The theory of measurement of
 * changes in cost of living"). Since Σ Δwᵢ = 0 we may subtract the mean level R̄ = (R + R′)/2 from
 * the mix term without changing the total, so that a child whose weight grows counts up only when
 * its rate is above the average:
 *     rate effect  = Δrᵢ · (wᵢ + wᵢ′)/2
 *     mix effect   = Δwᵢ · ((rᵢ + rᵢ′)/2 − R̄)
 *     contribution = rate + mix,       Σ contributions = R′ − R exactly.
 * Written in parts, contribution = Δ(numᵢ/D) − R̄·Δwᵢ (D the parent's denominator), which also
 * covers what the rates cannot: a child entering or leaving (no parts in one period: w = 0 there,
 * its rate taken as the other period's, so its whole contribution is mix), and a child with den 0.
 * Sums: the children's own changes Δnumᵢ (no rate/mix split: mix is 0).
 *
 * Composite index (kpi-definitions/service_index.ts): I = Σ_g v_g S_g with v_g = W_g / Σ W of the
 * groups that have data, S_g the mean of its KPIs' scores s_k = scoreFor(R_k). The same midpoint
 * identity splits ΔI into the groups (C_g = v̄_g ΔS_g + (S̄_g − Ī) Δv_g, which is W_g ΔS_g / Σ W when
 * the same groups have data in both periods) and each ΔS_g into its KPIs; a group or KPI with no data
 * in one period is taken as unchanged there, so its whole effect is the (renormalised) weight term.
 * Children's contributions then come through the KPIs: a KPI's linear part v̄_g ū_k Δs_k is shared
 * among the children as their contributions d_{k,i} to ΔR_k, times the secant slope Δs_k / ΔR_k.
 * Scoring is piecewise linear with clipping, so the secant (not the scoring slope) is what keeps
 * this exact: it is the slope where neither period is clipped, smaller where one is, 0 where both
 * sit on the same bound — the nonlinearity residual is thereby allocated in proportion to the
 * children's contributions to the KPI. The weight terms (a KPI or group appearing, the others'
 * weights renormalised) are allocated by the children's shares of that KPI's denominator (the mean
 * of the two periods' shares, or the one period's where only one has data). Every allocation uses
 * shares that sum to 1, so the children's contributions sum to ΔI too.
 */
import { scoreFor } from '../../kpi-definitions/bands';
import type { CompositeKpi, KpiDefinition, MeasuredKpi } from '../../kpi-definitions/schema';
import { compositeIndex, valueFromSums } from './aggregate';

type StoredMeasure = MeasuredKpi['measure'];

/** A child's summed parts in one period; null when it has no data there. */
export interface Parts {
  num: number;
  den: number;
}

export interface ChildParts<K> {
  id: K;
  previous: Parts | null;
  current: Parts | null;
}

/** One child's share of the change, in the KPI's own unit (points for the composite). */
export interface ChildContribution<K> {
  id: K;
  previousValue: number | null;
  currentValue: number | null;
  /** rate + mix */
  contribution: number;
  /** the part due to the child's own value changing */
  rateEffect: number;
  /** the part due to its weight in the parent shifting (0 for sums) */
  mixEffect: number;
}

export interface MeasuredChange<K> {
  previousValue: number | null;
  currentValue: number | null;
  /** current − previous; null when either is missing (then `children` is empty) */
  change: number | null;
  children: Array<ChildContribution<K>>;
}

interface Totals {
  num: number;
  den: number;
  present: boolean;
}

function totals(parts: ReadonlyArray<Parts | null>): Totals {
  let num = 0;
  let den = 0;
  let present = false;
  for (const p of parts) {
    if (!p) continue;
    num += p.num;
    den += p.den;
    present = true;
  }
  return { num, den, present };
}

function valueOf(measure: StoredMeasure, t: Totals): number | null {
  return t.present ? valueFromSums(measure, t.num, t.den) : null;
}

function childValue(measure: StoredMeasure, p: Parts | null): number | null {
  return p ? valueFromSums(measure, p.num, p.den) : null;
}

/** The change of a ratio, mean or sum KPI split among the children whose parts make it up. */
export function explainMeasuredChange<K>(measure: StoredMeasure, children: ReadonlyArray<ChildParts<K>>): MeasuredChange<K> {
  const before = totals(children.map((c) => c.previous));
  const after = totals(children.map((c) => c.current));
  const previousValue = valueOf(measure, before);
  const currentValue = valueOf(measure, after);
  if (previousValue === null || currentValue === null) return { previousValue, currentValue, change: null, children: [] };

  if (measure.kind === 'sum') {
    return {
      previousValue,
      currentValue,
      change: currentValue - previousValue,
      children: children.map((c) => {
        const contribution = (c.current?.num ?? 0) - (c.previous?.num ?? 0);
        return { id: c.id, previousValue: childValue(measure, c.previous), currentValue: childValue(measure, c.current), contribution, rateEffect: contribution, mixEffect: 0 };
      }),
    };
  }

  const scale = measure.kind === 'ratio' ? measure.scale : 1;
  // both denominators are > 0 here: valueFromSums is null otherwise
  const meanLevel = (previousValue + currentValue) / 2;
  return {
    previousValue,
    currentValue,
    change: currentValue - previousValue,
    children: children.map((c) => {
      const w0 = c.previous ? c.previous.den / before.den : 0;
      const w1 = c.current ? c.current.den / after.den : 0;
      const n0 = c.previous ? (c.previous.num / before.den) * scale : 0;
      const n1 = c.current ? (c.current.num / after.den) * scale : 0;
      const contribution = n1 - n0 - meanLevel * (w1 - w0);
      const r0 = childValue(measure, c.previous);
      const r1 = childValue(measure, c.current);
      const rateEffect = r0 !== null && r1 !== null ? ((r1 - r0) * (w0 + w1)) / 2 : 0;
      return { id: c.id, previousValue: r0, currentValue: r1, contribution, rateEffect, mixEffect: contribution - rateEffect };
    }),
  };
}

/**
 * Each child's share of a KPI's weight, for allocating terms that are not a child's own doing (a
 * KPI or group appearing): the denominator share (|num| share for sums), averaged over the periods
 * that have data. Sums to 1 over the children whenever one period has data.
 */
function allocationShares<K>(measure: StoredMeasure, children: ReadonlyArray<ChildParts<K>>): number[] {
  const weightOf = (p: Parts | null): number => (!p ? 0 : measure.kind === 'sum' ? Math.abs(p.num) : p.den);
  const sharesIn = (pick: (c: ChildParts<K>) => Parts | null): number[] | null => {
    const present = children.map((c) => pick(c) !== null);
    if (!present.some(Boolean)) return null;
    const weights = children.map((c) => weightOf(pick(c)));
    const total = weights.reduce((a, b) => a + b, 0);
    // no weight at all (a sum of zeros): the children with data share equally
    if (total === 0) {
      const n = present.filter(Boolean).length;
      return present.map((p) => (p ? 1 / n : 0));
    }
    return weights.map((w) => w / total);
  };
  const s0 = sharesIn((c) => c.previous);
  const s1 = sharesIn((c) => c.current);
  if (s0 && s1) return s0.map((s, i) => (s + s1[i]!) / 2);
  return s0 ?? s1 ?? children.map(() => 0);
}

export interface GroupContribution {
  id: string;
  name: { vi: string; en: string };
  /** points out of the index total */
  weight: number;
  /** 0–100; null when none of its KPIs has data in that period */
  previousScore: number | null;
  currentScore: number | null;
  /** index points */
  contribution: number;
  kpis: Array<{ kpiId: string; previousValue: number | null; currentValue: number | null; previousScore: number | null; currentScore: number | null; contribution: number }>;
}

export interface CompositeChildContribution<K> extends ChildContribution<K> {
  /** index points through each group, by group id (sums to `contribution`) */
  byGroup: Record<string, number>;
}

export interface CompositeChange<K> {
  previousValue: number | null;
  currentValue: number | null;
  change: number | null;
  /** empty when change is null */
  groups: GroupContribution[];
  children: Array<CompositeChildContribution<K>>;
}

/** A composite child's parts: per component KPI, its parts in the two periods. */
export interface CompositeChildParts<K> {
  id: K;
  parts: ReadonlyMap<string, { previous: Parts | null; current: Parts | null }>;
}

const mid = (a: number, b: number): number => (a + b) / 2;

/**
 * The change of a composite index split into its groups (and their KPIs) and into the children,
 * each child's contribution also split by group. See the header for the method.
 */
export function explainCompositeChange<K>(
  kpi: CompositeKpi,
  definitionOf: (id: string) => KpiDefinition,
  children: ReadonlyArray<CompositeChildParts<K>>,
): CompositeChange<K> {
  const measuredOf = (id: string) => definitionOf(id) as MeasuredKpi;
  const kpiIds = [...new Set(kpi.measure.groups.flatMap((g) => g.kpiIds))];
  const perKpi = new Map(
    kpiIds.map((id) => {
      const measure = measuredOf(id).measure;
      const rows: Array<ChildParts<number>> = children.map((c, i) => ({ id: i, previous: c.parts.get(id)?.previous ?? null, current: c.parts.get(id)?.current ?? null }));
      return [id, { decomposition: explainMeasuredChange(measure, rows), shares: allocationShares(measure, rows) }];
    }),
  );
  const parentValue = (id: string, which: 'previousValue' | 'currentValue') => perKpi.get(id)!.decomposition[which];
  const before = compositeIndex(kpi, definitionOf, (id) => parentValue(id, 'previousValue'));
  const after = compositeIndex(kpi, definitionOf, (id) => parentValue(id, 'currentValue'));

  const childComposite = (c: CompositeChildParts<K>, which: 'previous' | 'current') =>
    compositeIndex(kpi, definitionOf, (id) => {
      const p = c.parts.get(id)?.[which] ?? null;
      return p ? valueFromSums(measuredOf(id).measure, p.num, p.den) : null;
    }).value;
  const rows = children.map((c) => ({
    id: c.id,
    previousValue: childComposite(c, 'previous'),
    currentValue: childComposite(c, 'current'),
    contribution: 0,
    rateEffect: 0,
    mixEffect: 0,
    byGroup: Object.fromEntries(kpi.measure.groups.map((g) => [g.id, 0])),
  }));
  if (before.value === null || after.value === null) return { previousValue: before.value, currentValue: after.value, change: null, groups: [], children: [] };

  const meanIndex = mid(before.value, after.value);
  const weightOf = (groups: typeof before.groups) => groups.reduce((a, g) => a + (g.score === null ? 0 : g.weight), 0);
  const total0 = weightOf(before.groups);
  const total1 = weightOf(after.groups);

  const groups = kpi.measure.groups.map((g, gi): GroupContribution => {
    const S0 = before.groups[gi]!.score;
    const S1 = after.groups[gi]!.score;
    const scoreOf = (id: string, which: 'previousValue' | 'currentValue') => {
      const v = parentValue(id, which);
      return v === null ? null : scoreFor(definitionOf(id), v);
    };
    const kpiRows = g.kpiIds.map((id) => ({ kpiId: id, previousValue: parentValue(id, 'previousValue'), currentValue: parentValue(id, 'currentValue'), previousScore: scoreOf(id, 'previousValue'), currentScore: scoreOf(id, 'currentValue'), contribution: 0 }));
    const base = { id: g.id, name: g.name, weight: g.weight, previousScore: S0, currentScore: S1, kpis: kpiRows };
    if (S0 === null && S1 === null) return { ...base, contribution: 0 };

    // group weights v (0 where the group has no data) and, for a group with data in one period
    // only, its score and KPI weights taken as unchanged from the period that has them
    const v0 = S0 === null ? 0 : g.weight / total0;
    const v1 = S1 === null ? 0 : g.weight / total1;
    const present0 = kpiRows.filter((k) => k.previousScore !== null).length;
    const present1 = kpiRows.filter((k) => k.currentScore !== null).length;
    const groupTerm = (mid(S0 ?? S1!, S1 ?? S0!) - meanIndex) * (v1 - v0);
    const vMid = mid(v0, v1);
    const groupScoreMid = mid(S0 ?? S1!, S1 ?? S0!);

    let contribution = 0;
    for (const k of kpiRows) {
      // KPI weights u within the group, and scores, with the same convention one level down
      const u1 = k.currentScore === null ? 0 : 1 / present1;
      const u0 = S0 === null ? u1 : k.previousScore === null ? 0 : 1 / present0;
      const u1c = S1 === null ? u0 : u1;
      const s0 = k.previousScore ?? k.currentScore;
      const s1 = k.currentScore ?? k.previousScore;
      const uMid = mid(u0, u1c);
      const linear = s0 === null || s1 === null ? 0 : vMid * uMid * (s1 - s0);
      const weightTerm = (s0 === null || s1 === null ? 0 : vMid * (mid(s0, s1) - groupScoreMid) * (u1c - u0)) + uMid * groupTerm;
      k.contribution = linear + weightTerm;
      contribution += k.contribution;

      const { decomposition, shares } = perKpi.get(k.kpiId)!;
      // the secant slope of the scoring between the two values (see the header)
      const dR = decomposition.change;
      const secant = dR === null || dR === 0 || k.previousScore === null || k.currentScore === null ? 0 : (k.currentScore - k.previousScore) / dR;
      const scaleLinear = vMid * uMid * secant;
      const byChild = new Map(decomposition.children.map((c) => [c.id, c]));
      rows.forEach((row, i) => {
        const d = byChild.get(i);
        const linearPart = d ? scaleLinear * d.contribution : 0;
        const ratePart = d ? scaleLinear * d.rateEffect : 0;
        const share = weightTerm * shares[i]!;
        row.contribution += linearPart + share;
        row.rateEffect += ratePart;
        row.byGroup[g.id] = row.byGroup[g.id]! + linearPart + share;
      });
    }
    return { ...base, contribution };
  });
  for (const row of rows) row.mixEffect = row.contribution - row.rateEffect;
  return { previousValue: before.value, currentValue: after.value, change: after.value - before.value, groups, children: rows };
}

/** A step of a waterfall between the start and the end value. */
export interface WaterfallStep<K> {
  /** a child's id, or null for "the others" taken together */
  id: K | null;
  contribution: number;
  /** how many children the step stands for (1, or the others' count) */
  count: number;
}

/**
 * The largest `top` contributions by size (ties by input order), then the rest as one "others"
 * step (left out when there is no rest); the steps sum to the contributions' total.
 */
export function waterfallSteps<K>(rows: ReadonlyArray<{ id: K; contribution: number }>, top: number): Array<WaterfallStep<K>> {
  const ranked = rankByContribution(rows);
  const head = ranked.slice(0, top).map((r): WaterfallStep<K> => ({ id: r.id, contribution: r.contribution, count: 1 }));
  const rest = ranked.slice(top);
  if (rest.length === 0) return head;
  return [...head, { id: null, contribution: rest.reduce((a, r) => a + r.contribution, 0), count: rest.length }];
}

/** Largest absolute contribution first; a stable sort, so equal ones keep their order. */
export function rankByContribution<T extends { contribution: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}
