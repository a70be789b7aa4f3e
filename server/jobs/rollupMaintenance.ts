/**
 * Keeps the TimescaleDB roll-ups current. The embedded database has no background workers, so the
 * app refreshes continuous aggregates, compresses old chunks and applies retention itself; a
 * TimescaleDB server gets the equivalent policies. Plain PostgreSQL has views and needs nothing.
 *
 * Continuous aggregates use real-time aggregation: buckets past the watermark are computed from
 * raw rows on read. A refresh therefore always stops at the start of the current bucket, so that
 * live writes into it stay visible at once; writes into older, materialised buckets (corrections,
 * late reports) are made visible by `refreshRollupsFor` right after they land.
 */
import { appNow } from '../clock';
import type { Db } from '../db/db';
import { addPeriods, periodStart, type Resolution } from '../../shared/domain/periods';

export const ROLLUPS: ReadonlyArray<{ relation: string; resolution: Resolution }> = [
  { relation: 'rollup_hour', resolution: 'hour' },
  { relation: 'rollup_day', resolution: 'day' },
  { relation: 'rollup_month', resolution: 'month' },
];

/** Hourly roll-ups are kept this long; days and months forever. Raw measurements are never dropped. */
export const HOURLY_RETENTION_DAYS = 92;
/** Chunks of raw measurements older than this are compressed. */
export const COMPRESS_AFTER_DAYS = 90;

const log = (message: string) => console.log(`[rollups] ${message}`);

/**
 * Where a continuous aggregate's materialised part ends (its watermark); null when nothing is
 * materialised yet (TimescaleDB then reports the lowest timestamp, 4714 BC, which JavaScript
 * cannot represent). Read from TimescaleDB's catalogue: there is no public view of it.
 */
async function watermarkOf(db: Db, relation: string): Promise<Date | null> {
  const rows = await db.query<{ watermark: Date | null }>(
    `SELECT CASE WHEN w > '1900-01-01'::timestamptz THEN w END AS watermark
     FROM (SELECT _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(mat_hypertable_id)) AS w
           FROM _timescaledb_catalog.continuous_agg WHERE user_view_name = $1) t`,
    [relation],
  );
  return rows[0]?.watermark ?? null;
}

/**
 * Refreshes every roll-up over the buckets that [from, to] touches, never the current bucket.
 * The window starts no later than the watermark: buckets between the watermark and `from` (rows
 * written while they were current) must be materialised too, or moving the watermark past them
 * would hide them.
 */
export async function refreshRollupsFor(db: Db, from: Date, to: Date, now = appNow()): Promise<void> {
  if (!db.timescale) return;
  for (const { relation, resolution } of ROLLUPS) {
    const watermark = await watermarkOf(db, relation);
    const batchStart = periodStart(resolution, from);
    // Never materialised: everything is still read in real time, so materialise from the start.
    let start = watermark === null ? null : watermark < batchStart ? watermark : batchStart;
    // Hours older than their retention are not kept: a late batch does not rebuild them.
    if (resolution === 'hour') {
      const kept = periodStart('hour', addPeriods(now, 'day', -HOURLY_RETENTION_DAYS));
      if (start === null || start < kept) start = kept;
    }
    const end = new Date(Math.min(addPeriods(periodStart(resolution, to), resolution, 1).getTime(), periodStart(resolution, now).getTime()));
    if (start !== null && start >= end) continue;
    await db.query(`CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)`, [relation, start, end]);
  }
}

/**
 * Windows whose refresh right after a write failed, per database, for the next maintenance pass.
 * On globalThis: Next bundles its own copy of this module, and there must be one list.
 */
const deferredHolder = globalThis as typeof globalThis & { __lienthongDeferredRefreshes?: WeakMap<Db, Array<{ from: Date; to: Date }>> };
const deferredRefreshes = (deferredHolder.__lienthongDeferredRefreshes ??= new WeakMap());

/**
 * Refreshes the roll-ups a committed write touched; a failure is logged and left to the next
 * maintenance pass, never thrown: the data is in, and the caller's answer must say so.
 */
export async function refreshRollupsAfterWrite(db: Db, from: Date, to: Date): Promise<void> {
  try {
    await refreshRollupsFor(db, from, to);
  } catch (err) {
    console.error(`[rollups] refresh of ${from.toISOString()}…${to.toISOString()} after a write failed; maintenance will retry:`, err);
    const pending = deferredRefreshes.get(db) ?? [];
    pending.push({ from, to });
    deferredRefreshes.set(db, pending);
  }
}

/** How many refreshes wait for the next maintenance pass (for tests and logs). */
export function deferredRefreshCount(db: Db): number {
  return deferredRefreshes.get(db)?.length ?? 0;
}

/** Retries the refreshes that failed after writes; those that fail again wait for the next pass. */
async function retryDeferredRefreshes(db: Db, now: Date): Promise<void> {
  const pending = deferredRefreshes.get(db) ?? [];
  deferredRefreshes.delete(db);
  const failed: Array<{ from: Date; to: Date }> = [];
  for (const w of pending) {
    try {
      await refreshRollupsFor(db, w.from, w.to, now);
    } catch (err) {
      console.error(`[rollups] deferred refresh of ${w.from.toISOString()}…${w.to.toISOString()} failed again:`, err);
      failed.push(w);
    }
  }
  if (failed.length > 0) deferredRefreshes.set(db, [...failed, ...(deferredRefreshes.get(db) ?? [])]);
}

/** The periodic pass of the embedded database: refresh recent buckets, compress, drop old hours. */
export async function runRollupMaintenance(db: Db, now = appNow()): Promise<void> {
  const t0 = Date.now();
  await retryDeferredRefreshes(db, now);
  await refreshRollupsFor(db, addPeriods(now, 'month', -1), now, now);
  // every chunk past the age; compress_chunk skips those already compressed (if_not_compressed),
  // so the count is of chunks visited, not of work done
  const compressed = await db.query<{ chunk: string }>(
    `SELECT compress_chunk(c, if_not_compressed => true)::text AS chunk
     FROM show_chunks('measurement', older_than => $1::timestamptz) c`,
    [addPeriods(now, 'day', -COMPRESS_AFTER_DAYS)],
  );
  const dropped = await db.query<{ chunk: string }>(`SELECT drop_chunks('rollup_hour', older_than => $1::timestamptz)::text AS chunk`, [
    addPeriods(now, 'day', -HOURLY_RETENTION_DAYS),
  ]);
  // PGlite has no autovacuum: keep the planner's statistics current ourselves.
  await db.query('ANALYZE measurement');
  log(`maintenance: refreshed, ${compressed.length} chunk(s) past the compression age kept compressed, ${dropped.length} hourly chunk(s) dropped in ${Date.now() - t0} ms`);
}

/** Materialises all history (after a seed or an import); hourly buckets only within retention. */
export async function refreshAllRollups(db: Db, now = appNow()): Promise<void> {
  if (!db.timescale) return;
  for (const { relation, resolution } of ROLLUPS) {
    const from = resolution === 'hour' ? periodStart('hour', addPeriods(now, 'day', -HOURLY_RETENTION_DAYS)) : null;
    await db.query(`CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)`, [
      relation,
      from,
      periodStart(resolution, now),
    ]);
  }
}

/** A TimescaleDB server runs these itself with its background workers. */
export async function ensureServerPolicies(db: Db): Promise<void> {
  for (const { relation, resolution } of ROLLUPS) {
    const bucket = resolution === 'hour' ? '1 hour' : resolution === 'day' ? '1 day' : '1 month';
    await db.query(
      `SELECT add_continuous_aggregate_policy($1::regclass, start_offset => NULL, end_offset => $2::interval,
         schedule_interval => INTERVAL '1 minute', if_not_exists => true)`,
      [relation, bucket],
    );
  }
  await db.query(`SELECT add_compression_policy('measurement', $1::interval, if_not_exists => true)`, [`${COMPRESS_AFTER_DAYS} days`]);
  await db.query(`SELECT add_retention_policy('rollup_hour', $1::interval, if_not_exists => true)`, [`${HOURLY_RETENTION_DAYS} days`]);
  log('TimescaleDB server policies in place (refresh every minute, compression, hourly retention)');
}

/** Starts the embedded database's schedule; returns the function that stops it. */
export function scheduleRollupMaintenance(db: Db, intervalSeconds: number): () => void {
  log(`embedded schedule: refresh every ${intervalSeconds} s, compression after ${COMPRESS_AFTER_DAYS} days, hourly roll-ups kept ${HOURLY_RETENTION_DAYS} days`);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runRollupMaintenance(db)
      .catch((err) => console.error('[rollups] maintenance failed:', err))
      .finally(() => {
        running = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
