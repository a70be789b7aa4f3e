import type { Queryable } from '../db';

export interface ApiTokenRow {
  id: number;
  name: string;
  scope_unit_id: number;
  created_at: Date;
  revoked_at: Date | null;
  /** the principal that created it (`user:quantri`); null for tokens registered from the environment */
  created_by: string | null;
  /** the last request it authenticated, to the minute; null when never used */
  last_used_at: Date | null;
}

const COLUMNS = 'id, name, scope_unit_id, created_at, revoked_at, created_by, last_used_at';

/** Creates a token, or returns undefined when the name is taken (by a live or a revoked token). */
export async function insertApiToken(
  db: Queryable,
  t: { name: string; tokenSha256: string; scopeUnitId: number; createdBy?: string | null },
): Promise<ApiTokenRow | undefined> {
  const rows = await db.query<ApiTokenRow>(
    `INSERT INTO api_token (name, token_sha256, scope_unit_id, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO NOTHING
     RETURNING ${COLUMNS}`,
    [t.name, t.tokenSha256, t.scopeUnitId, t.createdBy ?? null],
  );
  return rows[0];
}

export async function findActiveApiToken(db: Queryable, tokenSha256: string): Promise<ApiTokenRow | undefined> {
  const rows = await db.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_token WHERE token_sha256 = $1 AND revoked_at IS NULL`, [tokenSha256]);
  return rows[0];
}

export async function findApiTokenByName(db: Queryable, name: string): Promise<ApiTokenRow | undefined> {
  return (await db.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_token WHERE name = $1`, [name]))[0];
}

/** Tokens whose scope lies in a province (the province or its communes), or every token when null; newest first. */
export async function listApiTokens(db: Queryable, q: { provinceId: number | null }): Promise<ApiTokenRow[]> {
  return db.query<ApiTokenRow>(
    `SELECT ${COLUMNS.split(', ').map((c) => `t.${c}`).join(', ')}
     FROM api_token t JOIN org_unit u ON u.id = t.scope_unit_id
     WHERE $1::int IS NULL OR u.province_id = $1
     ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC`,
    [q.provinceId],
  );
}

export async function touchApiToken(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [id]);
}

export async function revokeApiToken(db: Queryable, name: string): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE api_token SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length > 0;
}
