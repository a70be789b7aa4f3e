/**
 * Open data for the public (principle 7 of Regulation 05): the published values of any KPI for
 * any units over a range of periods, the catalogue with definitions and methods, the units.
 *
 * The numbers are the dashboard's: every value comes from getSeries (server/services/kpiValues),
 * the one computation behind the trend charts, never from a second aggregation. What is added
 * here is only the publication rule (see PUBLICATION_RULE and README "Open data"):
 *   - a period is published once it has ended and its reporting deadline has passed; later
 *     periods are left out (their values still move while reports and feeds arrive);
 *   - a value any report not yet approved contributes to (submitted, or returned for revision)
 *     is held back: the row stays, with no value and the status `pending_approval`;
 *   - nothing else is read: no report, audit, user or token data reaches these functions' output.
 */
import { appNow } from '../clock';
import type { AppContext } from '../appContext';
import type { Db } from '../db/db';
import { isComposite, type Frequency, type KpiDefinition } from '../../kpi-definitions/schema';
import { getDataVersion } from '../db/queries/dataVersion';
import { listPendingReports, type PendingReportRow } from '../db/queries/pendingReports';
import { getSeries, type SeriesPoint } from './kpiValues';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, reportDeadline, resolutionFor, type ReportingUnit } from '../../shared/domain/periods';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import { describeMethod } from '../../shared/openData/describeMethod';
import { KPI_UNIT_NAMES, OPEN_DATA_LICENCE, PUBLICATION_RULE, type OpenCellStatus } from '../../shared/openData/texts';
import type { OpenKpi, OpenLicence, OpenUnit, OpenValuesTable } from '../../shared/openData/types';

export type { OpenKpi, OpenLicence, OpenUnit, OpenValueRow, OpenValuesTable } from '../../shared/openData/types';

/** Which units a request covers. */
export type UnitSelection =
  | { kind: 'nation' }
  | { kind: 'provinces' }
  /** the communes of one province */
  | { kind: 'communes'; provinceCode: string }
  | { kind: 'codes'; codes: readonly string[] };

export interface OpenValuesQuery {
  kpiId: string;
  units: UnitSelection;
  /** the length of a row's period: the KPI's own frequency, or months for a daily KPI */
  period: Frequency;
  /** start of the first period asked for */
  from: Date;
  /** start of the last period asked for (inclusive) */
  to: Date;
}

/** How many values (units × periods) one request may ask for: a year of a daily KPI for every province and the nation fits. */
export const MAX_OPEN_CELLS = 20_000;
/** How many units one request may name; a province's communes fit. */
export const MAX_OPEN_UNITS = 400;
/** Series computed at once for one request; each is a few queries. */
const CONCURRENCY = 6;

export const OPEN_LICENCE: OpenLicence = { ...OPEN_DATA_LICENCE, publicationRule: PUBLICATION_RULE };

/** The periods a KPI may be published in: its own, and months for a daily KPI. */
export function periodsOf(kpi: Pick<KpiDefinition, 'frequency'>): Frequency[] {
  return kpi.frequency === 'daily' ? ['daily', 'monthly'] : [kpi.frequency];
}


/** The local date a period ends on (its last day): 2026-10-31. */
function lastDayOf(unit: ReportingUnit, start: Date): string {
  return formatPeriod('day', addPeriods(addPeriods(start, unit, 1), 'day', -1));
}

/** The newest period (of `unit` length) whose reporting deadline has passed at `now`. */
export function latestPublishedPeriod(kpi: Pick<KpiDefinition, 'deadlineDaysAfterPeriod'>, unit: ReportingUnit, now: Date): Date {
  let start = periodStart(unit, now);
  while (reportDeadline(unit, start, kpi.deadlineDaysAfterPeriod) > now) start = addPeriods(start, unit, -1);
  return start;
}

/** The measured KPIs a value stands on: a composite's components, or the KPI itself. */
function componentsOf(app: AppContext, kpi: KpiDefinition): KpiDefinition[] {
  return isComposite(kpi) ? [...new Set(kpi.measure.groups.flatMap((g) => g.kpiIds))].map((id) => app.catalogue.get(id)) : [kpi];
}

export function describeOpenKpi(app: AppContext, kpi: KpiDefinition, now: Date = appNow()): OpenKpi {
  const latest = latestPublishedPeriod(kpi, periodUnitOf(kpi.frequency), now);
  const published = latest.getTime() >= app.earliestMeasurement.getTime();
  return {
    id: kpi.id,
    name: kpi.name,
    description: kpi.description,
    family: kpi.family,
    unit: kpi.unit,
    unitName: KPI_UNIT_NAMES[kpi.unit],
    decimals: kpi.decimals,
    direction: kpi.direction,
    target: kpi.target,
    frequency: kpi.frequency,
    submittedAt: kpi.submittedAt,
    deadlineDaysAfterPeriod: kpi.deadlineDaysAfterPeriod,
    method: describeMethod(kpi, app.catalogue.get),
    periods: periodsOf(kpi),
    latestPublishedPeriod: published ? formatPeriod(periodUnitOf(kpi.frequency), latest) : null,
    publishedThrough: published ? lastDayOf(periodUnitOf(kpi.frequency), latest) : null,
  };
}

/** The catalogue as the public reads it, in the catalogue's order. */
export function getOpenCatalogue(app: AppContext, now: Date = appNow()): { kpis: OpenKpi[]; licence: OpenLicence } {
  return { kpis: app.catalogue.all.map((k) => describeOpenKpi(app, k, now)), licence: OPEN_LICENCE };
}

function openUnit(app: AppContext, u: OrgUnit): OpenUnit {
  const province = u.level === 'commune' && u.provinceId !== null ? app.orgUnits().byIdOrUndefined(u.provinceId) : undefined;
  return { code: u.code, name: u.name, level: u.level, provinceCode: province?.code ?? null };
}

/** The nation and its provinces, or one province's communes. */
export function getOpenUnits(app: AppContext, provinceCode?: string): { units: OpenUnit[]; licence: OpenLicence } {
  const tree = app.orgUnits();
  const units = provinceCode === undefined ? [tree.nation, ...tree.provinces()] : tree.childrenOf(tree.byCodeOrUndefined(provinceCode)!.id);
  return { units: units.map((u) => openUnit(app, u)), licence: OPEN_LICENCE };
}

/** The units of a selection, in a stable order (the tree's, by code). Codes are checked by the caller. */
export function resolveUnits(app: AppContext, selection: UnitSelection): OrgUnit[] {
  const tree = app.orgUnits();
  switch (selection.kind) {
    case 'nation':
      return [tree.nation];
    case 'provinces':
      return [...tree.provinces()];
    case 'communes':
      return [...tree.childrenOf(tree.byCodeOrUndefined(selection.provinceCode)!.id)];
    case 'codes':
      return selection.codes.map((c) => tree.byCodeOrUndefined(c)!);
  }
}

/** Period starts from `from` to `to` inclusive. */
export function periodStarts(unit: ReportingUnit, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let p = periodStart(unit, from); p <= to; p = addPeriods(p, unit, 1)) out.push(p);
  return out;
}

/** Whether a pending report lies within a unit's data. */
function withinUnit(unit: OrgUnit, r: PendingReportRow): boolean {
  switch (unit.level) {
    case 'nation':
      return true;
    case 'province':
      return r.province_id === unit.id;
    case 'commune':
      return r.org_unit_id === unit.id;
  }
}

/**
 * One request's reads with each distinct statement run once. A composite's monthly components of
 * every province hold back to the nation's periods: getSeries asks the nation's sums once per
 * province, the same statement 34 times. Read-only: open data never writes.
 */
function memoisedReads(app: AppContext): AppContext {
  const db = app.db;
  const seen = new Map<string, Promise<unknown[]>>();
  const readOnly = (): never => {
    throw new Error('open data only reads');
  };
  const reads: Db = {
    mode: db.mode,
    timescale: db.timescale,
    query: <Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> => {
      const key = `${text}\u0000${JSON.stringify(params)}`;
      let rows = seen.get(key);
      if (!rows) {
        rows = db.query<unknown>(text, params);
        seen.set(key, rows);
      }
      return rows as Promise<Row[]>;
    },
    transaction: readOnly,
    execScript: readOnly,
    listen: readOnly,
    listenState: () => db.listenState(),
    onListenState: (cb) => db.onListenState(cb),
    tryLease: readOnly,
    close: readOnly,
  };
  return { ...app, db: reads };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The published table of a query, from the cache while no number or report status has changed since. */
export async function getOpenValues(app: AppContext, q: OpenValuesQuery, now: Date = appNow()): Promise<OpenValuesTable> {
  const kpi = app.catalogue.get(q.kpiId);
  // the newest published period moves with the clock: part of the key
  const key = JSON.stringify([q.kpiId, q.units, q.period, q.from, q.to, latestPublishedPeriod(kpi, periodUnitOf(q.period), now)]);
  return app.openDataCache.get(key, await getDataVersion(app.db), app.orgUnits(), () => computeOpenValues(app, q, now));
}

async function computeOpenValues(app: AppContext, q: OpenValuesQuery, now: Date): Promise<OpenValuesTable> {
  const kpi = app.catalogue.get(q.kpiId);
  const units = resolveUnits(app, q.units);
  const periodUnit = periodUnitOf(q.period);
  const latest = latestPublishedPeriod(kpi, periodUnit, now);
  const asked = periodStarts(periodUnit, q.from, q.to);
  const periods = asked.filter((p) => p <= latest);
  const table: OpenValuesTable = {
    kpi: describeOpenKpi(app, kpi, now),
    period: q.period,
    from: formatPeriod(periodUnit, q.from),
    to: formatPeriod(periodUnit, q.to),
    periods: periods.map((p) => formatPeriod(periodUnit, p)),
    units: units.map((u) => openUnit(app, u)),
    rows: [],
    licence: OPEN_LICENCE,
  };
  if (periods.length === 0) return table;
  const first = periods[0]!;
  const end = addPeriods(periods.at(-1)!, periodUnit, 1);

  const components = componentsOf(app, kpi);
  // A composite's monthly or quarterly component may stand on its previous period (held until
  // the next report): look one component period further back.
  const pendingFrom = isComposite(kpi) ? addPeriods(periodStart('quarter', first), 'quarter', -1) : first;
  const pending = await listPendingReports(app.db, { kpiIds: components.map((c) => c.id), from: pendingFrom, to: end });
  const heldBack = (unit: OrgUnit, start: Date): boolean => {
    const periodEnd = addPeriods(start, periodUnit, 1);
    return components.some((c) => {
      const from = isComposite(kpi) ? addPeriods(periodStart(periodUnitOf(c.frequency), start), periodUnitOf(c.frequency), -1) : start;
      return pending.some((r) => r.kpi_id === c.id && r.period_start >= from && r.period_start < periodEnd && withinUnit(unit, r));
    });
  };

  // Quarters are read from the series by month: a quarterly KPI holds its quarter's value in each month.
  const resolution = resolutionFor(periodUnit);
  const reads = memoisedReads(app);
  const series = await mapLimited(units, CONCURRENCY, (unit) => getSeries(reads, { kpiId: kpi.id, orgUnitId: unit.id, from: first, to: end, resolution }));
  units.forEach((unit, i) => {
    const byPeriod = new Map<number, SeriesPoint>(series[i]!.map((pt) => [pt.period.getTime(), pt]));
    for (const p of periods) {
      const value = byPeriod.get(p.getTime())?.value ?? null;
      const status: OpenCellStatus = heldBack(unit, p) ? 'pending_approval' : value === null ? 'no_data' : 'published';
      table.rows.push({
        unitCode: unit.code,
        unitName: unit.name,
        level: unit.level,
        period: formatPeriod(periodUnit, p),
        value: status === 'published' ? value : null,
        status,
      });
    }
  });
  return table;
}
