/**
 * Small helpers shared by the integration suites: row counts of the write path's tables, the
 * AppError a call throws, local (Asia/Ho_Chi_Minh) dates for submitted rows, and wiping
 * measurements between property runs.
 */
import type { Db, Queryable } from '../../server/db/db';
import { refreshAllRollups } from '../../server/jobs/rollupMaintenance';
import { VN_OFFSET_MS } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';

export interface WriteCounts {
  measurement: number;
  ingest_batch: number;
  measurement_revision: number;
}

/** How many rows the tables that a write touches hold. */
export async function writeCounts(db: Queryable): Promise<WriteCounts> {
  const rows = await db.query<WriteCounts>(
    `SELECT (SELECT count(*) FROM measurement)::int AS measurement,
            (SELECT count(*) FROM ingest_batch)::int AS ingest_batch,
            (SELECT count(*) FROM measurement_revision)::int AS measurement_revision`,
  );
  return rows[0]!;
}

/** The AppError a promise rejects with; fails the test when it resolves or throws something else. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw new Error(`expected an AppError, got: ${String(err)}`, { cause: err });
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** The local calendar date of an instant, as a submitted row writes it: 2026-11-27. */
export function localDate(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant as a zoned ISO string in local time: 2026-11-27T08:00:00.000+07:00. */
export function localInstant(d: Date): string {
  return `${new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, -1)}+07:00`;
}

/**
 * Removes every measurement, revision, batch and province or nation sum, then re-materialises the
 * roll-ups so that no continuous-aggregate bucket still holds the deleted rows (a no-op on plain
 * PostgreSQL).
 */
export async function clearMeasurements(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM measurement_revision');
    await tx.query('DELETE FROM measurement');
    await tx.query('DELETE FROM level_sum');
    await tx.query('DELETE FROM level_unit');
    await tx.query('DELETE FROM ingest_batch');
  });
  await refreshAllRollups(db);
}

