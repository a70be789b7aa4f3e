/**
 * Province and nation sums (table level_sum, migration 0013): per KPI, scope (a province, or 0 for
 * the nation) and local day, month and quarter, the summed parts, the rows summed and the distinct
 * units among them. Kept by the writing transaction itself, in the same statements on TimescaleDB
 * and on plain PostgreSQL, so a province's or the nation's numbers — the current period included —
 * are a few rows per period to read, not every commune's rows: there is nothing to refresh and
 * nothing to aggregate at read time.
 *
 * The sums are kept by the statement that writes the rows (`LEVEL_SUM_CTES`), which reads what
 * they replace in its snapshot: an overwrite subtracts the old value (from the province it was in)
 * and adds the new.
 * Writers of the same KPI take turns (a transaction-scoped advisory lock per KPI, taken in one
 * order): "did this unit already report in this bucket" is then read with no concurrent write in
 * between, so the distinct-unit counts stay exact on a PostgreSQL server too.
 */
import type { Queryable, Transaction } from '../db';
import { TIME_ZONE } from '../../../shared/domain/periods';

/** The scope_id of the nation's rows. */
export const NATION_SCOPE = 0;

/** The resolutions kept; a quarter is kept on its own because distinct units do not add up over months. */
export type LevelResolution = 'day' | 'month' | 'quarter';

/** The first key of the advisory locks that serialise writers of one KPI (the second: the KPI's hash). */
const LOCK_CLASS = 1013;

/**
 * Waits until no other transaction is writing these KPIs, and keeps them until this one ends.
 * `forWrite`: the same statement turns JIT compilation off for the rest of the transaction
 * (`set_config(…, true)`, no extra round trip). The writing statement of a large batch is costed
 * high enough for PostgreSQL to compile it, and compiling its ~50 expressions took 1.2–1.6 s of a
 * 2.8–4.2 s statement for 50,000 rows (EXPLAIN ANALYZE, BENCHMARKS.md section 3); a short
 * statement run once gains nothing from it. The embedded database has no JIT: the setting is a no-op.
 * It also gives the statement's sorts the memory of a 100,000-row batch (4 MB by default: the sort
 * of the per-unit changes of 50,000 rows went to a temporary file).
 */
export async function lockKpis(tx: Transaction, kpiIds: readonly string[], options: { forWrite?: boolean } = {}): Promise<void> {
  // one order for every writer, so two batches of the same KPIs never wait on each other in a cycle
  const jitOff = options.forWrite ? `, (SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)) j` : '';
  await tx.query(
    `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(k)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) t${jitOff}`,
    [kpiIds],
  );
}

/**
 * The part of the writing statement (queries/measurements.ts, `upsertMeasurements`) that adds a
 * batch to the sums: common table expressions reading the batch's rows from a CTE named
 * `incoming` (kpi_id, org_unit_id, province_id, ts, num, den), placed after it in the statement's
 * WITH; they define `replaced`, the rows the batch overwrites. Every sub-statement of one
 * statement reads the same snapshot, taken before any of them writes: `replaced` reads the old
 * values even though the same statement writes the new ones. The caller holds the KPIs' turns
 * (`lockKpis`) before the statement starts.
 *
 * Every change is signed: +1 row and the new parts where a row lands, −1 row and the old parts
 * where an overwritten row was. A unit counts in a bucket when it has a row there (in the
 * province, for the province's count): the rows each unit has per bucket and province are kept
 * beside the sums (level_unit), so the write knows whether it adds the unit to a count, or takes
 * it away (a row that moved province).
 *
 * The probes are per row (its old value, by measurement's key) and per (unit, bucket) (level_unit's
 * key); `OFFSET 0` and the aggregate keep each a probe, never turned into a join over a whole table.
 */
export const LEVEL_SUM_CTES = `
     replaced AS (
       SELECT m.* FROM incoming i CROSS JOIN LATERAL (
         SELECT m.kpi_id, m.org_unit_id, m.province_id, m.ts, m.num, m.den FROM measurement m
         WHERE m.kpi_id = i.kpi_id AND m.org_unit_id = i.org_unit_id AND m.ts = i.ts OFFSET 0
       ) m
     ),
     changes AS (
       SELECT kpi_id, org_unit_id, province_id, ts, num, den, 1 AS n FROM incoming
       UNION ALL
       SELECT kpi_id, org_unit_id, province_id, ts, -num, -den, -1 FROM replaced
     ),
     -- per unit, resolution, bucket and the province its rows carry
     per_unit AS (
       SELECT c.kpi_id, c.org_unit_id, r.resolution, date_trunc(r.resolution, c.ts, '${TIME_ZONE}') AS bucket, c.province_id,
              sum(c.num) AS num, sum(c.den) AS den, sum(c.n)::int AS dn
       FROM changes c CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
       GROUP BY 1, 2, 3, 4, 5
     ),
     -- the unit's rows there before the write: in this province, and in any
     known AS (
       SELECT u.*, had.here, had.anywhere,
              sum(u.dn) OVER unit_bucket AS dn_anywhere,
              row_number() OVER unit_bucket AS nth
       FROM per_unit u CROSS JOIN LATERAL (
         SELECT COALESCE(sum(p.n) FILTER (WHERE p.province_id = u.province_id), 0) AS here, COALESCE(sum(p.n), 0) AS anywhere
         FROM level_unit p
         WHERE p.kpi_id = u.kpi_id AND p.org_unit_id = u.org_unit_id AND p.resolution = u.resolution AND p.bucket = u.bucket
       ) had
       WINDOW unit_bucket AS (PARTITION BY u.kpi_id, u.org_unit_id, u.resolution, u.bucket)
     ),
     counted AS (
       SELECT kpi_id, org_unit_id, resolution, bucket, province_id, dn, num, den FROM per_unit WHERE dn <> 0 OR num <> 0 OR den <> 0
     ),
     kept AS (
       INSERT INTO level_unit AS p (kpi_id, org_unit_id, resolution, bucket, province_id, n, num, den)
       SELECT * FROM counted ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (kpi_id, org_unit_id, resolution, bucket, province_id) DO UPDATE
         SET n = p.n + excluded.n, num = p.num + excluded.num, den = p.den + excluded.den
     ),
     summed AS (
       -- the province: the unit counts there while it has rows there
       SELECT kpi_id, resolution, province_id AS scope_id, bucket, num, den, dn,
              (here + dn > 0)::int - (here > 0)::int AS units
       FROM known
       UNION ALL
       -- the nation: while it has rows in any province; counted on one of its rows
       SELECT kpi_id, resolution, ${NATION_SCOPE}, bucket, num, den, dn,
              CASE WHEN nth = 1 THEN (anywhere + dn_anywhere > 0)::int - (anywhere > 0)::int ELSE 0 END
       FROM known
     ),
     level_sums_kept AS (
       INSERT INTO level_sum AS s (kpi_id, resolution, scope_id, bucket, num, den, n, units)
       SELECT kpi_id, resolution, scope_id, bucket, sum(num), sum(den), sum(dn), sum(units)
       FROM summed
       GROUP BY 1, 2, 3, 4
       ORDER BY 1, 2, 3, 4
       ON CONFLICT (kpi_id, resolution, scope_id, bucket) DO UPDATE
         SET num = s.num + excluded.num, den = s.den + excluded.den, n = s.n + excluded.n, units = s.units + excluded.units
     )`;

export interface LevelSumRow {
  kpi_id: string;
  /** the province's id; NATION_SCOPE for the nation */
  scope_id: number;
  period: Date;
  num: number;
  den: number;
  n: number;
  units: number;
}

/**
 * Sums over buckets starting in [from, to): one scope's, or every province's (`scopeId` null).
 * A bucket left without rows (its only row moved province) is not a period with data.
 */
export function readLevelSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; resolution: LevelResolution; scopeId: number | null; from: Date; to: Date },
): Promise<LevelSumRow[]> {
  const scope = q.scopeId === null ? `scope_id <> ${NATION_SCOPE}` : 'scope_id = $5';
  return db.query<LevelSumRow>(
    `SELECT kpi_id, scope_id, bucket AS period, num, den, n, units
     FROM level_sum
     WHERE kpi_id = ANY($1::text[]) AND resolution = $2 AND bucket >= $3 AND bucket < $4 AND ${scope} AND n > 0
     ORDER BY kpi_id, scope_id, bucket`,
    [q.kpiIds, q.resolution, q.from, q.to, ...(q.scopeId === null ? [] : [q.scopeId])],
  );
}

/**
 * The communes of the province in parameter `p`, as the org-unit table has them now: level_unit is
 * read through its primary key (kpi, unit, resolution, bucket), one probe per commune, since an
 * index by province slowed the writes (migration 0015). A province's list is its communes now: the
 * rows of a commune since moved elsewhere, kept under the province they were written in, are not in it.
 */
const PROVINCE_COMMUNES = (p: string) => `SELECT c.id FROM org_unit c WHERE c.province_id = ${p} AND c.id <> ${p}`;

/** A KPI's window of buckets [from, to) at one resolution: one of several read in one statement. */
export interface LevelWindow {
  kpiId: string;
  resolution: LevelResolution;
  from: Date;
  to: Date;
}

const windowParams = (windows: readonly LevelWindow[]) => [windows.map((w) => w.kpiId), windows.map((w) => w.resolution), windows.map((w) => w.from), windows.map((w) => w.to)];

/**
 * readLevelSums for several windows (each KPI its own resolution and window) in one statement: a
 * page's current values over every frequency, or its children's in each KPI's newest periods.
 */
export function readLevelSumsIn(db: Queryable, q: { windows: readonly LevelWindow[]; scopeId: number | null }): Promise<LevelSumRow[]> {
  if (q.windows.length === 0) return Promise.resolve([]);
  const scope = q.scopeId === null ? `s.scope_id <> ${NATION_SCOPE}` : 's.scope_id = $5';
  // a probe per window (`OFFSET 0` keeps it one): joined, the planner may scan the whole table
  return db.query<LevelSumRow>(
    `SELECT s.kpi_id, s.scope_id, s.period, s.num, s.den, s.n, s.units
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS w(kpi_id, resolution, from_, to_)
     CROSS JOIN LATERAL (
       SELECT s.kpi_id, s.scope_id, s.bucket AS period, s.num, s.den, s.n, s.units FROM level_sum s
       WHERE s.kpi_id = w.kpi_id AND s.resolution = w.resolution AND s.bucket >= w.from_ AND s.bucket < w.to_ AND ${scope} AND s.n > 0
       OFFSET 0
     ) s
     ORDER BY s.kpi_id, s.scope_id, s.period`,
    [...windowParams(q.windows), ...(q.scopeId === null ? [] : [q.scopeId])],
  );
}

/** readUnitSums of a province's communes for several windows in one statement. */
export function readUnitSumsIn(db: Queryable, q: { windows: readonly LevelWindow[]; provinceId: number }): Promise<UnitSumRow[]> {
  if (q.windows.length === 0) return Promise.resolve([]);
  return db.query<UnitSumRow>(
    `SELECT u.kpi_id, u.org_unit_id, u.period, u.num, u.den, u.n
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS w(kpi_id, resolution, from_, to_)
     CROSS JOIN LATERAL (
       SELECT u.kpi_id, u.org_unit_id, u.bucket AS period, u.num, u.den, u.n FROM level_unit u
       WHERE u.kpi_id = w.kpi_id AND u.resolution = w.resolution AND u.province_id = $5 AND u.bucket >= w.from_ AND u.bucket < w.to_
         AND u.org_unit_id IN (${PROVINCE_COMMUNES('$5')}) AND u.n > 0
       OFFSET 0
     ) u
     ORDER BY u.kpi_id, u.org_unit_id, u.period`,
    [...windowParams(q.windows), q.provinceId],
  );
}

export interface UnitSumRow {
  kpi_id: string;
  org_unit_id: number;
  period: Date;
  num: number;
  den: number;
  n: number;
}

/**
 * Units' own sums (level_unit, migration 0015) over buckets starting in [from, to): the communes of
 * a province (the rows they carry in it, the province's own excluded), or one unit's (`orgUnitId`,
 * whatever province its rows carry). Read by index, a few rows per unit and period. A bucket left
 * without rows (they moved province) is not a period with data.
 */
export function readUnitSums(
  db: Queryable,
  q: { kpiIds: readonly string[]; resolution: LevelResolution; from: Date; to: Date } & ({ provinceId: number } | { orgUnitId: number }),
): Promise<UnitSumRow[]> {
  if ('provinceId' in q) {
    return db.query<UnitSumRow>(
      `SELECT kpi_id, org_unit_id, bucket AS period, num, den, n
       FROM level_unit
       WHERE kpi_id = ANY($1::text[]) AND resolution = $2 AND province_id = $5 AND bucket >= $3 AND bucket < $4
         AND org_unit_id IN (${PROVINCE_COMMUNES('$5')}) AND n > 0
       ORDER BY kpi_id, org_unit_id, bucket`,
      [q.kpiIds, q.resolution, q.from, q.to, q.provinceId],
    );
  }
  return db.query<UnitSumRow>(
    `SELECT kpi_id, org_unit_id, bucket AS period, sum(num)::float8 AS num, sum(den)::float8 AS den, sum(n)::int AS n
     FROM level_unit
     WHERE kpi_id = ANY($1::text[]) AND org_unit_id = $5 AND resolution = $2 AND bucket >= $3 AND bucket < $4
     GROUP BY kpi_id, org_unit_id, bucket
     HAVING sum(n) > 0
     ORDER BY kpi_id, bucket`,
    [q.kpiIds, q.resolution, q.from, q.to, q.orgUnitId],
  );
}

/**
 * Computes the sums again from every measurement (migration 0013's backfill): for a bulk load
 * written with `upsertMeasurements(…, { sums: 'rebuildAfter' })` (the demo seed), where one pass
 * over the rows costs a fraction of keeping the sums row by row. Takes every writer's turn first:
 * no batch lands while the sums are rebuilt.
 */
export async function rebuildLevelSums(tx: Transaction): Promise<void> {
  const kpis = await tx.query<{ kpi_id: string }>('SELECT DISTINCT kpi_id FROM measurement');
  await lockKpis(tx, kpis.map((k) => k.kpi_id));
  // the grouping sorts millions of rows: in memory, not in temporary files (4 MB by default)
  await tx.query("SET LOCAL work_mem = '256MB'");
  await tx.query('DELETE FROM level_sum');
  await tx.query('DELETE FROM level_unit');
  await tx.query(
    `INSERT INTO level_sum (kpi_id, resolution, scope_id, bucket, num, den, n, units)
     SELECT m.kpi_id, r.resolution, s.scope_id, date_trunc(r.resolution, m.ts, '${TIME_ZONE}'),
            sum(m.num), sum(m.den), count(*), count(DISTINCT m.org_unit_id)
     FROM measurement m
     CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
     CROSS JOIN LATERAL (VALUES (m.province_id), (${NATION_SCOPE})) AS s(scope_id)
     GROUP BY 1, 2, 3, 4`,
  );
  await tx.query(
    `INSERT INTO level_unit (kpi_id, org_unit_id, resolution, bucket, province_id, n, num, den)
     SELECT m.kpi_id, m.org_unit_id, r.resolution, date_trunc(r.resolution, m.ts, '${TIME_ZONE}'), m.province_id, count(*), sum(m.num), sum(m.den)
     FROM measurement m
     CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
     GROUP BY 1, 2, 3, 4, 5`,
  );
}
