import type { Queryable } from '../db';
import type { OrgKind, OrgLevel, OrgUnit } from '../../../shared/domain/orgUnitTree';

interface OrgUnitRow {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  parent_id: number | null;
  province_id: number | null;
  region: string | null;
  synthetic: boolean;
  active: boolean;
}

export async function loadOrgUnits(db: Queryable): Promise<OrgUnit[]> {
  const rows = await db.query<OrgUnitRow>(
    `SELECT id, code, name, level, kind, parent_id, province_id, region, synthetic, active
     FROM org_unit ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentId: r.parent_id,
    provinceId: r.province_id,
    region: r.region,
    synthetic: r.synthetic,
    active: r.active,
  }));
}

/** A unit to create or update, identified by its code; parents are named by code too. */
export interface OrgUnitUpsert {
  code: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  parentCode: string | null;
  region: string | null;
  synthetic: boolean;
}

/**
 * Creates or updates units by code, parents before children (the order given). A unit keeps its
 * id — and so its data — when its code is unchanged.
 */
export async function upsertOrgUnits(db: Queryable, units: readonly OrgUnitUpsert[]): Promise<void> {
  for (const level of ['nation', 'province', 'commune'] as const) {
    const batch = units.filter((u) => u.level === level);
    if (batch.length === 0) continue;
    await db.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
           AS t(code, name, level, kind, parent_code, region, synthetic)
       )
       INSERT INTO org_unit (code, name, level, kind, parent_id, province_id, region, synthetic, active)
       SELECT i.code, i.name, i.level, i.kind, p.id,
              CASE WHEN i.level = 'commune' THEN p.id END,
              i.region, i.synthetic, true
       FROM input i LEFT JOIN org_unit p ON p.code = i.parent_code
       ON CONFLICT (code) DO UPDATE SET
         name = excluded.name, level = excluded.level, kind = excluded.kind, parent_id = excluded.parent_id,
         province_id = excluded.province_id, region = excluded.region, synthetic = excluded.synthetic, active = true`,
      [
        batch.map((u) => u.code),
        batch.map((u) => u.name),
        batch.map((u) => u.level),
        batch.map((u) => u.kind),
        batch.map((u) => u.parentCode),
        batch.map((u) => u.region),
        batch.map((u) => u.synthetic),
      ],
    );
    if (level === 'province') {
      // a province is its own provincial unit
      await db.query(`UPDATE org_unit SET province_id = id WHERE level = 'province' AND province_id IS DISTINCT FROM id`);
    }
  }
}

/** Deactivates the active communes not listed (they stop taking submissions; their history stays); returns their codes, in order. */
/** How many communes are active now (inside a transaction: as that transaction sees them). */
export async function countActiveCommunes(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_unit WHERE level = 'commune' AND active`);
  return row?.n ?? 0;
}

export async function deactivateCommunesExcept(db: Queryable, keepCodes: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `UPDATE org_unit SET active = false
     WHERE level = 'commune' AND active AND NOT (code = ANY($1::text[]))
     RETURNING code`,
    [keepCodes],
  );
  return rows.map((r) => r.code).sort();
}
