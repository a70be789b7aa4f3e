/** User management for administrators: create accounts with a role and an org-unit scope. */
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import { createUser } from '../auth/sessions';
import { findUserByUsername, type Role } from '../db/queries/users';
import { AppError } from '../errors';

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
