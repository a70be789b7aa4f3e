/**
 * Who may do what to which org unit. Every rule is a subtree check plus a role check, and every
 * service that writes or reads staff data calls one of these — the UI only hides what they refuse.
 */
import type { OrgUnit, OrgUnitTree } from '../../shared/domain/orgUnitTree';
import { AppError } from '../../shared/errors';
import type { Principal } from './principal';

const SUBMITTERS = new Set(['commune_staff', 'province_staff', 'admin', 'system']);

export function canSee(tree: OrgUnitTree, principal: Principal, unit: OrgUnit): boolean {
  return tree.isWithin(unit.id, principal.scopeUnitId);
}

/** Staff submit for units in their subtree: commune staff their commune, provincial staff their province and its communes. */
export function canSubmit(tree: OrgUnitTree, principal: Principal, unit: OrgUnit): boolean {
  return SUBMITTERS.has(principal.role) && tree.isWithin(unit.id, principal.scopeUnitId);
}

/** Commune reports are approved by their province's staff; provincial reports by an administrator. */
export function canApprove(tree: OrgUnitTree, principal: Principal, unit: OrgUnit): boolean {
  if (principal.role === 'admin') return tree.isWithin(unit.id, principal.scopeUnitId);
  return principal.role === 'province_staff' && unit.level === 'commune' && unit.provinceId === principal.scopeUnitId;
}

export function requireCan(allowed: boolean, what: { vi: string; en: string }): void {
  if (!allowed) throw new AppError('FORBIDDEN', { vi: `Bạn không có quyền ${what.vi}`, en: `You may not ${what.en}` });
}

/**
 * API tokens: an administrator manages any token in their scope; provincial staff manage tokens
 * scoped to their province or its communes (a province's own software), never a wider one.
 */
export function canManageApiToken(tree: OrgUnitTree, principal: Principal, tokenScope: OrgUnit): boolean {
  if (principal.role === 'admin') return tree.isWithin(tokenScope.id, principal.scopeUnitId);
  return principal.role === 'province_staff' && tree.get(principal.scopeUnitId).level === 'province' && tree.isWithin(tokenScope.id, principal.scopeUnitId);
}
