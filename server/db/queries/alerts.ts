import type { Queryable } from '../db';

export interface AlertRow {
  id: number;
  kpi_id: string;
  org_unit_id: number;
  period: Date;
  kind: 'band_drop' | 'outlier';
  value: number;
  reference: string;
  band: string;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  /** when the unit recovered and the episode ended; null while it lasts */
  resolved_at: Date | null;
}

/** open: nobody has looked yet; acknowledged: seen, not recovered; resolved: recovered. */
export type AlertState = 'open' | 'acknowledged' | 'resolved';

const COLUMN_NAMES = ['id', 'kpi_id', 'org_unit_id', 'period', 'kind', 'value', 'reference', 'band', 'created_at', 'acknowledged_at', 'acknowledged_by', 'resolved_at'];
const COLUMNS = COLUMN_NAMES.join(', ');
const A_COLUMNS = COLUMN_NAMES.map((c) => `a.${c}`).join(', ');

/** Inserts an alert unless an unresolved episode of its KPI, unit and kind exists; returns it only when new. */
export async function insertAlert(
  db: Queryable,
  a: Pick<AlertRow, 'kpi_id' | 'org_unit_id' | 'period' | 'kind' | 'value' | 'reference' | 'band' | 'created_at'>,
): Promise<AlertRow | undefined> {
  const rows = await db.query<AlertRow>(
    `INSERT INTO alert (kpi_id, org_unit_id, period, kind, value, reference, band, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (kpi_id, org_unit_id, kind) WHERE resolved_at IS NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [a.kpi_id, a.org_unit_id, a.period, a.kind, a.value, a.reference, a.band, a.created_at],
  );
  return rows[0];
}

/** The unresolved episodes of some (KPI, unit) pairs: `kpiIds[i]` goes with `orgUnitIds[i]`. */
export async function getActiveAlerts(db: Queryable, q: { kpiIds: readonly string[]; orgUnitIds: readonly number[] }): Promise<AlertRow[]> {
  return db.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alert
     WHERE resolved_at IS NULL AND (kpi_id, org_unit_id) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
    [q.kpiIds, q.orgUnitIds],
  );
}

/** Ends an episode: the unit has recovered. */
export async function resolveAlert(db: Queryable, id: number, at: Date): Promise<boolean> {
  const rows = await db.query('UPDATE alert SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL RETURNING id', [id, at]);
  return rows.length > 0;
}

export interface AlertFilter {
  /** within this province's subtree */
  provinceId?: number;
  kpiId?: string;
  kind?: AlertRow['kind'];
  state?: AlertState;
}

/** Open alerts (not acknowledged, not recovered) raised at or after `since` with an id above `afterId`, oldest first, at most `limit`. */
export async function getOpenAlertsSince(db: Queryable, q: { since: Date; afterId: number; limit: number }): Promise<AlertRow[]> {
  return db.query<AlertRow>(
    `SELECT ${A_COLUMNS} FROM alert a
     WHERE a.created_at >= $1 AND a.id > $2 AND a.acknowledged_at IS NULL AND a.resolved_at IS NULL
     ORDER BY a.id LIMIT $3`,
    [q.since, q.afterId, q.limit],
  );
}

/** Alerts matching a filter, newest first, one page of them, with the count of all that match. */
export async function listAlertRows(db: Queryable, q: AlertFilter & { limit: number; offset: number }): Promise<{ rows: AlertRow[]; total: number }> {
  const rows = await db.query<AlertRow & { total: number }>(
    `SELECT ${A_COLUMNS}, count(*) OVER ()::int AS total
     FROM alert a JOIN org_unit u ON u.id = a.org_unit_id
     WHERE ($1::int IS NULL OR u.province_id = $1)
       AND ($2::text IS NULL OR a.kpi_id = $2)
       AND ($3::text IS NULL OR a.kind = $3)
       AND CASE $4::text
             WHEN 'open' THEN a.acknowledged_at IS NULL AND a.resolved_at IS NULL
             WHEN 'acknowledged' THEN a.acknowledged_at IS NOT NULL AND a.resolved_at IS NULL
             WHEN 'resolved' THEN a.resolved_at IS NOT NULL
             ELSE true
           END
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT $5 OFFSET $6`,
    [q.provinceId ?? null, q.kpiId ?? null, q.kind ?? null, q.state ?? null, q.limit, q.offset],
  );
  // A page past the end has no row to carry the count: count separately only then.
  if (rows.length === 0 && q.offset > 0) return { rows: [], total: (await listAlertRows(db, { ...q, offset: 0, limit: 1 })).total };
  return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function getAlert(db: Queryable, id: number): Promise<AlertRow | undefined> {
  return (await db.query<AlertRow>(`SELECT ${COLUMNS} FROM alert WHERE id = $1`, [id]))[0];
}

/** Acknowledges an open alert; returns undefined when it was already acknowledged or does not exist. */
export async function acknowledgeAlert(db: Queryable, id: number, by: string, at: Date): Promise<AlertRow | undefined> {
  const rows = await db.query<AlertRow>(
    `UPDATE alert SET acknowledged_at = $3, acknowledged_by = $2
     WHERE id = $1 AND acknowledged_at IS NULL RETURNING ${COLUMNS}`,
    [id, by, at],
  );
  return rows[0];
}
