/**
 * KPI values as users see them: current value and change vs the previous period, series over a
 * range, ranking of a unit's children, and the composite index — all computed from the roll-ups'
 * summed parts by each KPI's own aggregation rule. With the app's read cache (readCache.ts), each
 * result and the sums under it are computed once per data version, however many viewers ask.
 */
import { appNow } from '../clock';
import { bandFor } from '../../kpi-definitions/bands';
import { isComposite, type BandId, type CompositeKpi, type Frequency, type KpiDefinition, type MeasuredKpi } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { countProvisional } from '../db/queries/reports';
import { getChildSums, getChildSumsIn, getPeriodSums, getPeriodSumsIn, type Granularity, type PeriodSumRow, type Scope, type SumWindow } from '../db/queries/rollups';
import { compositeIndex, valueFromSums, type CompositeGroupScore, type CompositeValue } from '../../shared/domain/aggregate';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, type Resolution } from '../../shared/domain/periods';
import { coarserGranularity, seriesGranularity } from '../../shared/domain/seriesGranularity';
import { AppError } from '../../shared/errors';
import { cachedRead, kpiTopic, REPORT_STATUS_TOPIC } from './readCache';

/** How far back "current" looks for the newest period with data, in periods. */
const LOOKBACK: Record<Frequency, number> = { daily: 14, monthly: 4, quarterly: 3 };

export interface KpiSnapshot {
  kpiId: string;
  /** start of the newest period with data; null when there is none in the look-back */
  period: Date | null;
  frequency: Frequency;
  value: number | null;
  previousValue: number | null;
  band: BandId | null;
  /** org units whose data makes up the value */
  reportingUnits: number;
  /** some of the value's reports are submitted but not yet approved */
  provisional: boolean;
  /** composite only: the groups' scores */
  groups?: CompositeGroupScore[];
}

export function scopeOf(unit: OrgUnit): Scope {
  switch (unit.level) {
    case 'nation':
      return { level: 'nation' };
    case 'province':
      return { level: 'province', provinceId: unit.id };
    case 'commune':
      return { level: 'commune', orgUnitId: unit.id };
  }
}

export function requireUnit(app: AppContext, orgUnitId: number): OrgUnit {
  const unit = app.orgUnits().byIdOrUndefined(orgUnitId);
  if (!unit) throw new AppError('NOT_FOUND', { vi: 'Không tìm thấy đơn vị', en: 'Org unit not found' });
  return unit;
}

export function requireKpi(app: AppContext, kpiId: string): KpiDefinition {
  const kpi = app.catalogue.byId.get(kpiId);
  if (!kpi) throw new AppError('NOT_FOUND', { vi: `Không có chỉ số «${kpiId}»`, en: `Unknown KPI "${kpiId}"` });
  return kpi;
}

/** The measured KPIs a composite needs, or the KPI itself. */
export function measuredBehind(app: AppContext, kpi: KpiDefinition): MeasuredKpi[] {
  if (kpi.measure.kind !== 'composite') return [kpi as MeasuredKpi];
  return kpi.measure.groups.flatMap((g) => g.kpiIds.map((id) => app.catalogue.get(id) as MeasuredKpi));
}

/** The newest two periods with data, per KPI, from sums ordered by period. */
export function latestTwo(rows: readonly PeriodSumRow[]): Map<string, { current: PeriodSumRow; previous?: PeriodSumRow }> {
  const out = new Map<string, { current: PeriodSumRow; previous?: PeriodSumRow }>();
  for (const row of rows) {
    const seen = out.get(row.kpi_id);
    out.set(row.kpi_id, { current: row, previous: seen?.current });
  }
  return out;
}

/**
 * Sums per KPI and period over each KPI's look-back window ending at `asOf`. Read for every
 * measured KPI at once and kept per data version, so that a unit's current values, its index alone
 * and its children's ranking (which reads the parent's periods) share one statement: a nation's
 * or a province's every frequency in one (the kept sums), a commune's one per frequency.
 */
export async function recentSums(app: AppContext, kpis: readonly MeasuredKpi[], scope: Scope, asOf: Date): Promise<PeriodSumRow[]> {
  const wanted = new Set(kpis.map((k) => k.id));
  const frequencies = [...new Set(kpis.map((k) => k.frequency))];
  const rows =
    scope.level === 'commune'
      ? (await Promise.all(frequencies.map((frequency) => recentSumsOf(app, frequency, scope, asOf)))).flat()
      : await recentSumsOfAll(app, scope, asOf);
  return rows.filter((r) => wanted.has(r.kpi_id));
}

/** The look-back window of a frequency's KPIs for the period holding `asOf`. */
function lookBackWindow(app: AppContext, frequency: Frequency, asOf: Date): SumWindow {
  const unit = periodUnitOf(frequency);
  const current = periodStart(unit, asOf);
  const kpiIds = app.catalogue.all.filter((k) => !isComposite(k) && k.frequency === frequency).map((k) => k.id);
  return { kpiIds, granularity: unit, from: addPeriods(current, unit, -LOOKBACK[frequency]), to: addPeriods(current, unit, 1) };
}

const FREQUENCIES: readonly Frequency[] = ['daily', 'monthly', 'quarterly'];

/** Every measured KPI of a nation or a province over its frequency's look-back window, in one statement. */
function recentSumsOfAll(app: AppContext, scope: Exclude<Scope, { level: 'commune' }>, asOf: Date): Promise<PeriodSumRow[]> {
  // the windows depend on `asOf` only through their periods' starts
  const windows = FREQUENCIES.map((f) => lookBackWindow(app, f, asOf)).filter((w) => w.kpiIds.length > 0);
  const kpiIds = windows.flatMap((w) => w.kpiIds);
  return cachedRead(
    app,
    'recentSumsAll',
    { scope, currents: windows.map((w) => w.to) },
    () => getPeriodSumsIn(app.db, { scope, windows }),
    kpiIds.map(kpiTopic),
  );
}

/** Every measured KPI of one frequency: its sums over the look-back window of the period holding `asOf`. */
function recentSumsOf(app: AppContext, frequency: Frequency, scope: Scope, asOf: Date): Promise<PeriodSumRow[]> {
  const window = lookBackWindow(app, frequency, asOf);
  return cachedRead(app, 'recentSums', { scope, frequency, current: window.to }, () => getPeriodSums(app.db, { ...window, scope }), window.kpiIds.map(kpiTopic));
}

/**
 * What of the clock a read without `asOf` depends on: the local day. Every window it reads starts
 * on a period start (a local midnight) and ends at most a day after "now", and reports' periods
 * start on local midnights, so within one local day the same rows are read.
 */
function clockInput(asOf: Date | undefined): { asOf: Date } | { today: Date } {
  return asOf ? { asOf } : { today: periodStart('day', appNow()) };
}

/**
 * The (KPI, period) pairs of a unit whose value stands on reports still awaiting approval, over
 * the look-back of every frequency: for every measured KPI at once, kept per data version.
 */
function provisionalPeriods(app: AppContext, unit: OrgUnit, asOf: Date | undefined): Promise<Set<string>> {
  return cachedRead(app, 'provisionalPeriods', { orgUnitId: unit.id, ...clockInput(asOf) }, async () => {
    const at = asOf ?? appNow();
    const pending = await countProvisional(app.db, {
      kpiIds: app.catalogue.all.filter((k) => !isComposite(k)).map((k) => k.id),
      from: addPeriods(periodStart('quarter', at), 'quarter', -LOOKBACK.quarterly),
      to: addPeriods(at, 'day', 1),
      provinceId: unit.level === 'province' ? unit.id : null,
      orgUnitId: unit.level === 'commune' ? unit.id : null,
    });
    return new Set(pending.map((p) => provisionalKey(p.kpi_id, p.period_start)));
  }, [REPORT_STATUS_TOPIC]);
}

function provisionalKey(kpiId: string, period: Date): string {
  return `${kpiId}|${period.getTime()}`;
}

/** Current value, previous value and band of each KPI for one org unit (kept per data version). */
export function getCurrentValues(app: AppContext, q: { orgUnitId: number; kpiIds?: readonly string[]; asOf?: Date }): Promise<KpiSnapshot[]> {
  // an unknown KPI is refused by the computation, before any topic is needed
  const kpis = q.kpiIds ? q.kpiIds.flatMap((id) => app.catalogue.byId.get(id) ?? []) : app.catalogue.all;
  const topics = [...new Set(kpis.flatMap((k) => measuredBehind(app, k)).map((k) => kpiTopic(k.id))), REPORT_STATUS_TOPIC];
  return cachedRead(app, 'currentValues', { orgUnitId: q.orgUnitId, kpiIds: q.kpiIds, ...clockInput(q.asOf) }, () => computeCurrentValues(app, q), topics);
}

async function computeCurrentValues(app: AppContext, q: { orgUnitId: number; kpiIds?: readonly string[]; asOf?: Date }): Promise<KpiSnapshot[]> {
  const unit = requireUnit(app, q.orgUnitId);
  const asOf = q.asOf ?? appNow();
  const kpis = q.kpiIds ? q.kpiIds.map((id) => requireKpi(app, id)) : app.catalogue.all;
  const measured = [...new Map(kpis.flatMap((k) => measuredBehind(app, k)).map((k) => [k.id, k])).values()];
  const latest = latestTwo(await recentSums(app, measured, scopeOf(unit), asOf));
  const provisional = await provisionalPeriods(app, unit, q.asOf);

  const measuredSnapshot = (kpi: MeasuredKpi): KpiSnapshot => {
    const found = latest.get(kpi.id);
    const value = found ? valueFromSums(kpi.measure, found.current.num, found.current.den) : null;
    const previousValue = found?.previous ? valueFromSums(kpi.measure, found.previous.num, found.previous.den) : null;
    return {
      kpiId: kpi.id,
      period: found?.current.period ?? null,
      frequency: kpi.frequency,
      value,
      previousValue,
      band: value === null ? null : bandFor(kpi, value),
      reportingUnits: found?.current.units ?? 0,
      provisional: !!found && provisional.has(provisionalKey(kpi.id, found.current.period)),
    };
  };

  // A composite is computed where the ranking computes it — in the periods of the unit's parent, the
  // same for every sibling — so the headline, the standing panel and the scorecard show one number
  // for one period. The nation, having no parent, is measured in its own newest periods, which are
  // the ones its children are ranked in.
  return Promise.all(
    kpis.map(async (kpi): Promise<KpiSnapshot> => {
      if (!isComposite(kpi)) return measuredSnapshot(kpi as MeasuredKpi);
      const parts = [...new Map(measuredBehind(app, kpi).map((k) => [k.id, measuredSnapshot(k)])).values()];
      const { period, current, previous } =
        unit.parentId === null ? compositeInOwnPeriods(app, kpi, new Map(parts.map((p) => [p.kpiId, p]))) : await compositeAmongSiblings(app, kpi, unit, q.asOf);
      return {
        kpiId: kpi.id,
        period,
        frequency: kpi.frequency,
        value: current.value,
        previousValue: previous.value,
        band: current.value === null ? null : bandFor(kpi, current.value),
        reportingUnits: Math.max(0, ...parts.map((p) => p.reportingUnits)),
        provisional: parts.some((p) => p.provisional),
        groups: current.groups,
      };
    }),
  );
}

interface CompositeInPeriod {
  period: Date | null;
  current: CompositeValue;
  previous: CompositeValue;
}

/** A composite of a unit from its components' snapshots (the unit's own newest periods). */
function compositeInOwnPeriods(app: AppContext, kpi: CompositeKpi, parts: ReadonlyMap<string, KpiSnapshot>): CompositeInPeriod {
  const periods = [...parts.values()].flatMap((p) => (p.period ? [p.period.getTime()] : []));
  return {
    period: periods.length ? new Date(Math.max(...periods)) : null,
    current: compositeIndex(kpi, app.catalogue.get, (id) => parts.get(id)?.value ?? null),
    previous: compositeIndex(kpi, app.catalogue.get, (id) => parts.get(id)?.previousValue ?? null),
  };
}

/** A composite of a unit as its parent's ranking has it: getChildValues is the one computation. */
async function compositeAmongSiblings(app: AppContext, kpi: CompositeKpi, unit: OrgUnit, asOf: Date | undefined): Promise<CompositeInPeriod> {
  const { period, children } = await getChildValues(app, { kpiId: kpi.id, parentId: unit.parentId!, asOf });
  // a composite's children always carry their groups; a unit is always among its parent's children
  const me = children.find((c) => c.unit.id === unit.id)!;
  return { period, current: { value: me.value, groups: me.groups ?? [] }, previous: { value: me.previousValue, groups: me.previousGroups ?? [] } };
}

export interface SeriesPoint {
  period: Date;
  value: number | null;
  /** measurements summed (0 for the composite) */
  n: number;
}

/** A measured KPI's summed parts as a series reads them: at which granularity, from when. */
interface SeriesPart {
  kpi: MeasuredKpi;
  granularity: Granularity;
  /** periods of its own frequency a report is held under a finer composite (0: none) */
  heldBack: number;
  from: Date;
}

/** The summed parts of one part for one unit, by period start. */
interface PartSums {
  byPeriod: Map<number, PeriodSumRow>;
  /** periods with data in the reference (the unit's parent), for a held-back part */
  referencePeriods: Set<number>;
}

/**
 * Which parts a series of a KPI reads, and how: each measured KPI at the finest buckets its data
 * has, up to the resolution; a composite's components no finer than the composite's own period.
 * A component reported less often than its composite (a monthly KPI under the daily index) holds a
 * report until the next period's: as in getChildValues, the one of the parent's newest period with
 * data (the nation's own for the nation), so the trend ends on the headline's number.
 */
function seriesParts(app: AppContext, kpi: KpiDefinition, resolution: Resolution, from: Date): SeriesPart[] {
  const kpiGranularity = seriesGranularity(resolution, kpi);
  return measuredBehind(app, kpi).map((m) => {
    const granularity = coarserGranularity(kpiGranularity, seriesGranularity(resolution, m));
    const heldBack = isComposite(kpi) && coarserGranularity(periodUnitOf(kpi.frequency), periodUnitOf(m.frequency)) !== periodUnitOf(kpi.frequency) ? LOOKBACK[m.frequency] : 0;
    return { kpi: m, granularity, heldBack, from: addPeriods(periodStart(granularity, from), periodUnitOf(m.frequency), -heldBack) };
  });
}

/** The series' points from its parts' sums (the one computation of getSeries and getChildSeries). */
function pointsFromSums(app: AppContext, kpi: KpiDefinition, parts: readonly SeriesPart[], sums: ReadonlyMap<string, PartSums>, q: { from: Date; to: Date; resolution: Resolution }): SeriesPoint[] {
  const partOf = new Map(parts.map((p) => [p.kpi.id, p]));
  const at = (m: MeasuredKpi, period: Date): PeriodSumRow | undefined => {
    const part = partOf.get(m.id)!;
    const s = sums.get(m.id);
    if (!s) return undefined;
    const own = periodStart(part.granularity, period);
    if (!part.heldBack) return s.byPeriod.get(own.getTime());
    for (let back = 0; back <= part.heldBack; back++) {
      const held = addPeriods(own, periodUnitOf(m.frequency), -back).getTime();
      if (s.referencePeriods.has(held)) return s.byPeriod.get(held);
    }
    return undefined;
  };

  const points: SeriesPoint[] = [];
  for (let p = q.from; p < q.to; p = addPeriods(p, q.resolution, 1)) {
    if (kpi.measure.kind !== 'composite') {
      const row = at(kpi as MeasuredKpi, p);
      if (row) points.push({ period: p, value: valueFromSums(kpi.measure, row.num, row.den), n: row.n });
      continue;
    }
    const value = compositeIndex(kpi as CompositeKpi, app.catalogue.get, (id) => {
      const m = app.catalogue.get(id) as MeasuredKpi;
      const row = at(m, p);
      return row ? valueFromSums(m.measure, row.num, row.den) : null;
    }).value;
    if (value !== null) points.push({ period: p, value, n: 0 });
  }
  return points;
}

/** The parts that one statement reads: those with the same granularity and start. */
function partBatches(parts: readonly SeriesPart[]): SeriesPart[][] {
  const batches = new Map<string, SeriesPart[]>();
  for (const part of parts) {
    const key = `${part.granularity}|${part.from.getTime()}`;
    batches.set(key, [...(batches.get(key) ?? []), part]);
  }
  return [...batches.values()];
}

/** One KPI for one unit over [from, to) at a resolution. */
export async function getSeries(
  app: AppContext,
  q: { kpiId: string; orgUnitId: number; from: Date; to: Date; resolution: Resolution },
): Promise<SeriesPoint[]> {
  const kpi = requireKpi(app, q.kpiId);
  const unit = requireUnit(app, q.orgUnitId);
  const scope = scopeOf(unit);
  const from = periodStart(q.resolution, q.from);
  const reference = scopeOf(unit.parentId === null ? unit : requireUnit(app, unit.parentId));
  const parts = seriesParts(app, kpi, q.resolution, from);
  const sums = new Map<string, PartSums>(parts.map((p) => [p.kpi.id, { byPeriod: new Map(), referencePeriods: new Set() }]));
  // one statement per set of parts with the same granularity and start (and one for their references)
  await Promise.all(
    partBatches(parts).map(async (batch) => {
      const range = { kpiIds: batch.map((p) => p.kpi.id), granularity: batch[0]!.granularity, from: batch[0]!.from, to: q.to };
      const heldIds = batch.filter((p) => p.heldBack).map((p) => p.kpi.id);
      const [rows, referenceRows] = await Promise.all([
        getPeriodSums(app.db, { ...range, scope }),
        heldIds.length ? getPeriodSums(app.db, { ...range, kpiIds: heldIds, scope: reference }) : [],
      ]);
      for (const r of rows) sums.get(r.kpi_id)?.byPeriod.set(r.period.getTime(), r);
      for (const r of referenceRows) sums.get(r.kpi_id)?.referencePeriods.add(r.period.getTime());
    }),
  );
  return pointsFromSums(app, kpi, parts, sums, { from, to: q.to, resolution: q.resolution });
}

/**
 * One KPI for every child of a unit over [from, to): each child's series exactly as getSeries has
 * it, read in one query per set of parts with the same granularity and start (the composite index
 * of 34 provinces in a handful of queries instead of two per component and province).
 */
export async function getChildSeries(
  app: AppContext,
  q: { kpiId: string; parentId: number; from: Date; to: Date; resolution: Resolution },
): Promise<Map<number, SeriesPoint[]>> {
  const kpi = requireKpi(app, q.kpiId);
  const parent = requireUnit(app, q.parentId);
  const children = app.orgUnits().childrenOf(parent.id);
  if (parent.level === 'commune' || children.length === 0) return new Map(children.map((c) => [c.id, []]));
  const scope = parent.level === 'nation' ? { level: 'nation' as const } : { level: 'province' as const, provinceId: parent.id };
  const from = periodStart(q.resolution, q.from);
  const parts = seriesParts(app, kpi, q.resolution, from);
  // every child's reference is this parent
  const sumsByChild = new Map<number, Map<string, PartSums>>(children.map((c) => [c.id, new Map()]));
  await Promise.all(
    partBatches(parts).map(async (batch) => {
      const range = { kpiIds: batch.map((p) => p.kpi.id), granularity: batch[0]!.granularity, from: batch[0]!.from, to: q.to };
      const heldIds = batch.filter((p) => p.heldBack).map((p) => p.kpi.id);
      const [rows, referenceRows] = await Promise.all([
        getChildSums(app.db, { ...range, parent: scope }),
        heldIds.length ? getPeriodSums(app.db, { ...range, kpiIds: heldIds, scope: scopeOf(parent) }) : [],
      ]);
      const referencePeriods = new Map<string, Set<number>>(batch.map((p) => [p.kpi.id, new Set()]));
      for (const r of referenceRows) referencePeriods.get(r.kpi_id)!.add(r.period.getTime());
      for (const child of children) {
        for (const p of batch) sumsByChild.get(child.id)!.set(p.kpi.id, { byPeriod: new Map(), referencePeriods: referencePeriods.get(p.kpi.id)! });
      }
      for (const r of rows) sumsByChild.get(r.child_id)?.get(r.kpi_id)?.byPeriod.set(r.period.getTime(), r);
    }),
  );
  return new Map(children.map((c) => [c.id, pointsFromSums(app, kpi, parts, sumsByChild.get(c.id)!, { from, to: q.to, resolution: q.resolution })]));
}

/** One KPI for one child unit, in its parent's newest period with data and the one before. */
export interface ChildKpiValue {
  unit: OrgUnit;
  value: number | null;
  previousValue: number | null;
  /** composite only: the groups' scores in the current and the previous period */
  groups?: CompositeGroupScore[];
  previousGroups?: CompositeGroupScore[];
}

/**
 * One KPI for every child of a unit (provinces of the nation, communes of a province) in the
 * parent's newest period with data and the one before it, so that every child is compared over the
 * same periods. A composite is computed per child from its components' summed parts, the same way
 * as for any unit; this is the one place that does it for children.
 */
export function getChildValues(app: AppContext, q: { kpiId: string; parentId: number; asOf?: Date }): Promise<ChildValues> {
  return cachedRead(app, 'childValues', { kpiId: q.kpiId, parentId: q.parentId, ...clockInput(q.asOf) }, () => computeChildValues(app, q), topicsBehind(app, q.kpiId));
}

/** The read cache's topics a KPI's numbers stand on (its measured components'); undefined for an unknown KPI (refused when computed). */
export function topicsBehind(app: AppContext, kpiId: string): string[] | undefined {
  const kpi = app.catalogue.byId.get(kpiId);
  return kpi ? [...new Set(measuredBehind(app, kpi).map((k) => kpiTopic(k.id)))] : undefined;
}

export interface ChildValues {
  kpi: KpiDefinition;
  period: Date | null;
  children: ChildKpiValue[];
}

async function computeChildValues(app: AppContext, q: { kpiId: string; parentId: number; asOf?: Date }): Promise<ChildValues> {
  const kpi = requireKpi(app, q.kpiId);
  const parent = requireUnit(app, q.parentId);
  if (parent.level === 'commune') throw new AppError('BAD_REQUEST', { vi: 'Xã không có đơn vị trực thuộc', en: 'A commune has no child units' });
  const parentScope = scopeOf(parent) as Exclude<Scope, { level: 'commune' }>;
  const asOf = q.asOf ?? appNow();
  const measured = measuredBehind(app, kpi);

  // The period is the parent's newest, so that every child is compared over the same one.
  const parentLatest = latestTwo(await recentSums(app, measured, parentScope, asOf));
  // One statement per frequency and window (KPIs whose parent has the same newest periods), not one per KPI.
  const windows = new Map<string, SumWindow & { kpiIds: string[] }>();
  for (const m of measured) {
    const latest = parentLatest.get(m.id);
    if (!latest) continue;
    const from = latest.previous?.period ?? latest.current.period;
    const to = addPeriods(latest.current.period, periodUnitOf(m.frequency), 1);
    const key = `${m.frequency}|${from.getTime()}|${to.getTime()}`;
    const window = windows.get(key) ?? { granularity: periodUnitOf(m.frequency), from, to, kpiIds: [] };
    window.kpiIds.push(m.id);
    windows.set(key, window);
  }
  // every window in one statement (kept per data version of the KPIs read)
  const childWindows = [...windows.values()];
  const childRows = await cachedRead(
    app,
    'childSums',
    { windows: childWindows, parent: parentScope },
    () => getChildSumsIn(app.db, { windows: childWindows, parent: parentScope }),
    childWindows.flatMap((w) => w.kpiIds).map(kpiTopic),
  );

  const rowByKey = new Map(childRows.map((r) => [`${r.child_id}|${r.kpi_id}|${r.period.getTime()}`, r]));
  const valueOf = (childId: number, m: MeasuredKpi, which: 'current' | 'previous'): number | null => {
    const period = parentLatest.get(m.id)?.[which]?.period;
    const row = period && rowByKey.get(`${childId}|${m.id}|${period.getTime()}`);
    return row ? valueFromSums(m.measure, row.num, row.den) : null;
  };
  const compositeOf = (composite: CompositeKpi, childId: number, which: 'current' | 'previous') =>
    compositeIndex(composite, app.catalogue.get, (id) => valueOf(childId, app.catalogue.get(id) as MeasuredKpi, which));

  const children = app
    .orgUnits()
    .childrenOf(parent.id)
    .map((unit): ChildKpiValue => {
      if (!isComposite(kpi)) {
        return { unit, value: valueOf(unit.id, kpi as MeasuredKpi, 'current'), previousValue: valueOf(unit.id, kpi as MeasuredKpi, 'previous') };
      }
      const current = compositeOf(kpi, unit.id, 'current');
      const previous = compositeOf(kpi, unit.id, 'previous');
      return { unit, value: current.value, previousValue: previous.value, groups: current.groups, previousGroups: previous.groups };
    });
  const periods = [...parentLatest.values()].map((l) => l.current.period.getTime());
  return { kpi, period: periods.length ? new Date(Math.max(...periods)) : null, children };
}

/**
 * Numbers rows 1, 2, … best first by the KPI's direction; rows without a value follow unranked, in
 * their original order.
 */
export function rankByValue<T extends { value: number | null; rank: number | null }>(kpi: Pick<KpiDefinition, 'direction'>, rows: readonly T[]): T[] {
  const better = kpi.direction === 'higher_is_better' ? -1 : 1;
  const ranked = rows.filter((r) => r.value !== null).sort((a, b) => better * (a.value! - b.value!));
  ranked.forEach((r, i) => (r.rank = i + 1));
  return [...ranked, ...rows.filter((r) => r.value === null)];
}

export interface RankedChild {
  orgUnitId: number;
  code: string;
  name: string;
  value: number | null;
  previousValue: number | null;
  band: BandId | null;
  /** 1 = best; null without a value */
  rank: number | null;
}

/**
 * The children of a unit (provinces of the nation, communes of a province) ranked by one KPI in
 * its latest period, best first by the KPI's direction.
 */
export async function getChildRanking(
  app: AppContext,
  q: { kpiId: string; parentId: number; asOf?: Date },
): Promise<{ period: Date | null; children: RankedChild[] }> {
  const { kpi, period, children } = await getChildValues(app, q);
  return {
    period,
    children: rankByValue(
      kpi,
      children.map(
        (c): RankedChild => ({
          orgUnitId: c.unit.id,
          code: c.unit.code,
          name: c.unit.name,
          value: c.value,
          previousValue: c.previousValue,
          band: c.value === null ? null : bandFor(kpi, c.value),
          rank: null,
        }),
      ),
    ),
  };
}
