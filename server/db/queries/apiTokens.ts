import type { Queryable } from '../db';

export interface ApiTokenRow {
  id: number;
  name: string;
  scope_unit_id: number;
  created_at: Date;
  revoked_at: Date | null;
}

export async function insertApiToken(db: Queryable, t: { name: string; tokenSha256: string; scopeUnitId: number }): Promise<ApiTokenRow> {
  const rows = await db.query<ApiTokenRow>(
    `INSERT INTO api_token (name, token_sha256, scope_unit_id) VALUES ($1, $2, $3)
     RETURNING id, name, scope_unit_id, created_at, revoked_at`,
    [t.name, t.tokenSha256, t.scopeUnitId],
  );
  return rows[0]!;
}

export async function findActiveApiToken(db: Queryable, tokenSha256: string): Promise<ApiTokenRow | undefined> {
  const rows = await db.query<ApiTokenRow>(
    `SELECT id, name, scope_unit_id, created_at, revoked_at FROM api_token
     WHERE token_sha256 = $1 AND revoked_at IS NULL`,
    [tokenSha256],
  );
  return rows[0];
}

export async function revokeApiToken(db: Queryable, name: string): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE api_token SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length > 0;
}
