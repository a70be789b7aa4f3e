/**
 * The org-unit tree in memory: nation → provinces → communes. Loaded once from the database
 * (3,356 rows) and replaced when an import changes it; lookups here are what validation and
 * scope checks use on every write.
 */
export type OrgLevel = 'nation' | 'province' | 'commune';
export type OrgKind = 'nation' | 'province' | 'city' | 'commune' | 'ward' | 'special_zone';

export interface OrgUnit {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  parentId: number | null;
  /** the provincial unit it belongs to; itself for a province, null for the nation */
  provinceId: number | null;
  region: string | null;
  synthetic: boolean;
  active: boolean;
}

export class OrgUnitTree {
  readonly nation: OrgUnit;
  private readonly byId = new Map<number, OrgUnit>();
  private readonly byCode = new Map<string, OrgUnit>();
  private readonly children = new Map<number, OrgUnit[]>();

  constructor(units: readonly OrgUnit[]) {
    for (const u of units) {
      this.byId.set(u.id, u);
      this.byCode.set(u.code, u);
      if (u.parentId !== null) {
        const siblings = this.children.get(u.parentId) ?? [];
        siblings.push(u);
        this.children.set(u.parentId, siblings);
      }
    }
    for (const list of this.children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
    const nation = units.find((u) => u.level === 'nation');
    if (!nation) throw new Error('the org-unit tree has no nation');
    this.nation = nation;
  }

  get size(): number {
    return this.byId.size;
  }

  byIdOrUndefined(id: number): OrgUnit | undefined {
    return this.byId.get(id);
  }

  byCodeOrUndefined(code: string): OrgUnit | undefined {
    return this.byCode.get(code);
  }

  get(id: number): OrgUnit {
    const u = this.byId.get(id);
    if (!u) throw new Error(`unknown org unit ${id}`);
    return u;
  }

  childrenOf(id: number): readonly OrgUnit[] {
    return this.children.get(id) ?? [];
  }

  provinces(): readonly OrgUnit[] {
    return this.childrenOf(this.nation.id);
  }

  /** nation › province › commune, starting at the nation */
  pathTo(id: number): OrgUnit[] {
    const path: OrgUnit[] = [];
    for (let u: OrgUnit | undefined = this.get(id); u; u = u.parentId === null ? undefined : this.byId.get(u.parentId)) {
      path.unshift(u);
    }
    return path;
  }

  /** true when `unitId` is `scopeId` or lies below it */
  isWithin(unitId: number, scopeId: number): boolean {
    const scope = this.get(scopeId);
    const unit = this.get(unitId);
    switch (scope.level) {
      case 'nation':
        return true;
      case 'province':
        return unit.provinceId === scope.id;
      case 'commune':
        return unit.id === scope.id;
    }
  }
}
