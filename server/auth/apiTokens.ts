/**
 * API tokens for systems that post measurements (a province's one-stop-shop software, the demo
 * simulator's curl examples). The plaintext is shown once at creation; only its SHA-256 is stored
 * (tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db';
import { findActiveApiToken, insertApiToken, touchApiToken, type ApiTokenRow } from '../db/queries/apiTokens';
import { AppError } from '../../shared/errors';
import type { Principal } from './principal';

const PREFIX = 'lt_';
/** `last_used_at` is written at most this often per token, so that a busy feed does not write on every request; ms */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * token hash → when this process last wrote its `last_used_at` (ms since epoch). On globalThis:
 * Next bundles its own copy of this module (server components authenticate too), and the
 * process must keep one record.
 */
const touchedHolder = globalThis as typeof globalThis & { __lienthongTokenLastTouched?: Map<string, number> };
const lastTouched = (touchedHolder.__lienthongTokenLastTouched ??= new Map());

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(db: Queryable, name: string, scopeUnitId: number, createdBy: string | null = null): Promise<{ token: string; id: number; row: ApiTokenRow }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await insertApiToken(db, { name, tokenSha256: hashToken(token), scopeUnitId, createdBy });
  if (!row) {
    throw new AppError('BAD_REQUEST', {
      vi: `Tên mã truy cập «${name}» đã được dùng (kể cả mã đã thu hồi); hãy chọn tên khác`,
      en: `The token name "${name}" is taken (revoked tokens keep their names); choose another`,
    });
  }
  return { token, id: row.id, row };
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
  const tokenSha256 = hashToken(match[1]!);
  const row = await findActiveApiToken(db, tokenSha256);
  if (!row) return undefined;
  const now = Date.now();
  if (now - (lastTouched.get(tokenSha256) ?? 0) >= LAST_USED_RESOLUTION_MS) {
    lastTouched.set(tokenSha256, now);
    await touchApiToken(db, row.id);
  }
  return { kind: 'token', name: `token:${row.name}`, scopeUnitId: row.scope_unit_id, role: 'system' };
}
