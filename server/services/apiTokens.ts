/**
 * API tokens managed from the admin page: create (the plaintext is returned once and never again),
 * list without secrets, revoke. Administrators manage every token; provincial staff the tokens of
 * their own province's systems (see `canManageApiToken`).
 */
import type { AppContext } from '../appContext';
import { createApiToken } from '../auth/apiTokens';
import { canManageApiToken, requireCan } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { findApiTokenByName, listApiTokens, revokeApiToken, type ApiTokenRow } from '../db/queries/apiTokens';
import { AppError } from '../../shared/errors';

export interface ApiTokenSummary {
  name: string;
  scope: { id: number; code: string; name: string; level: 'nation' | 'province' | 'commune' };
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
  /** to the minute; null when never used */
  lastUsedAt: Date | null;
}

const MANAGE = { vi: 'quản lý mã truy cập API ở phạm vi này', en: 'manage API tokens at this scope' };

function scopeOf(app: AppContext, unitId: number): ApiTokenSummary['scope'] {
  const unit = app.orgUnits().get(unitId);
  return { id: unit.id, code: unit.code, name: unit.name, level: unit.level };
}

export async function createApiTokenFor(
  app: AppContext,
  principal: Principal,
  input: { name: string; scopeUnitCode: string },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const tree = app.orgUnits();
  const scope = tree.byCodeOrUndefined(input.scopeUnitCode.trim());
  if (!scope) throw new AppError('BAD_REQUEST', { vi: `Không có đơn vị mã «${input.scopeUnitCode}»`, en: `Unknown org unit "${input.scopeUnitCode}"` });
  requireCan(canManageApiToken(tree, principal, scope), MANAGE);
  const name = input.name.trim().toLowerCase();
  const { token, row } = await createApiToken(app.db, name, scope.id, principal.name);
  return { token, summary: summarise(app, row) };
}

/** The tokens this principal may manage, newest first, live before revoked. */
export async function listApiTokensFor(app: AppContext, principal: Principal): Promise<ApiTokenSummary[]> {
  const tree = app.orgUnits();
  const scope = tree.get(principal.scopeUnitId);
  const rows = await listApiTokens(app.db, { provinceId: scope.level === 'nation' ? null : scope.provinceId });
  return rows.filter((r) => canManageApiToken(tree, principal, tree.get(r.scope_unit_id))).map((r) => summarise(app, r));
}

export async function revokeApiTokenFor(app: AppContext, principal: Principal, input: { name: string }): Promise<{ revoked: boolean }> {
  const tree = app.orgUnits();
  const row = await findApiTokenByName(app.db, input.name);
  // A token outside the principal's reach is reported as missing, not as forbidden: its name is not theirs to learn.
  if (!row || !canManageApiToken(tree, principal, tree.get(row.scope_unit_id))) {
    throw new AppError('NOT_FOUND', { vi: `Không có mã truy cập «${input.name}»`, en: `No API token named "${input.name}"` });
  }
  return { revoked: await revokeApiToken(app.db, row.name) };
}

function summarise(app: AppContext, r: ApiTokenRow): ApiTokenSummary {
  return {
    name: r.name,
    scope: scopeOf(app, r.scope_unit_id),
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}
