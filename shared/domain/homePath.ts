import type { OrgUnit } from './orgUnitTree';

/** Where a user scoped to a unit lands: the nation's overview, or their own province or commune. */
export function homePath(scope: Pick<OrgUnit, 'level' | 'code'>): string {
  if (scope.level === 'province') return `/province/${scope.code}`;
  if (scope.level === 'commune') return `/commune/${scope.code}`;
  return '/';
}
