/**
 * API tokens for systems that post measurements (a province's one-stop-shop software, the demo
 * simulator's curl examples). The plaintext is shown once at creation; only its SHA-256 is stored
 * (tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db';
import { findActiveApiToken, insertApiToken } from '../db/queries/apiTokens';
import type { Principal } from './principal';

const PREFIX = 'lt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(db: Queryable, name: string, scopeUnitId: number): Promise<{ token: string; id: number }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await insertApiToken(db, { name, tokenSha256: hashToken(token), scopeUnitId });
  return { token, id: row.id };
}

/** Registers a token whose value comes from the environment (idempotent). */
export async function ensureApiToken(db: Queryable, name: string, token: string, scopeUnitId: number): Promise<void> {
  await db.query(
    `INSERT INTO api_token (name, token_sha256, scope_unit_id) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET token_sha256 = excluded.token_sha256, scope_unit_id = excluded.scope_unit_id, revoked_at = NULL`,
    [name, hashToken(token), scopeUnitId],
  );
}

/** The principal behind an `Authorization: Bearer …` header, or undefined. */
export async function authenticateBearer(db: Queryable, authorization: string | undefined | null): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match || !match[1]!.startsWith(PREFIX)) return undefined;
  const row = await findActiveApiToken(db, hashToken(match[1]!));
  return row ? { kind: 'token', name: `token:${row.name}`, scopeUnitId: row.scope_unit_id, role: 'system' } : undefined;
}
