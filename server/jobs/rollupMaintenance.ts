/**
 * Keeps the TimescaleDB roll-ups current. The embedded database has no background workers, so the
 * app refreshes continuous aggregates, compresses old chunks and applies retention itself; a
 * TimescaleDB server gets the equivalent policies. Plain PostgreSQL has views and needs nothing.
 *
 * The refresh right after a write, and its retry here when it failed, live in the db layer
 * (server/db/rollupRefresh.ts).
 */
import { appNow } from '../clock';
import type { Db } from '../db/db';
import { HOURLY_RETENTION_DAYS, refreshPending, refreshRollupsFor, ROLLUPS } from '../db/rollupRefresh';
import { addPeriods, periodStart } from '../../shared/domain/periods';

/** Chunks of raw measurements older than this are compressed. */
const COMPRESS_AFTER_DAYS = 90;

const log = (message: string) => console.log(`[rollups] ${message}`);

/** The periodic pass of the embedded database: refresh recent buckets, compress, drop old hours. */
export async function runRollupMaintenance(db: Db, now = appNow()): Promise<void> {
  const t0 = Date.now();
  const owed = await refreshPending(db, now);
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
  log(`maintenance: refreshed${owed > 0 ? ` (and ${owed} refresh(es) owed by earlier writes)` : ''}, ${compressed.length} chunk(s) past the compression age kept compressed, ${dropped.length} hourly chunk(s) dropped in ${Date.now() - t0} ms`);
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

/**
 * A server's roll-ups are refreshed by its own policies (TimescaleDB) or are views (PostgreSQL); what
 * is left is the refreshes owed by writes whose process died after the commit, or whose refresh
 * failed. Every instance sweeps them: a refresh done twice is harmless, and one done by none is not.
 */
export function schedulePendingRefreshes(db: Db, intervalSeconds: number): () => void {
  let running = false;
  const sweep = () => {
    if (running) return;
    running = true;
    refreshPending(db, appNow())
      .then((done) => done > 0 && log(`${done} refresh(es) owed by earlier writes done`))
      .catch((err) => console.error('[rollups] owed refreshes failed:', err))
      .finally(() => {
        running = false;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
