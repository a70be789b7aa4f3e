/**
 * User management for administrators: create accounts with a role and an org-unit scope, list
 * them, disable them (which ends their sessions) and sign them out everywhere.
 */
import { appNow } from '../clock';
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import { createUser } from '../auth/sessions';
import { findUserByUsername, listUsers, revokeAllSessions, setUserDisabled, type Role, type UserRow } from '../db/queries/users';
import { AppError } from '../../shared/errors';

/** The level a role's scope must be at. */
const SCOPE_LEVEL: Record<Role, ReadonlyArray<'nation' | 'province' | 'commune'>> = {
  admin: ['nation'],
  leader: ['nation', 'province'],
  planner: ['nation', 'province'],
  province_staff: ['province'],
  commune_staff: ['commune'],
};

export async function createUserAccount(
  app: AppContext,
  actor: Principal,
  input: { username: string; displayName: string; password: string; role: Role; scopeUnitCode: string },
) {
  const tree = app.orgUnits();
  if (actor.scopeUnitId !== tree.nation.id) {
    throw new AppError('FORBIDDEN', { vi: 'Chỉ quản trị viên cấp quốc gia được tạo tài khoản', en: 'Only a nation-wide administrator may create accounts' });
  }
  const scope = tree.byCodeOrUndefined(input.scopeUnitCode);
  if (!scope) throw new AppError('BAD_REQUEST', { vi: `Không có đơn vị mã «${input.scopeUnitCode}»`, en: `Unknown org unit "${input.scopeUnitCode}"` });
  if (!SCOPE_LEVEL[input.role].includes(scope.level)) {
    throw new AppError('BAD_REQUEST', {
      vi: `Vai trò này không gắn với đơn vị cấp ${scope.level === 'nation' ? 'quốc gia' : scope.level === 'province' ? 'tỉnh' : 'xã'}`,
      en: `This role cannot be scoped to a ${scope.level}`,
    });
  }
  const username = input.username.trim().toLowerCase();
  if (await findUserByUsername(app.db, username)) {
    throw new AppError('BAD_REQUEST', { vi: `Tên đăng nhập «${username}» đã có`, en: `Username "${username}" is taken` });
  }
  const user = await createUser(app, { username, displayName: input.displayName, password: input.password, role: input.role, scopeUnitId: scope.id });
  return { id: user.id, username: user.username, role: user.role, scopeUnitId: user.scope_unit_id };
}

export interface UserSummary {
  username: string;
  displayName: string;
  role: Role;
  scope: { id: number; code: string; name: string; level: 'nation' | 'province' | 'commune' };
  createdAt: Date;
  disabledAt: Date | null;
  activeSessions: number;
  lastSignInAt: Date | null;
}

/** The accounts within the administrator's scope, by username. */
export async function listUserAccounts(app: AppContext, actor: Principal): Promise<UserSummary[]> {
  const tree = app.orgUnits();
  const scope = tree.get(actor.scopeUnitId);
  const now = appNow();
  const rows = await listUsers(app.db, { provinceId: scope.level === 'nation' ? null : scope.provinceId, now });
  return rows
    .filter((r) => tree.isWithin(r.scope_unit_id, actor.scopeUnitId))
    .map((r) => {
      const unit = tree.get(r.scope_unit_id);
      return {
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        scope: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
        createdAt: r.created_at,
        disabledAt: r.disabled_at,
        activeSessions: r.active_sessions,
        lastSignInAt: r.last_sign_in_at,
      };
    });
}

/** The account named, when it lies within the administrator's scope (otherwise: not found). */
async function requireManagedUser(app: AppContext, actor: Principal, username: string): Promise<UserRow> {
  const user = await findUserByUsername(app.db, username.trim().toLowerCase());
  if (!user || !app.orgUnits().isWithin(user.scope_unit_id, actor.scopeUnitId)) {
    throw new AppError('NOT_FOUND', { vi: `Không có tài khoản «${username}»`, en: `No account named "${username}"` });
  }
  return user;
}

/** Disables an account and ends every session it has, in one transaction; an administrator cannot disable themself. */
export async function disableUserAccount(app: AppContext, actor: Principal, username: string): Promise<{ changed: boolean; sessionsEnded: number }> {
  const user = await requireManagedUser(app, actor, username);
  if (actor.name === `user:${user.username}`) {
    throw new AppError('BAD_REQUEST', { vi: 'Bạn không thể tự khoá tài khoản của mình', en: 'You cannot disable your own account' });
  }
  return app.db.transaction(async (tx) => {
    const changed = await setUserDisabled(tx, user.id, true);
    const sessionsEnded = await revokeAllSessions(tx, user.id);
    return { changed, sessionsEnded };
  });
}

export async function enableUserAccount(app: AppContext, actor: Principal, username: string): Promise<{ changed: boolean }> {
  const user = await requireManagedUser(app, actor, username);
  return { changed: await setUserDisabled(app.db, user.id, false) };
}

/** Ends every session of an account (a lost laptop, a shared password): it must sign in again. */
export async function signOutUserEverywhere(app: AppContext, actor: Principal, username: string): Promise<{ sessionsEnded: number }> {
  const user = await requireManagedUser(app, actor, username);
  return { sessionsEnded: await revokeAllSessions(app.db, user.id) };
}
