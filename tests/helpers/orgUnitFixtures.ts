/**
 * The seeded org-unit tree in memory, for unit tests that need real codes without a database.
 * Ids are assigned in seed order, parents before children: the nation is 1, the 34 provinces
 * 2–35 (in the order of shared/reference/provinces.ts), the communes 36 onwards.
 */
import { buildSeedOrgUnits } from '../../seed/orgUnits';
import { OrgUnitTree, type OrgUnit } from '../../shared/domain/orgUnitTree';

export const NATION_ID = 1;

export interface SeedTreeOptions {
  /** codes of units to mark inactive (e.g. a commune merged away) */
  inactiveCodes?: readonly string[];
}

/** The seeded units as the database would load them: ids, parent ids and province ids filled in. */
function seedOrgUnitList(options: SeedTreeOptions = {}): OrgUnit[] {
  const inactive = new Set(options.inactiveCodes ?? []);
  const byCode = new Map<string, OrgUnit>();
  return buildSeedOrgUnits().map((u, i) => {
    const parent = u.parentCode === null ? undefined : byCode.get(u.parentCode);
    if (u.parentCode !== null && !parent) throw new Error(`seed unit ${u.code} comes before its parent ${u.parentCode}`);
    const id = i + 1;
    const unit: OrgUnit = {
      id,
      code: u.code,
      name: u.name,
      level: u.level,
      kind: u.kind,
      parentId: parent?.id ?? null,
      provinceId: u.level === 'nation' ? null : u.level === 'province' ? id : (parent?.provinceId ?? null),
      region: u.region,
      synthetic: u.synthetic,
      active: !inactive.has(u.code),
    };
    byCode.set(unit.code, unit);
    return unit;
  });
}

/** The seeded tree: nation → 34 provinces → 3,321 synthetic communes, all active unless told. */
export function seedTree(options: SeedTreeOptions = {}): OrgUnitTree {
  return new OrgUnitTree(seedOrgUnitList(options));
}
