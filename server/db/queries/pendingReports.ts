import type { Queryable } from '../db';

/** A report whose value is on the dashboards but not approved: submitted, or returned for revision. */
export interface PendingReportRow {
  kpi_id: string;
  org_unit_id: number;
  /** the provincial unit the report's unit belongs to */
  province_id: number;
  period_start: Date;
}

/**
 * The reports not yet approved among some KPIs whose period starts in [from, to): what open data
 * holds back. Drafts are left out: their values never reach the measurements.
 */
export async function listPendingReports(db: Queryable, q: { kpiIds: readonly string[]; from: Date; to: Date }): Promise<PendingReportRow[]> {
  return db.query<PendingReportRow>(
    `SELECT r.kpi_id, r.org_unit_id, u.province_id, r.period_start
     FROM report r JOIN org_unit u ON u.id = r.org_unit_id
     WHERE r.status IN ('submitted', 'returned') AND r.kpi_id = ANY($1::text[]) AND r.period_start >= $2 AND r.period_start < $3`,
    [q.kpiIds, q.from, q.to],
  );
}
