/**
 * "Why did it move?" for one KPI at one unit: its change from the previous period split into the
 * contributions of its children (provinces of the nation, communes of a province), and for the
 * composite index into its groups too. The periods are the ones the unit's headline compares
 * (getCurrentValues): a measured KPI's own two newest periods with data at the unit, a composite's
 * components in the periods of the unit's parent (the nation's own for the nation), so the
 * explanation starts and ends on the numbers beside the arrow the reader clicked. The arithmetic is
 * shared/domain/explainChange.ts; this file only gathers the summed parts.
 */
import { appNow } from '../clock';
import { isComposite, type Frequency, type KpiDefinition, type MeasuredKpi } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { getChildSums, getPeriodSums, type PeriodSumRow } from '../db/queries/rollups';
import { explainCompositeChange, explainMeasuredChange, rankByContribution, type GroupContribution, type Parts } from '../../shared/domain/explainChange';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodUnitOf, type PeriodUnit } from '../../shared/domain/periods';
import { latestTwo, measuredBehind, recentSums, requireKpi, requireUnit, scopeOf } from './kpiValues';

/** One row of the explanation: a child unit, or the unit's own reports (`own`). */
export interface ExplainedChild {
  orgUnitId: number;
  code: string;
  name: string;
  /** true for the part of the unit's sums that no child reported (a province's own reports) */
  own: boolean;
  previousValue: number | null;
  currentValue: number | null;
  /** in the KPI's unit (index points for the composite); contributions sum to `change` */
  contribution: number;
  rateEffect: number;
  mixEffect: number;
  /** composite only: index points through each group, by group id */
  byGroup?: Record<string, number>;
}

export interface ExplainedChange {
  kpiId: string;
  orgUnitId: number;
  kind: KpiDefinition['measure']['kind'];
  frequency: Frequency;
  /** start of the newest period compared (the newest of the components' for a composite); null without data */
  period: Date | null;
  previousPeriod: Date | null;
  previousValue: number | null;
  currentValue: number | null;
  /** currentValue − previousValue; null when there is nothing to compare (then `children` is empty) */
  change: number | null;
  /** the level of the rows (null for a commune, which has no children: its one row is its own) */
  childLevel: 'province' | 'commune' | null;
  /** ranked, largest |contribution| first */
  children: ExplainedChild[];
  /** composite only */
  groups?: GroupContribution[];
}

/** Below this a difference of summed parts is the float noise of adding in another order. */
const NOISE = 1e-9;

interface PeriodPair {
  current: Date;
  previous: Date | undefined;
}

export async function explainChange(app: AppContext, q: { kpiId: string; orgUnitId: number; period?: Date }): Promise<ExplainedChange> {
  const kpi = requireKpi(app, q.kpiId);
  const unit = requireUnit(app, q.orgUnitId);
  const asOf = q.period ?? appNow();
  const measured = measuredBehind(app, kpi);
  const scope = scopeOf(unit);

  // the periods the headline compares, and the unit's own sums in them
  const reference = isComposite(kpi) && unit.parentId !== null ? requireUnit(app, unit.parentId) : unit;
  const latest = latestTwo(await recentSums(app, measured, scopeOf(reference), asOf));
  const periods = new Map<string, PeriodPair>([...latest].map(([id, l]) => [id, { current: l.current.period, previous: l.previous?.period }]));
  const unitSums = reference === unit ? [...latest.values()].flatMap((l) => (l.previous ? [l.current, l.previous] : [l.current])) : await sumsIn(app, measured, periods, (range) => getPeriodSums(app.db, { ...range, scope }));
  const childSums =
    unit.level === 'commune'
      ? []
      : await sumsIn(app, measured, periods, (range) => getChildSums(app.db, { ...range, parent: scope as Exclude<typeof scope, { level: 'commune' }> }));

  const key = (kpiId: string, period: Date | undefined) => `${kpiId}|${period?.getTime() ?? ''}`;
  const unitParts = new Map(unitSums.map((r) => [key(r.kpi_id, r.period), { num: r.num, den: r.den }]));
  const childParts = new Map(childSums.map((r) => [`${r.child_id}|${key(r.kpi_id, r.period)}`, { num: r.num, den: r.den }]));
  const children = app.orgUnits().childrenOf(unit.id);

  // Each row's parts per KPI in the two periods; the unit's own row is what its sums hold beyond
  // its children's (a province's own reports; everything, for a commune).
  type Row = { unit: OrgUnit; own: boolean; parts: Map<string, { previous: Parts | null; current: Parts | null }> };
  const rows: Row[] = children.map((c) => ({ unit: c, own: false, parts: new Map() }));
  const own: Row = { unit, own: true, parts: new Map() };
  for (const m of measured) {
    const pair = periods.get(m.id);
    if (!pair) continue;
    const partsAt = (period: Date | undefined, childId?: number): Parts | null =>
      period === undefined ? null : ((childId === undefined ? unitParts.get(key(m.id, period)) : childParts.get(`${childId}|${key(m.id, period)}`)) ?? null);
    for (const row of rows) row.parts.set(m.id, { previous: partsAt(pair.previous, row.unit.id), current: partsAt(pair.current, row.unit.id) });
    const remainder = (period: Date | undefined): Parts | null => {
      const total = partsAt(period);
      if (!total) return null;
      let num = total.num;
      let den = total.den;
      for (const row of rows) {
        const p = partsAt(period, row.unit.id);
        if (p) {
          num -= p.num;
          den -= p.den;
        }
      }
      const small = (x: number, of: number) => Math.abs(x) <= NOISE * Math.max(1, Math.abs(of));
      return small(num, total.num) && small(den, total.den) ? null : { num, den };
    };
    own.parts.set(m.id, { previous: remainder(pair.previous), current: remainder(pair.current) });
  }
  const hasOwn = [...own.parts.values()].some((p) => p.previous !== null || p.current !== null);
  const all = hasOwn ? [...rows, own] : rows;

  const currentPeriods = [...periods.values()].map((p) => p.current.getTime());
  const previousPeriods = [...periods.values()].flatMap((p) => (p.previous ? [p.previous.getTime()] : []));
  const base = {
    kpiId: kpi.id,
    orgUnitId: unit.id,
    kind: kpi.measure.kind,
    frequency: kpi.frequency,
    period: currentPeriods.length ? new Date(Math.max(...currentPeriods)) : null,
    previousPeriod: previousPeriods.length ? new Date(Math.max(...previousPeriods)) : null,
    childLevel: unit.level === 'nation' ? ('province' as const) : unit.level === 'province' ? ('commune' as const) : null,
  };
  const describe = (row: Row) => ({ orgUnitId: row.unit.id, code: row.unit.code, name: row.unit.name, own: row.own });

  if (isComposite(kpi)) {
    const result = explainCompositeChange(kpi, app.catalogue.get, all.map((row) => ({ id: row, parts: row.parts })));
    return {
      ...base,
      previousValue: result.previousValue,
      currentValue: result.currentValue,
      change: result.change,
      children: rankByContribution(result.children.map(({ id, ...c }) => ({ ...describe(id), ...c }))),
      groups: result.groups,
    };
  }
  const m = kpi as MeasuredKpi;
  const result = explainMeasuredChange(
    m.measure,
    all.map((row) => ({ id: row, ...(row.parts.get(m.id) ?? { previous: null, current: null }) })),
  );
  return {
    ...base,
    previousValue: result.previousValue,
    currentValue: result.currentValue,
    change: result.change,
    children: rankByContribution(result.children.map(({ id, ...c }) => ({ ...describe(id), ...c }))),
  };
}

/**
 * Sums of each KPI in its two periods, one query per frequency and pair of periods (the components
 * of the index mostly share theirs), over [previous, current + 1) and kept to the two periods.
 */
async function sumsIn<R extends PeriodSumRow>(
  app: AppContext,
  measured: readonly MeasuredKpi[],
  periods: ReadonlyMap<string, PeriodPair>,
  read: (range: { kpiIds: string[]; granularity: PeriodUnit; from: Date; to: Date }) => Promise<R[]>,
): Promise<R[]> {
  const batches = new Map<string, { frequency: Frequency; pair: PeriodPair; kpiIds: string[] }>();
  for (const m of measured) {
    const pair = periods.get(m.id);
    if (!pair) continue;
    const batchKey = `${m.frequency}|${pair.current.getTime()}|${pair.previous?.getTime() ?? ''}`;
    const batch = batches.get(batchKey) ?? { frequency: m.frequency, pair, kpiIds: [] };
    batch.kpiIds.push(m.id);
    batches.set(batchKey, batch);
  }
  const results = await Promise.all(
    [...batches.values()].map(async ({ frequency, pair, kpiIds }) => {
      const rows = await read({ kpiIds, granularity: periodUnitOf(frequency), from: pair.previous ?? pair.current, to: addPeriods(pair.current, periodUnitOf(frequency), 1) });
      const wanted = new Set([pair.current.getTime(), pair.previous?.getTime()]);
      return rows.filter((r) => wanted.has(r.period.getTime()));
    }),
  );
  return results.flat();
}
