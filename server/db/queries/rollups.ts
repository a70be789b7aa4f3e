/**
 * Reads of the roll-ups (rollup_hour / rollup_day / rollup_month: continuous aggregates with
 * real-time aggregation under TimescaleDB, plain views on PostgreSQL). They return summed parts
 * (num, den); the value is computed by the KPI's rule in shared/domain/aggregate.ts.
 */
import { TIME_ZONE, type PeriodUnit } from '../../../shared/domain/periods';
import type { Queryable } from '../db';

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
 * those series, not the country. The `= ANY` conditions let the read index (kpi_id, province_id,
 * bucket) narrow the scan; the pair list then drops the other combinations. The current bucket is
 * summed from raw rows at read time, where no index leads with the province: that part still
 * scans the day's rows of the chunk (55 ms for 65,000 rows of demo feed), the cost that a sum
 * kept per province would remove.
 */
export async function getProvinceSeriesSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; provinceIds: readonly number[]; granularity: Granularity; from: Date; to: Date },
): Promise<ProvinceSeriesSumRow[]> {
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
