/**
 * Makes the TimescaleDB roll-ups show what was written. Continuous aggregates use real-time
 * aggregation: buckets past the watermark are computed from raw rows on read. A refresh therefore
 * always stops at the start of the current bucket, so that live writes into it stay visible at
 * once; writes into older, materialised buckets (corrections, late reports) are made visible by
 * `refreshRollupsFor` right after they commit: `landMeasurements` (queries/measurements.ts)
 * records the refresh it owes in the writing transaction (`oweRefreshAfterCommit`), so that what a
 * crash or a failure leaves undone is found by maintenance. Plain PostgreSQL has views and needs
 * nothing.
 */
import { appNow } from '../clock';
import type { Db, Transaction } from './db';
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

/**
 * Records, in the writing transaction, that the roll-ups over [from, to] owe a refresh, and queues
 * it for after the commit. The record outlives a crash or a failed refresh: maintenance
 * (`refreshPending`) does what the write could not. Returns nothing: the write's answer never
 * depends on work after its commit.
 */
export async function oweRefreshAfterCommit(tx: Transaction, from: Date, to: Date): Promise<void> {
  const recorded = tx.query<{ id: number }>('INSERT INTO pending_rollup_refresh (from_ts, to_ts) VALUES ($1, $2) RETURNING id', [from, to]);
  // Queued at the call, not at the answer: before whatever the caller queues next without waiting
  // (the announcement of a batch of late rows). It runs only after a commit, hence a recorded row.
  tx.afterCommit(async (db) => {
    const [{ id }] = (await recorded) as [{ id: number }];
    await refreshOwed(db, { id, from, to });
  });
  await recorded;
}

interface Owed {
  id: number;
  from: Date;
  to: Date;
}

/** Refreshes one owed window and clears its record; a failure is logged and the record stays. */
async function refreshOwed(db: Db, owed: Owed, now = appNow()): Promise<boolean> {
  try {
    await refreshRollupsFor(db, owed.from, owed.to, now);
    await db.query('DELETE FROM pending_rollup_refresh WHERE id = $1', [owed.id]);
    return true;
  } catch (err) {
    console.error(`[rollups] refresh of ${owed.from.toISOString()}…${owed.to.toISOString()} after a write failed; maintenance will retry:`, err);
    return false;
  }
}

/** How many refreshes are owed (for tests, logs and the maintenance pass). */
export async function pendingRefreshCount(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_rollup_refresh');
  return row?.n ?? 0;
}

/** Does the refreshes owed by earlier writes (crashed or failed); returns how many are done. */
export async function refreshPending(db: Db, now: Date): Promise<number> {
  const owed = await db.query<{ id: number; from_ts: Date; to_ts: Date }>('SELECT id, from_ts, to_ts FROM pending_rollup_refresh ORDER BY id LIMIT 1000');
  let done = 0;
  for (const o of owed) if (await refreshOwed(db, { id: o.id, from: o.from_ts, to: o.to_ts }, now)) done += 1;
  return done;
}
