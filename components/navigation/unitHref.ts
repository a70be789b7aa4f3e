/**
 * The page of an org unit: `/` for the nation, `/province/79`, `/commune/X79001`. No 'use client':
 * links in client components and the server pages' redirects (a unit asked at the wrong level) use it.
 */
import type { OrgUnit } from '../../shared/domain/orgUnitTree';

/** A page's search params as Next passes them to a server page. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** The unit's page, with `search` (every value of every key, in order) kept when given. */
export function unitHref(unit: Pick<OrgUnit, 'level' | 'code'>, search?: SearchParamsRecord): string {
  const path = unit.level === 'nation' ? '/' : unit.level === 'province' ? `/province/${unit.code}` : `/commune/${unit.code}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search ?? {})) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const tail = query.toString();
  return tail ? `${path}?${tail}` : path;
}
