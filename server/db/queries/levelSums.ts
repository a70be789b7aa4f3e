/**
 * Province and nation sums (table level_sum, migration 0013): per KPI, scope (a province, or 0 for
 * the nation) and local day, month and quarter, the summed parts, the rows summed and the distinct
 * units among them. Kept by the writing transaction itself, in the same statements on TimescaleDB
 * and on plain PostgreSQL, so a province's or the nation's numbers — the current period included —
 * are a few rows per period to read, not every commune's rows: there is nothing to refresh and
 * nothing to aggregate at read time.
 *
 * `addToLevelSums` runs before the rows are written, while the table still holds what they
 * replace: an overwrite subtracts the old value (from the province it was in) and adds the new.
 * Writers of the same KPI take turns (a transaction-scoped advisory lock per KPI, taken in one
 * order): "did this unit already report in this bucket" is then read with no concurrent write in
 * between, so the distinct-unit counts stay exact on a PostgreSQL server too.
 */
import type { Queryable, Transaction } from '../db';
import type { ValidMeasurement } from '../../../shared/domain/validateMeasurementBatch';
import { TIME_ZONE } from '../../../shared/domain/periods';

/** The scope_id of the nation's rows. */
export const NATION_SCOPE = 0;

/** The resolutions kept; a quarter is kept on its own because distinct units do not add up over months. */
export type LevelResolution = 'day' | 'month' | 'quarter';

/** The first key of the advisory locks that serialise writers of one KPI (the second: the KPI's hash). */
const LOCK_CLASS = 1013;

/** Waits until no other transaction is writing these KPIs, and keeps them until this one ends. */
async function lockKpis(tx: Transaction, kpiIds: readonly string[]): Promise<void> {
  // one order for every writer, so two batches of the same KPIs never wait on each other in a cycle
  await tx.query(
    `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(k)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) t`,
    [kpiIds],
  );
}

/**
 * Adds a batch to the sums, before the batch is written (see above). Every change is signed: +1 row
 * and the new parts where a row lands, −1 row and the old parts where an overwritten row was. A
 * unit counts in a bucket when it has a row there: it is counted anew when it had none before
 * and will have one after, and no more when the opposite (a row that moved province).
 *
 * The probes into measurement are per (unit, bucket), index ranges on its key (kpi_id,
 * org_unit_id, ts); `OFFSET 0` keeps each a probe, never turned into a join over the whole table.
 */
export async function addToLevelSums(tx: Transaction, rows: readonly ValidMeasurement[]): Promise<void> {
  if (rows.length === 0) return;
  await lockKpis(tx, rows.map((r) => r.kpiId));
  const tz = `'${TIME_ZONE}'`;
  const inBucket = `m.kpi_id = u.kpi_id AND m.org_unit_id = u.org_unit_id
        AND m.ts >= (u.local_start AT TIME ZONE ${tz}) AND m.ts < ((u.local_start + u.step) AT TIME ZONE ${tz})
        AND (u.scope_id = ${NATION_SCOPE} OR m.province_id = u.scope_id)`;
  await tx.query(
    `WITH incoming AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::float8[], $6::float8[])
         AS t(kpi_id, org_unit_id, province_id, ts, num, den)
     ),
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
     -- per unit, resolution, scope (its province and the nation) and bucket (as a local start)
     per_unit AS (
       SELECT c.kpi_id, c.org_unit_id, r.resolution, r.step, s.scope_id,
              date_trunc(r.resolution, c.ts AT TIME ZONE ${tz}) AS local_start,
              sum(c.num) AS num, sum(c.den) AS den, sum(c.n)::int AS n, bool_or(c.n > 0) AS written
       FROM changes c
       CROSS JOIN (VALUES ('day', INTERVAL '1 day'), ('month', INTERVAL '1 month'), ('quarter', INTERVAL '3 months')) AS r(resolution, step)
       CROSS JOIN LATERAL (VALUES (c.province_id), (${NATION_SCOPE})) AS s(scope_id)
       GROUP BY 1, 2, 3, 4, 5, 6
     ),
     presence AS (
       SELECT u.kpi_id, u.resolution, u.scope_id, u.local_start AT TIME ZONE ${tz} AS bucket, u.num, u.den, u.n,
              EXISTS (SELECT 1 FROM measurement m WHERE ${inBucket} OFFSET 0) AS before,
              u.written OR EXISTS (
                SELECT 1 FROM measurement m WHERE ${inBucket}
                  AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.kpi_id = m.kpi_id AND i.org_unit_id = m.org_unit_id AND i.ts = m.ts)
                OFFSET 0
              ) AS after
       FROM per_unit u
     )
     INSERT INTO level_sum AS s (kpi_id, resolution, scope_id, bucket, num, den, n, units)
     SELECT kpi_id, resolution, scope_id, bucket, sum(num), sum(den), sum(n), sum(after::int - before::int)
     FROM presence
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4
     ON CONFLICT (kpi_id, resolution, scope_id, bucket) DO UPDATE
       SET num = s.num + excluded.num, den = s.den + excluded.den, n = s.n + excluded.n, units = s.units + excluded.units`,
    [
      rows.map((r) => r.kpiId),
      rows.map((r) => r.orgUnitId),
      rows.map((r) => r.provinceId),
      rows.map((r) => r.ts),
      rows.map((r) => r.num),
      rows.map((r) => r.den),
    ],
  );
}

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
