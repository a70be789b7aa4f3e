/**
 * Makes the TimescaleDB roll-ups show what was written. Continuous aggregates use real-time
 * aggregation: buckets past the watermark are computed from raw rows on read. A refresh therefore
 * always stops at the start of the current bucket, so that live writes into it stay visible at
 * once; writes into older, materialised buckets (corrections, late reports) are made visible by
 * `refreshRollupsFor` right after they commit: `landMeasurements` (queries/measurements.ts)
 * queues it on the writing transaction. Plain PostgreSQL has views and needs nothing.
 */
import { appNow } from '../clock';
import type { Db } from './db';
import { addPeriods, periodStart, type Resolution } from '../../shared/domain/periods';

export const ROLLUPS: ReadonlyArray<{ relation: string; resolution: Resolution }> = [
  { relation: 'rollup_hour', resolution: 'hour' },
  { relation: 'rollup_day', resolution: 'day' },
  { relation: 'rollup_month', resolution: 'month' },
];

/** Hourly roll-ups are kept this long; days and months forever. Raw measurements are never dropped. */
export const HOURLY_RETENTION_DAYS = 92;

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

/** Windows whose refresh right after a write failed, per database, for the next maintenance pass. */
// On globalThis: Next bundles its own copy of this module, and there must be one list.
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
export async function retryDeferredRefreshes(db: Db, now: Date): Promise<void> {
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
