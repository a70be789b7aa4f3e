/**
 * The alert checks owed by committed writes (migration 0014): one record per (KPI, province,
 * period) a batch changed, written in its transaction, deleted once the check has run.
 */
import type { Queryable } from '../db';

export interface PendingAlertEvaluationRow {
  id: number;
  kpi_id: string;
  org_unit_id: number;
  period: Date;
}

/** Records the series a write changed, in the writing transaction (one statement, any count). */
export async function recordPendingAlertEvaluations(
  tx: Queryable,
  series: ReadonlyArray<{ kpiId: string; orgUnitId: number; period: Date }>,
): Promise<void> {
  if (series.length === 0) return;
  await tx.query(
    `INSERT INTO pending_alert_evaluation (kpi_id, org_unit_id, period)
     SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[])`,
    [series.map((s) => s.kpiId), series.map((s) => s.orgUnitId), series.map((s) => s.period)],
  );
}

/**
 * The oldest owed checks of periods that have started by `now` (a row may be dated up to five
 * minutes ahead: its period is checked once it begins, by a later sweep), at most `limit`.
 */
export async function getPendingAlertEvaluations(db: Queryable, q: { now: Date; limit: number }): Promise<PendingAlertEvaluationRow[]> {
  return db.query<PendingAlertEvaluationRow>(
    'SELECT id, kpi_id, org_unit_id, period FROM pending_alert_evaluation WHERE period <= $1 ORDER BY id LIMIT $2',
    [q.now, q.limit],
  );
}

export async function deletePendingAlertEvaluations(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('DELETE FROM pending_alert_evaluation WHERE id = ANY($1::bigint[])', [ids]);
}

/** How many checks are owed (tests, the bench). */
export async function pendingAlertEvaluationCount(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_alert_evaluation');
  return row?.n ?? 0;
}
