/**
 * Password sign-in with server-side sessions. The cookie holds 256 random bits; the database keeps
 * only their SHA-256, so a leaked table opens no session. Passwords are hashed with argon2id.
 * Guessing is slowed per address, per address and username, and per username, never by locking
 * the account (see signInThrottle.ts).
 * Mutations made with the cookie must echo the CSRF cookie in a header (double submit).
 */
import { appNow } from '../clock';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { AppContext } from '../appContext';
import {
  findSessionUser,
  findUserByUsername,
  insertSession,
  insertUser,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  revokeAllSessions,
  revokeSession,
  type Role,
} from '../db/queries/users';
import { AppError } from '../../shared/errors';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'lt_session';
export const CSRF_COOKIE = 'lt_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_DAYS = 7;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createUser(
  app: AppContext,
  u: { username: string; displayName: string; password: string; role: Role; scopeUnitId: number },
) {
  if (u.password.length < 10) {
    throw new AppError('BAD_REQUEST', { vi: 'Mật khẩu phải có ít nhất 10 ký tự', en: 'The password must have at least 10 characters' });
  }
  return insertUser(app.db, { ...u, passwordHash: await hashPassword(u.password) });
}

const WRONG_CREDENTIALS = { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' };

/** the administrator that BOOTSTRAP_ADMIN_PASSWORD creates */
const BOOTSTRAP_ADMIN_USERNAME = 'quantri';

/** Creates the first nation-wide administrator unless an account already has its name (idempotent). */
export async function ensureBootstrapAdmin(app: AppContext, password: string): Promise<void> {
  if (await findUserByUsername(app.db, BOOTSTRAP_ADMIN_USERNAME)) return;
  await createUser(app, { username: BOOTSTRAP_ADMIN_USERNAME, displayName: 'Quản trị hệ thống', password, role: 'admin', scopeUnitId: app.orgUnits().nation.id });
  console.log(`[auth] administrator ${BOOTSTRAP_ADMIN_USERNAME} created from BOOTSTRAP_ADMIN_PASSWORD`);
}

export interface SignedIn {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
  displayName: string;
}

/**
 * Checks a password. Unknown, disabled and existing accounts answer alike: a wrong password is
 * 401 and too many tries are 429 for all three, since the throttle counts usernames as typed.
 */
export async function signIn(app: AppContext, q: { username: string; password: string; clientKey: string }): Promise<SignedIn> {
  const username = q.username.trim().toLowerCase();
  const verdict = app.signInThrottle.check(q.clientKey, username);
  if (!verdict.allowed) {
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new AppError('RATE_LIMITED', {
      vi: `Quá nhiều lần đăng nhập sai; thử lại sau ${seconds} giây`,
      en: `Too many failed sign-ins; try again in ${seconds} s`,
    });
  }
  const user = await findUserByUsername(app.db, username);
  if (!user || user.disabled_at) {
    await hash(q.password); // same work as a real check, so timing does not reveal usernames
    app.signInThrottle.recordFailure(q.clientKey, username);
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  if (!(await verify(user.password_hash, q.password))) {
    app.signInThrottle.recordFailure(q.clientKey, username);
    await recordFailedSignIn(app.db, user.id);
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  app.signInThrottle.recordSuccess(q.clientKey, username);
  await recordSuccessfulSignIn(app.db, user.id);
  const sessionToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(appNow().getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(app.db, { id: sessionId(sessionToken), userId: user.id, expiresAt });
  return {
    sessionToken,
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt,
    principal: { kind: 'user', name: `user:${user.username}`, scopeUnitId: user.scope_unit_id, role: user.role },
    displayName: user.display_name,
  };
}

export interface SessionUser {
  principal: Principal;
  userId: number;
  username: string;
  displayName: string;
  sessionId: string;
}

/** The signed-in user behind a request's cookies, if any. */
export async function sessionFromCookies(app: AppContext, cookieHeader: string | undefined): Promise<SessionUser | undefined> {
  const token = parseCookie(cookieHeader ?? '')[SESSION_COOKIE];
  if (!token) return undefined;
  const id = sessionId(token);
  const row = await findSessionUser(app.db, id, appNow());
  if (!row) return undefined;
  return {
    principal: { kind: 'user', name: `user:${row.username}`, scopeUnitId: row.scope_unit_id, role: row.role },
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    sessionId: id,
  };
}

/** Double-submit check: the header must equal the CSRF cookie. */
export function csrfValid(cookieHeader: string | undefined, headerValue: string | undefined): boolean {
  const cookie = parseCookie(cookieHeader ?? '')[CSRF_COOKIE];
  if (!cookie || !headerValue || cookie.length !== headerValue.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(headerValue));
}

export function signOut(app: AppContext, session: SessionUser): Promise<void> {
  return revokeSession(app.db, session.sessionId);
}

export function signOutEverywhere(app: AppContext, session: SessionUser): Promise<number> {
  return revokeAllSessions(app.db, session.userId);
}

/** Set-Cookie values for a new session (or, with `null`, for signing out). */
export function sessionCookies(signedIn: Pick<SignedIn, 'sessionToken' | 'csrfToken' | 'expiresAt'> | null, secure: boolean): string[] {
  const base = { path: '/', sameSite: 'lax' as const, secure };
  if (!signedIn) {
    return [
      stringifySetCookie({ name: SESSION_COOKIE, value: '', ...base, httpOnly: true, maxAge: 0 }),
      stringifySetCookie({ name: CSRF_COOKIE, value: '', ...base, maxAge: 0 }),
    ];
  }
  return [
    stringifySetCookie({ name: SESSION_COOKIE, value: signedIn.sessionToken, ...base, httpOnly: true, expires: signedIn.expiresAt }),
    // readable by the page's script, which echoes it in the CSRF header
    stringifySetCookie({ name: CSRF_COOKIE, value: signedIn.csrfToken, ...base, expires: signedIn.expiresAt }),
  ];
}
