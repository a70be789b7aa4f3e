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
}

const COLUMNS = 'id, kpi_id, org_unit_id, period, kind, value, reference, band, created_at, acknowledged_at, acknowledged_by';

/** Inserts an alert unless the same one exists; returns it only when new. */
export async function insertAlert(
  db: Queryable,
  a: Pick<AlertRow, 'kpi_id' | 'org_unit_id' | 'period' | 'kind' | 'value' | 'reference' | 'band'>,
): Promise<AlertRow | undefined> {
  const rows = await db.query<AlertRow>(
    `INSERT INTO alert (kpi_id, org_unit_id, period, kind, value, reference, band)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (kpi_id, org_unit_id, period, kind) DO NOTHING
     RETURNING ${COLUMNS}`,
    [a.kpi_id, a.org_unit_id, a.period, a.kind, a.value, a.reference, a.band],
  );
  return rows[0];
}

/** Open alerts, newest first; within a province's subtree when `provinceId` is given. */
export async function listOpenAlerts(db: Queryable, q: { provinceId?: number; limit: number }): Promise<AlertRow[]> {
  return db.query<AlertRow>(
    `SELECT ${COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}
     FROM alert a JOIN org_unit u ON u.id = a.org_unit_id
     WHERE a.acknowledged_at IS NULL AND ($1::int IS NULL OR u.province_id = $1)
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT $2`,
    [q.provinceId ?? null, q.limit],
  );
}

export async function getAlert(db: Queryable, id: number): Promise<AlertRow | undefined> {
  return (await db.query<AlertRow>(`SELECT ${COLUMNS} FROM alert WHERE id = $1`, [id]))[0];
}

/** Acknowledges an open alert; returns undefined when it was already acknowledged or does not exist. */
export async function acknowledgeAlert(db: Queryable, id: number, by: string): Promise<AlertRow | undefined> {
  const rows = await db.query<AlertRow>(
    `UPDATE alert SET acknowledged_at = now(), acknowledged_by = $2
     WHERE id = $1 AND acknowledged_at IS NULL RETURNING ${COLUMNS}`,
    [id, by],
  );
  return rows[0];
}
