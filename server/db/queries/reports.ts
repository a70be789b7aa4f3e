import type { Queryable } from '../db';
import { statusesAccepting, type ReportAction, type ReportStatus } from '../../../shared/domain/reportLifecycle';

// The lifecycle's words, declared in shared/domain/reportLifecycle.ts, for readers of these rows.
export type { ReportAction, ReportStatus };
export type ReportInputs = Partial<Record<'numerator' | 'denominator' | 'value' | 'weight', number | null>>;

export interface ReportRow {
  id: number;
  kpi_id: string;
  org_unit_id: number;
  period_start: Date;
  status: ReportStatus;
  inputs: ReportInputs;
  explanation: string | null;
  outlier: boolean;
  version: number;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  /** the latest return for revision: when, by whom and why (kept after a resubmission) */
  returned_at: Date | null;
  returned_by: string | null;
  return_comment: string | null;
  updated_at: Date;
  updated_by: string;
}

const COLUMNS =
  'id, kpi_id, org_unit_id, period_start, status, inputs, explanation, outlier, version, submitted_at, submitted_by, approved_at, approved_by, returned_at, returned_by, return_comment, updated_at, updated_by';

export async function findReports(db: Queryable, q: { orgUnitId: number; periodStart: Date; kpiIds: readonly string[] }): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${COLUMNS} FROM report WHERE org_unit_id = $1 AND period_start = $2 AND kpi_id = ANY($3::text[])`,
    [q.orgUnitId, q.periodStart, q.kpiIds],
  );
}

/** Locks the reports for the rest of the transaction (concurrent saves queue behind it). */
export async function lockReports(db: Queryable, ids: readonly number[]): Promise<ReportRow[]> {
  return db.query<ReportRow>(`SELECT ${COLUMNS} FROM report WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [ids]);
}

export async function getReport(db: Queryable, id: number): Promise<ReportRow | undefined> {
  return (await db.query<ReportRow>(`SELECT ${COLUMNS} FROM report WHERE id = $1`, [id]))[0];
}

/*
 * Every write here takes `at`, the app's clock (server/clock.ts): submission times are compared
 * with deadlines the app computes, so the database's own now() must not decide them.
 */

/** Creates a report, or returns undefined when one exists for the key (someone else created it first). */
export async function insertReport(
  db: Queryable,
  r: Pick<ReportRow, 'kpi_id' | 'org_unit_id' | 'period_start' | 'status' | 'inputs' | 'explanation' | 'outlier' | 'updated_by'> & { at: Date },
): Promise<ReportRow | undefined> {
  const submitted = r.status === 'submitted';
  const rows = await db.query<ReportRow>(
    `INSERT INTO report (kpi_id, org_unit_id, period_start, status, inputs, explanation, outlier, updated_by, updated_at, submitted_at, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, CASE WHEN $9 THEN $10::timestamptz END, CASE WHEN $9 THEN $8 END)
     ON CONFLICT (kpi_id, org_unit_id, period_start) DO NOTHING
     RETURNING ${COLUMNS}`,
    [r.kpi_id, r.org_unit_id, r.period_start, r.status, JSON.stringify(r.inputs), r.explanation, r.outlier, r.updated_by, submitted, r.at],
  );
  return rows[0];
}

/** Updates a report at the version the editor saw; returns undefined when someone changed it since. */
export async function updateReport(
  db: Queryable,
  r: { id: number; expectedVersion: number; status: ReportStatus; inputs: ReportInputs; explanation: string | null; outlier: boolean; actor: string; at: Date },
): Promise<ReportRow | undefined> {
  const rows = await db.query<ReportRow>(
    `UPDATE report SET status = $3, inputs = $4, explanation = $5, outlier = $6, updated_by = $7, updated_at = $8,
       version = version + 1,
       submitted_at = CASE WHEN $3 = 'submitted' THEN $8 ELSE submitted_at END,
       submitted_by = CASE WHEN $3 = 'submitted' THEN $7 ELSE submitted_by END,
       approved_at = NULL, approved_by = NULL
     WHERE id = $1 AND version = $2
     RETURNING ${COLUMNS}`,
    [r.id, r.expectedVersion, r.status, JSON.stringify(r.inputs), r.explanation, r.outlier, r.actor, r.at],
  );
  return rows[0];
}

export async function approveReport(db: Queryable, id: number, expectedVersion: number, actor: string, at: Date): Promise<ReportRow | undefined> {
  const rows = await db.query<ReportRow>(
    `UPDATE report SET status = 'approved', approved_at = $4, approved_by = $3, version = version + 1, updated_at = $4, updated_by = $3
     WHERE id = $1 AND version = $2 AND status = 'submitted'
     RETURNING ${COLUMNS}`,
    [id, expectedVersion, actor, at],
  );
  return rows[0];
}

/** Sends a submitted report back to its unit with a comment, at the version the approver saw. */
export async function returnReport(db: Queryable, r: { id: number; expectedVersion: number; actor: string; comment: string; at: Date }): Promise<ReportRow | undefined> {
  const rows = await db.query<ReportRow>(
    `UPDATE report SET status = 'returned', returned_at = $5, returned_by = $3, return_comment = $4,
       version = version + 1, updated_at = $5, updated_by = $3
     WHERE id = $1 AND version = $2 AND status = 'submitted'
     RETURNING ${COLUMNS}`,
    [r.id, r.expectedVersion, r.actor, r.comment, r.at],
  );
  return rows[0];
}

/**
 * Who put the figures of each report's current round in: the actors of every draft, submission
 * and correction since its last approval, and its submitter (reports written without events have
 * only that). The four-eyes rule keeps all of them from approving the round.
 */
export async function listReportEditors(db: Queryable, ids: readonly number[]): Promise<Array<{ report_id: number; editors: string[] }>> {
  if (ids.length === 0) return [];
  return db.query(
    `SELECT r.id AS report_id, array_agg(DISTINCT a.actor) AS editors
     FROM report r
     CROSS JOIN LATERAL (
       SELECT e.actor FROM report_event e
       WHERE e.report_id = r.id AND e.action IN ('draft', 'submit', 'correct')
         AND e.id > COALESCE((SELECT max(l.id) FROM report_event l WHERE l.report_id = r.id AND l.action = 'approve'), 0)
       UNION ALL
       SELECT r.submitted_by WHERE r.submitted_by IS NOT NULL
     ) a
     WHERE r.id = ANY($1::bigint[])
     GROUP BY r.id`,
    [ids],
  );
}

export async function insertReportEvent(
  db: Queryable,
  e: { reportId: number; action: ReportAction; fromStatus: ReportStatus | null; toStatus: ReportStatus; oldInputs: ReportInputs | null; newInputs: ReportInputs | null; reason: string | null; actor: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO report_event (report_id, action, from_status, to_status, old_inputs, new_inputs, reason, actor, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.reportId, e.action, e.fromStatus, e.toStatus, e.oldInputs && JSON.stringify(e.oldInputs), e.newInputs && JSON.stringify(e.newInputs), e.reason, e.actor, e.at],
  );
}

export interface ReportEventRow {
  id: number;
  action: ReportAction;
  from_status: ReportStatus | null;
  to_status: ReportStatus;
  old_inputs: ReportInputs | null;
  new_inputs: ReportInputs | null;
  reason: string | null;
  actor: string;
  at: Date;
}

export async function listReportEvents(db: Queryable, reportId: number): Promise<ReportEventRow[]> {
  return db.query<ReportEventRow>(
    `SELECT id, action, from_status, to_status, old_inputs, new_inputs, reason, actor, at FROM report_event WHERE report_id = $1 ORDER BY id`,
    [reportId],
  );
}

/** Submitted (not yet approved) reports of units within a province (or anywhere when null), at a level. */
export async function listSubmittedReports(db: Queryable, q: { provinceId: number | null; level: 'province' | 'commune' | null; limit: number }): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')}
     FROM report r JOIN org_unit u ON u.id = r.org_unit_id
     WHERE r.status = 'submitted' AND ($1::int IS NULL OR u.province_id = $1) AND ($2::text IS NULL OR u.level = $2)
     ORDER BY r.submitted_at, r.id
     LIMIT $3`,
    [q.provinceId, q.level, q.limit],
  );
}

/** Per KPI and period: how many reports within a scope are submitted (or returned) but not approved (provisional). */
export async function countProvisional(
  db: Queryable,
  q: { kpiIds: readonly string[]; from: Date; to: Date; provinceId: number | null; orgUnitId: number | null },
): Promise<Array<{ kpi_id: string; period_start: Date; n: number }>> {
  return db.query(
    `SELECT r.kpi_id, r.period_start, count(*)::int AS n
     FROM report r JOIN org_unit u ON u.id = r.org_unit_id
     WHERE r.status IN ('submitted', 'returned') AND r.kpi_id = ANY($1::text[]) AND r.period_start >= $2 AND r.period_start < $3
       AND ($4::int IS NULL OR u.province_id = $4) AND ($5::int IS NULL OR u.id = $5)
     GROUP BY r.kpi_id, r.period_start`,
    [q.kpiIds, q.from, q.to, q.provinceId, q.orgUnitId],
  );
}

/** A report's key: KPI, unit, period start. */
export interface ReportKey {
  kpiId: string;
  orgUnitId: number;
  periodStart: Date;
}

/** The state of an existing report that a bulk import needs: to refuse approved ones, and for history. */
export type ReportState = Pick<ReportRow, 'id' | 'kpi_id' | 'org_unit_id' | 'period_start' | 'status' | 'inputs' | 'explanation' | 'version'>;

/**
 * The existing reports among many keys, in one statement; with `forUpdate` they stay locked for
 * the rest of the transaction (in id order, so that two imports cannot deadlock).
 */
export async function findReportsByKeys(db: Queryable, keys: readonly ReportKey[], options: { forUpdate?: boolean } = {}): Promise<ReportState[]> {
  if (keys.length === 0) return [];
  return db.query<ReportState>(
    `SELECT r.id, r.kpi_id, r.org_unit_id, r.period_start, r.status, r.inputs, r.explanation, r.version
     FROM report r
     JOIN unnest($1::text[], $2::int[], $3::timestamptz[]) AS k(kpi_id, org_unit_id, period_start)
       ON r.kpi_id = k.kpi_id AND r.org_unit_id = k.org_unit_id AND r.period_start = k.period_start
     ORDER BY r.id${options.forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [keys.map((k) => k.kpiId), keys.map((k) => k.orgUnitId), keys.map((k) => k.periodStart)],
  );
}

/**
 * Submits many reports with one statement: new keys are inserted as submitted; existing reports
 * whose status accepts a submission (the lifecycle's table: draft, submitted, returned) are
 * updated to the new inputs with their version incremented. Others (approved) are left alone and
 * not returned, so the caller can tell that one was approved meanwhile.
 */
export async function upsertSubmittedReports(
  db: Queryable,
  rows: ReadonlyArray<ReportKey & { inputs: ReportInputs; explanation: string | null; outlier: boolean }>,
  actor: string,
  at: Date,
): Promise<Array<Pick<ReportRow, 'id' | 'kpi_id' | 'org_unit_id' | 'period_start'>>> {
  if (rows.length === 0) return [];
  return db.query(
    `INSERT INTO report (kpi_id, org_unit_id, period_start, status, inputs, explanation, outlier, updated_by, updated_at, submitted_at, submitted_by)
     SELECT t.kpi_id, t.org_unit_id, t.period_start, 'submitted', t.inputs::jsonb, t.explanation, t.outlier, $7, $8, $8, $7
     FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::bool[])
       AS t(kpi_id, org_unit_id, period_start, inputs, explanation, outlier)
     ON CONFLICT (kpi_id, org_unit_id, period_start) DO UPDATE
       SET status = 'submitted', inputs = excluded.inputs, explanation = excluded.explanation, outlier = excluded.outlier,
           updated_by = excluded.updated_by, updated_at = $8, version = report.version + 1,
           submitted_at = $8, submitted_by = excluded.submitted_by, approved_at = NULL, approved_by = NULL
       WHERE report.status = ANY($9::text[])
     RETURNING id, kpi_id, org_unit_id, period_start`,
    [
      rows.map((r) => r.kpiId),
      rows.map((r) => r.orgUnitId),
      rows.map((r) => r.periodStart),
      rows.map((r) => JSON.stringify(r.inputs)),
      rows.map((r) => r.explanation),
      rows.map((r) => r.outlier),
      actor,
      at,
      statusesAccepting('submit'),
    ],
  );
}

/** The history of many submissions at once: one 'submit' event per report, one statement. */
export async function insertSubmitEvents(
  db: Queryable,
  events: ReadonlyArray<{ reportId: number; fromStatus: ReportStatus | null; oldInputs: ReportInputs | null; newInputs: ReportInputs }>,
  e: { reason: string | null; actor: string; at: Date },
): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO report_event (report_id, action, from_status, to_status, old_inputs, new_inputs, reason, actor, at)
     SELECT t.report_id, 'submit', t.from_status, 'submitted', t.old_inputs::jsonb, t.new_inputs::jsonb, $5, $6, $7
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS t(report_id, from_status, old_inputs, new_inputs)`,
    [
      events.map((ev) => ev.reportId),
      events.map((ev) => ev.fromStatus),
      events.map((ev) => (ev.oldInputs ? JSON.stringify(ev.oldInputs) : null)),
      events.map((ev) => JSON.stringify(ev.newInputs)),
      e.reason,
      e.actor,
      e.at,
    ],
  );
}

/** Which of these (KPI, unit, time) cells hold a submitted (or returned) or approved report's value. */
export async function findReportedCells(
  db: Queryable,
  cells: { kpiIds: readonly string[]; orgUnitIds: readonly number[]; times: readonly Date[] },
): Promise<Array<{ kpi_id: string; org_unit_id: number; period_start: Date; status: ReportStatus }>> {
  return db.query(
    `SELECT r.kpi_id, r.org_unit_id, r.period_start, r.status
     FROM report r
     JOIN unnest($1::text[], $2::int[], $3::timestamptz[]) AS c(kpi_id, org_unit_id, ts)
       ON r.kpi_id = c.kpi_id AND r.org_unit_id = c.org_unit_id AND r.period_start = c.ts
     WHERE r.status IN ('submitted', 'returned', 'approved')`,
    [cells.kpiIds, cells.orgUnitIds, cells.times],
  );
}

/** A report as the demo seed writes it: submitted, and approved when `approvedAt` is set. */
export interface DemoReportRow extends ReportKey {
  inputs: ReportInputs;
  submittedAt: Date;
  submittedBy: string;
  approvedAt: Date | null;
  approvedBy: string | null;
}

/**
 * Writes many seeded reports and their history (a 'submit' event, and an 'approve' one for the
 * approved) with one statement, at the times given: demo data whose timeliness reads as real.
 */
export async function insertDemoReports(db: Queryable, rows: readonly DemoReportRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `WITH t AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[])
         AS t(kpi_id, org_unit_id, period_start, inputs, submitted_at, submitted_by, approved_at, approved_by)
     ),
     ins AS (
       INSERT INTO report (kpi_id, org_unit_id, period_start, status, inputs, version, submitted_at, submitted_by, approved_at, approved_by, updated_at, updated_by)
       SELECT kpi_id, org_unit_id, period_start, CASE WHEN approved_at IS NULL THEN 'submitted' ELSE 'approved' END, inputs::jsonb,
              CASE WHEN approved_at IS NULL THEN 1 ELSE 2 END, submitted_at, submitted_by, approved_at, approved_by,
              COALESCE(approved_at, submitted_at), COALESCE(approved_by, submitted_by)
       FROM t
       RETURNING id, status, inputs, submitted_at, submitted_by, approved_at, approved_by
     )
     INSERT INTO report_event (report_id, action, from_status, to_status, new_inputs, actor, at)
     SELECT ins.id, e.action, e.from_status, e.to_status, e.new_inputs, e.actor, e.at
     FROM ins CROSS JOIN LATERAL (
       VALUES ('submit', NULL::text, 'submitted', ins.inputs, ins.submitted_by, ins.submitted_at),
              ('approve', 'submitted', 'approved', NULL::jsonb, ins.approved_by, ins.approved_at)
     ) AS e(action, from_status, to_status, new_inputs, actor, at)
     WHERE e.action = 'submit' OR ins.status = 'approved'
     ORDER BY ins.id, e.at`,
    [
      rows.map((r) => r.kpiId),
      rows.map((r) => r.orgUnitId),
      rows.map((r) => r.periodStart),
      rows.map((r) => JSON.stringify(r.inputs)),
      rows.map((r) => r.submittedAt),
      rows.map((r) => r.submittedBy),
      rows.map((r) => r.approvedAt),
      rows.map((r) => r.approvedBy),
    ],
  );
}
