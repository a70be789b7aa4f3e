/**
 * A unit as messages name it: its name, its code and, for a commune, its province. Two provinces
 * can both have a "Phường Mẫu 001", so the name alone does not say which one a message means.
 */
import type { OrgUnit, OrgUnitTree } from './orgUnitTree';

export function describeUnit(tree: OrgUnitTree, unit: OrgUnit): { vi: string; en: string } {
  const province = unit.level === 'commune' && unit.provinceId !== null ? tree.byIdOrUndefined(unit.provinceId) : undefined;
  return province
    ? { vi: `${unit.name} (mã ${unit.code}, ${province.name})`, en: `${unit.name} (code ${unit.code}, ${province.name})` }
    : { vi: `${unit.name} (mã ${unit.code})`, en: `${unit.name} (code ${unit.code})` };
}
