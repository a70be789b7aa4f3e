/**
 * The 10× seed of benchmark 5 (bench/queries.ts): the seeded history made `times` times as long
 * in the database itself, set-based, in a minute or two where the seed path would take half an
 * hour. The last whole quarters of history — `shift` months, a multiple of 12 so that every local
 * day, month and quarter lands on a day, month and quarter of the same calendar, up to the current
 * quarter's start — are copied `times − 1` times, copy k shifted k × shift months back; each copy a
 * little smaller (3 % less volume a copy: num and den alike, so ratios and means keep their values).
 * The copies' buckets are whole quarters apart from everything else, so the sums the writes keep
 * (level_sum, level_unit) are the seeded ones moved the same way: copied too, not rebuilt from six
 * million rows (rebuildLevelSums takes many minutes there). Then the roll-ups are materialised and
 * the statistics taken, as after the seed. What the seed had before the window (daily KPIs start a
 * day after `months` ago) is the copies' only gap: two months of daily rows every `shift` months.
 */
import type { Db } from '../../server/db/db';
import { refreshAllRollups } from '../../server/jobs/rollupMaintenance';
import { addPeriods, periodStart, TIME_ZONE } from '../../shared/domain/periods';

const shifted = (column: string) => `((${column} AT TIME ZONE '${TIME_ZONE}') - make_interval(months => k * $3::int)) AT TIME ZONE '${TIME_ZONE}'`;

export async function extendHistory(db: Db, now: Date, months: number, times: number): Promise<number> {
  const shift = 12 * Math.floor(months / 12);
  if (shift === 0) throw new RangeError('the history to copy is at least 12 months');
  const to = periodStart('quarter', now);
  const from = addPeriods(to, 'month', -shift);
  const [leap] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 day') d
     WHERE to_char(d AT TIME ZONE '${TIME_ZONE}', 'MM-DD') = '02-29'`,
    [from, to],
  );
  // a 29 February would land on the 28th of a common year, beside that day's own row
  if (leap!.n > 0) throw new RangeError('the copied window holds a 29 February: choose other months');
  const params = [from, to, shift, times - 1];
  // the tables' indexes built once after the copies, not row by row (on TimescaleDB the
  // measurements are a hypertable, whose chunks keep theirs)
  const tables = db.timescale ? ['level_sum', 'level_unit'] : ['measurement', 'level_sum', 'level_unit'];
  await db.transaction(async (tx) => {
    const constraints = await tx.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid::regclass::text = ANY($1::text[]) AND contype IN ('p', 'u', 'f')`,
      [tables],
    );
    const indexes = await tx.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) AND indexname <> ALL($2::text[])`,
      [tables, constraints.map((c) => c.name)],
    );
    for (const i of indexes) await tx.query(`DROP INDEX ${i.name}`);
    for (const c of constraints) await tx.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
    const factor = 'power(0.97, k)';
    await tx.query(
      `INSERT INTO measurement (kpi_id, org_unit_id, province_id, ts, num, den, batch_id)
       SELECT kpi_id, org_unit_id, province_id, ${shifted('ts')}, num * ${factor}, den * ${factor}, batch_id
       FROM measurement CROSS JOIN generate_series(1, $4::int) AS k
       WHERE ts >= $1 AND ts < $2`,
      params,
    );
    await tx.query(
      `INSERT INTO level_sum (kpi_id, resolution, scope_id, bucket, num, den, n, units)
       SELECT kpi_id, resolution, scope_id, ${shifted('bucket')}, num * ${factor}, den * ${factor}, n, units
       FROM level_sum CROSS JOIN generate_series(1, $4::int) AS k
       WHERE bucket >= $1 AND bucket < $2`,
      params,
    );
    await tx.query(
      `INSERT INTO level_unit (kpi_id, org_unit_id, resolution, bucket, province_id, n, num, den)
       SELECT kpi_id, org_unit_id, resolution, ${shifted('bucket')}, province_id, n, num * ${factor}, den * ${factor}
       FROM level_unit CROSS JOIN generate_series(1, $4::int) AS k
       WHERE bucket >= $1 AND bucket < $2`,
      params,
    );
    await tx.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const c of constraints) await tx.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    for (const i of indexes) await tx.query(i.def);
  });
  await refreshAllRollups(db, now);
  await db.query('ANALYZE');
  const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement');
  return count!.n;
}
