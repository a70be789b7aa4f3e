/**
 * Reads of the roll-ups. Sums by day, month or quarter come from the sums the writes keep
 * (./levelSums.ts): a province's or the nation's from level_sum, a commune's or a province's
 * communes' from level_unit — a few rows per unit and period, read by index, whatever the length
 * of the history. What they cannot answer — hours, and windows that are not whole quarters at a
 * quarter's granularity — reads the per-unit roll-ups (rollup_hour / rollup_day / rollup_month:
 * continuous aggregates with real-time aggregation under TimescaleDB, plain views on PostgreSQL).
 * They return summed parts (num, den); the value is computed by the KPI's rule in
 * shared/domain/aggregate.ts.
 */
import { periodStart, TIME_ZONE, type PeriodUnit } from '../../../shared/domain/periods';
import type { Queryable } from '../db';
import { NATION_SCOPE, readLevelSums, readLevelSumsIn, readUnitSums, readUnitSumsIn, type LevelResolution, type LevelWindow } from './levelSums';

export type Granularity = PeriodUnit;

/** Which relation a granularity reads, and the SQL expression of its period start. */
const SOURCES: Record<Granularity, { relation: string; period: string }> = {
  hour: { relation: 'rollup_hour', period: 'bucket' },
  day: { relation: 'rollup_day', period: 'bucket' },
  month: { relation: 'rollup_month', period: 'bucket' },
  quarter: { relation: 'rollup_month', period: `date_trunc('quarter', bucket, '${TIME_ZONE}')` },
};

/** Whose data is summed: the whole nation, one province (with its communes), or one unit. */
export type Scope = { level: 'nation' } | { level: 'province'; provinceId: number } | { level: 'commune'; orgUnitId: number };

/**
 * The level_sum resolution that answers a read over [from, to) exactly as the per-unit roll-ups
 * would, or null. Days and months are the same buckets. A quarter is read from months that start
 * in the window, so its own row answers only when the window is whole quarters; distinct units do
 * not add up over months, so any other window reads the per-unit roll-up.
 */
function levelResolution(granularity: Granularity, from: Date, to: Date): LevelResolution | null {
  switch (granularity) {
    case 'hour':
      return null;
    case 'day':
    case 'month':
      return granularity;
    case 'quarter':
      return periodStart('quarter', from).getTime() === from.getTime() && periodStart('quarter', to).getTime() === to.getTime() ? 'quarter' : null;
  }
}

/** A SQL condition for the scope, with its parameter as $n. */
function scopeCondition(scope: Scope, n: number): { sql: string; params: unknown[] } {
  switch (scope.level) {
    case 'nation':
      return { sql: 'true', params: [] };
    case 'province':
      return { sql: `province_id = $${n}`, params: [scope.provinceId] };
    case 'commune':
      return { sql: `org_unit_id = $${n}`, params: [scope.orgUnitId] };
  }
}

export interface PeriodSumRow {
  kpi_id: string;
  period: Date;
  num: number;
  den: number;
  /** measurements summed */
  n: number;
  /** distinct org units that reported */
  units: number;
}

/** Sums per KPI and period over [from, to) within a scope. */
export async function getPeriodSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; granularity: Granularity; scope: Scope; from: Date; to: Date },
): Promise<PeriodSumRow[]> {
  const resolution = levelResolution(q.granularity, q.from, q.to);
  if (resolution) {
    const range = { kpiIds: q.kpiIds, resolution, from: q.from, to: q.to };
    if (q.scope.level === 'commune') {
      const rows = await readUnitSums(db, { ...range, orgUnitId: q.scope.orgUnitId });
      return rows.map(({ kpi_id, period, num, den, n }) => ({ kpi_id, period, num, den, n, units: 1 }));
    }
    const rows = await readLevelSums(db, { ...range, scopeId: q.scope.level === 'nation' ? NATION_SCOPE : q.scope.provinceId });
    return rows.map(({ kpi_id, period, num, den, n, units }) => ({ kpi_id, period, num, den, n, units }));
  }
  const { relation, period } = SOURCES[q.granularity];
  const scope = scopeCondition(q.scope, 4);
  return db.query<PeriodSumRow>(
    `SELECT kpi_id, ${period} AS period, sum(num)::float8 AS num, sum(den)::float8 AS den,
            sum(n)::int AS n, count(DISTINCT org_unit_id)::int AS units
     FROM ${relation}
     WHERE kpi_id = ANY($1::text[]) AND bucket >= $2 AND bucket < $3 AND ${scope.sql}
     GROUP BY kpi_id, ${period}
     ORDER BY kpi_id, ${period}`,
    [q.kpiIds, q.from, q.to, ...scope.params],
  );
}

export interface ChildSumRow extends PeriodSumRow {
  child_id: number;
}

/**
 * Sums per child unit of `parent` (provinces of the nation, communes of a province), per KPI and
 * period over [from, to).
 */
export async function getChildSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; granularity: Granularity; parent: Exclude<Scope, { level: 'commune' }>; from: Date; to: Date },
): Promise<ChildSumRow[]> {
  const resolution = levelResolution(q.granularity, q.from, q.to);
  if (resolution && q.parent.level === 'nation') {
    const rows = await readLevelSums(db, { kpiIds: q.kpiIds, resolution, scopeId: null, from: q.from, to: q.to });
    return rows.map(({ kpi_id, scope_id, period, num, den, n, units }) => ({ kpi_id, child_id: scope_id, period, num, den, n, units }));
  }
  if (resolution && q.parent.level === 'province') {
    const rows = await readUnitSums(db, { kpiIds: q.kpiIds, resolution, provinceId: q.parent.provinceId, from: q.from, to: q.to });
    return rows.map(({ kpi_id, org_unit_id, period, num, den, n }) => ({ kpi_id, child_id: org_unit_id, period, num, den, n, units: 1 }));
  }
  const { relation, period } = SOURCES[q.granularity];
  const child = q.parent.level === 'nation' ? 'province_id' : 'org_unit_id';
  const scope = q.parent.level === 'nation' ? { sql: 'true', params: [] } : { sql: 'province_id = $4 AND org_unit_id <> $4', params: [q.parent.provinceId] };
  return db.query<ChildSumRow>(
    `SELECT kpi_id, ${child} AS child_id, ${period} AS period, sum(num)::float8 AS num, sum(den)::float8 AS den,
            sum(n)::int AS n, count(DISTINCT org_unit_id)::int AS units
     FROM ${relation}
     WHERE kpi_id = ANY($1::text[]) AND bucket >= $2 AND bucket < $3 AND ${scope.sql}
     GROUP BY kpi_id, ${child}, ${period}
     ORDER BY kpi_id, ${child}, ${period}`,
    [q.kpiIds, q.from, q.to, ...scope.params],
  );
}

/** KPIs read over one window at one granularity: one of several read together. */
export interface SumWindow {
  kpiIds: readonly string[];
  granularity: Granularity;
  from: Date;
  to: Date;
}

/** The windows the kept sums answer, one per KPI, and the others. */
function splitWindows(windows: readonly SumWindow[]): { level: LevelWindow[]; others: SumWindow[] } {
  const level: LevelWindow[] = [];
  const others: SumWindow[] = [];
  for (const w of windows) {
    const resolution = levelResolution(w.granularity, w.from, w.to);
    if (resolution) level.push(...w.kpiIds.map((kpiId) => ({ kpiId, resolution, from: w.from, to: w.to })));
    else others.push(w);
  }
  return { level, others };
}

/**
 * getPeriodSums of a nation's or a province's several windows (a KPI in one window only): those
 * the kept sums answer in one statement, the others one each. Ordered by KPI and period.
 */
export async function getPeriodSumsIn(db: Queryable, q: { scope: Exclude<Scope, { level: 'commune' }>; windows: readonly SumWindow[] }): Promise<PeriodSumRow[]> {
  const { level, others } = splitWindows(q.windows);
  const scopeId = q.scope.level === 'nation' ? NATION_SCOPE : q.scope.provinceId;
  const [kept, ...rest] = await Promise.all([
    readLevelSumsIn(db, { windows: level, scopeId }),
    ...others.map((w) => getPeriodSums(db, { ...w, scope: q.scope })),
  ]);
  const rows: PeriodSumRow[] = [...kept.map(({ kpi_id, period, num, den, n, units }) => ({ kpi_id, period, num, den, n, units })), ...rest.flat()];
  return rest.length ? rows.sort((a, b) => (a.kpi_id < b.kpi_id ? -1 : a.kpi_id > b.kpi_id ? 1 : a.period.getTime() - b.period.getTime())) : rows;
}

/** getChildSums of several windows (a KPI in one window only): those the kept sums answer in one statement, the others one each. */
export async function getChildSumsIn(db: Queryable, q: { parent: Exclude<Scope, { level: 'commune' }>; windows: readonly SumWindow[] }): Promise<ChildSumRow[]> {
  const { level, others } = splitWindows(q.windows);
  const parent = q.parent;
  const kept: Promise<ChildSumRow[]> =
    parent.level === 'nation'
      ? readLevelSumsIn(db, { windows: level, scopeId: null }).then((rows) => rows.map(({ kpi_id, scope_id, period, num, den, n, units }) => ({ kpi_id, child_id: scope_id, period, num, den, n, units })))
      : readUnitSumsIn(db, { windows: level, provinceId: parent.provinceId }).then((rows) => rows.map(({ kpi_id, org_unit_id, period, num, den, n }) => ({ kpi_id, child_id: org_unit_id, period, num, den, n, units: 1 })));
  const rows = await Promise.all([kept, ...others.map((w) => getChildSums(db, { ...w, parent }))]);
  return rows.flat();
}

export interface UnitPeriodSumRow {
  kpi_id: string;
  org_unit_id: number;
  period: Date;
  num: number;
  den: number;
}

/**
 * Each unit's own sums per KPI and period over [from, to), for many units at once (the history
 * that a bulk import checks its outliers against, in one query).
 */
export async function getUnitPeriodSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; orgUnitIds: readonly number[]; granularity: Granularity; from: Date; to: Date },
): Promise<UnitPeriodSumRow[]> {
  const { relation, period } = SOURCES[q.granularity];
  return db.query<UnitPeriodSumRow>(
    `SELECT kpi_id, org_unit_id, ${period} AS period, sum(num)::float8 AS num, sum(den)::float8 AS den
     FROM ${relation}
     WHERE kpi_id = ANY($1::text[]) AND org_unit_id = ANY($2::int[]) AND bucket >= $3 AND bucket < $4
     GROUP BY kpi_id, org_unit_id, ${period}`,
    [q.kpiIds, q.orgUnitIds, q.from, q.to],
  );
}

export interface ProvinceSeriesSumRow {
  kpi_id: string;
  province_id: number;
  period: Date;
  num: number;
  den: number;
}

/**
 * A province's sums (its communes' included) per period over [from, to), for some (KPI, province)
 * pairs only — `kpiIds[i]` goes with `provinceIds[i]` — so that checking what a batch touched reads
 * those series, not the country. Days, months and whole quarters are the province's own sums
 * (level_sum, the current bucket included: a few rows a series); other windows read the per-unit
 * roll-ups, where the `= ANY` conditions let the index (kpi_id, province_id, bucket) narrow the
 * scan and the pair list drops the other combinations.
 */
export async function getProvinceSeriesSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; provinceIds: readonly number[]; granularity: Granularity; from: Date; to: Date },
): Promise<ProvinceSeriesSumRow[]> {
  const resolution = levelResolution(q.granularity, q.from, q.to);
  if (resolution) {
    // the province's own sums (a bucket whose rows all moved away has n = 0: the roll-ups have no such bucket)
    return db.query<ProvinceSeriesSumRow>(
      `SELECT kpi_id, scope_id AS province_id, bucket AS period, num::float8 AS num, den::float8 AS den
       FROM level_sum
       WHERE resolution = $5 AND kpi_id = ANY($1::text[]) AND scope_id = ANY($2::int[])
         AND (kpi_id, scope_id) IN (SELECT * FROM unnest($1::text[], $2::int[]))
         AND bucket >= $3 AND bucket < $4 AND n > 0
       ORDER BY kpi_id, scope_id, bucket`,
      [q.kpiIds, q.provinceIds, q.from, q.to, resolution],
    );
  }
  const { relation, period } = SOURCES[q.granularity];
  return db.query<ProvinceSeriesSumRow>(
    `SELECT kpi_id, province_id, ${period} AS period, sum(num)::float8 AS num, sum(den)::float8 AS den
     FROM ${relation}
     WHERE kpi_id = ANY($1::text[]) AND province_id = ANY($2::int[])
       AND (kpi_id, province_id) IN (SELECT * FROM unnest($1::text[], $2::int[]))
       AND bucket >= $3 AND bucket < $4
     GROUP BY kpi_id, province_id, ${period}
     ORDER BY kpi_id, province_id, ${period}`,
    [q.kpiIds, q.provinceIds, q.from, q.to],
  );
}
