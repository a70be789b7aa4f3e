import type { Queryable } from '../db';

export type Role = 'admin' | 'leader' | 'province_staff' | 'commune_staff' | 'planner';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  scope_unit_id: number;
  failed_attempts: number;
  disabled_at: Date | null;
}

const COLUMNS = 'id, username, display_name, password_hash, role, scope_unit_id, failed_attempts, disabled_at';

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM app_user WHERE username = $1`, [username]))[0];
}

export async function insertUser(
  db: Queryable,
  u: { username: string; displayName: string; passwordHash: string; role: Role; scopeUnitId: number },
): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `INSERT INTO app_user (username, display_name, password_hash, role, scope_unit_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [u.username, u.displayName, u.passwordHash, u.role, u.scopeUnitId],
  );
  return rows[0]!;
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user'))[0]?.n ?? 0;
}

/** Counts a wrong password (accounts are never locked by it: see server/auth/signInThrottle.ts). */
export async function recordFailedSignIn(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE app_user SET failed_attempts = failed_attempts + 1 WHERE id = $1', [userId]);
}

export async function recordSuccessfulSignIn(db: Queryable, userId: number): Promise<void> {
  // locked_until is cleared for accounts locked before sign-ins stopped locking them
  await db.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [userId]);
}

export interface SessionUserRow {
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
  scope_unit_id: number;
}

export async function insertSession(db: Queryable, s: { id: string; userId: number; expiresAt: Date }): Promise<void> {
  await db.query('INSERT INTO user_session (id, user_id, expires_at) VALUES ($1, $2, $3)', [s.id, s.userId, s.expiresAt]);
}

/**
 * The user of a live session (not expired at `now`, not revoked, user not disabled). `now` is the
 * app's clock, the one that set `expires_at`; the database's own clock never decides.
 */
export async function findSessionUser(db: Queryable, sessionId: string, now: Date): Promise<SessionUserRow | undefined> {
  const rows = await db.query<SessionUserRow>(
    `SELECT u.id AS user_id, u.username, u.display_name, u.role, u.scope_unit_id
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [sessionId, now],
  );
  return rows[0];
}

export async function revokeSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

export async function revokeAllSessions(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query<{ id: string }>(
    'UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
    [userId],
  );
  return rows.length;
}

export interface UserListRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  scope_unit_id: number;
  created_at: Date;
  disabled_at: Date | null;
  /** sessions neither expired nor revoked */
  active_sessions: number;
  /** the newest session's start: the last successful sign-in */
  last_sign_in_at: Date | null;
}

/** Accounts whose scope lies in a province (or every account when null), by username; sessions live at `now`. */
export async function listUsers(db: Queryable, q: { provinceId: number | null; now: Date }): Promise<UserListRow[]> {
  return db.query<UserListRow>(
    `SELECT u.id, u.username, u.display_name, u.role, u.scope_unit_id, u.created_at, u.disabled_at,
            count(s.id) FILTER (WHERE s.revoked_at IS NULL AND s.expires_at > $2)::int AS active_sessions,
            max(s.created_at) AS last_sign_in_at
     FROM app_user u
     JOIN org_unit o ON o.id = u.scope_unit_id
     LEFT JOIN user_session s ON s.user_id = u.id
     WHERE $1::int IS NULL OR o.province_id = $1
     GROUP BY u.id
     ORDER BY u.username`,
    [q.provinceId, q.now],
  );
}

/** Disables (or re-enables) an account; returns false when nothing changed. */
export async function setUserDisabled(db: Queryable, userId: number, disabled: boolean): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE app_user SET disabled_at = CASE WHEN $2 THEN now() END
     WHERE id = $1 AND (disabled_at IS NOT NULL) <> $2
     RETURNING id`,
    [userId, disabled],
  );
  return rows.length > 0;
}
