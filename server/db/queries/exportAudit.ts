/** The export audit log (migration 0010): one row per export, written at its start, closed at its end. */
import type { Queryable } from '../db';

export type ExportAuditStatus = 'started' | 'completed' | 'failed' | 'refused';

export interface ExportAuditRow {
  id: number;
  started_at: Date;
  finished_at: Date | null;
  user_id: number | null;
  principal: string;
  scope_unit_id: number;
  view: string;
  params: Record<string, string>;
  format: string;
  status: ExportAuditStatus;
  rows_written: number | null;
  bytes_written: number | null;
  detail: string | null;
}

export async function insertExportAudit(
  db: Queryable,
  e: { at: Date; userId: number | null; principal: string; scopeUnitId: number; view: string; params: Record<string, string>; format: string; status: 'started' | 'refused'; detail?: string },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO export_audit (started_at, finished_at, user_id, principal, scope_unit_id, view, params, format, status, detail)
     VALUES ($1, CASE WHEN $8 = 'refused' THEN $1::timestamptz END, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
     RETURNING id::int AS id`,
    [e.at, e.userId, e.principal, e.scopeUnitId, e.view, JSON.stringify(e.params), e.format, e.status, e.detail ?? null],
  );
  return rows[0]!.id;
}

export async function finishExportAudit(db: Queryable, e: { id: number; at: Date; status: 'completed' | 'failed'; rows: number; bytes: number; detail?: string }): Promise<void> {
  await db.query(`UPDATE export_audit SET finished_at = $2, status = $3, rows_written = $4, bytes_written = $5, detail = $6 WHERE id = $1`, [
    e.id,
    e.at,
    e.status,
    e.rows,
    e.bytes,
    e.detail ?? null,
  ]);
}

/** Newest first (the administrators' view of who took what; tests). */
export async function listExportAudit(db: Queryable, q: { limit: number }): Promise<ExportAuditRow[]> {
  return db.query<ExportAuditRow>(
    `SELECT id::int AS id, started_at, finished_at, user_id, principal, scope_unit_id, view, params, format, status,
            rows_written, bytes_written::float8 AS bytes_written, detail
     FROM export_audit ORDER BY started_at DESC, id DESC LIMIT $1`,
    [q.limit],
  );
}
