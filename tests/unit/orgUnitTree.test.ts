import { describe, expect, it } from 'vitest';
import { OrgUnitTree, type OrgUnit } from '../../shared/domain/orgUnitTree';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

/** A tiny tree, inserted out of order: nation 1; provinces 79 (id 3) and 01 (id 2); three communes. */
function unit(id: number, code: string, level: OrgUnit['level'], parentId: number | null, provinceId: number | null): OrgUnit {
  const kind = level === 'nation' ? 'nation' : level === 'province' ? 'province' : 'commune';
  return { id, code, name: `Đơn vị ${code}`, level, kind, parentId, provinceId, region: null, synthetic: false, active: true };
}
const small = new OrgUnitTree([
  unit(12, 'X01002', 'commune', 2, 2),
  unit(3, '79', 'province', 1, 3),
  unit(11, 'X01001', 'commune', 2, 2),
  unit(1, 'VN', 'nation', null, null),
  unit(2, '01', 'province', 1, 2),
  unit(31, 'X79001', 'commune', 3, 3),
]);

describe('OrgUnitTree', () => {
  it('finds the nation, and refuses a tree without one', () => {
    expect(small.nation.code).toBe('VN');
    expect(() => new OrgUnitTree([unit(2, '01', 'province', 1, 2)])).toThrow('no nation');
  });

  it('looks units up by id and code', () => {
    expect(small.size).toBe(6);
    expect(small.get(11).code).toBe('X01001');
    expect(small.byCodeOrUndefined('79')?.id).toBe(3);
    expect(small.byCodeOrUndefined('80')).toBeUndefined();
    expect(small.byIdOrUndefined(99)).toBeUndefined();
    expect(() => small.get(99)).toThrow('unknown org unit 99');
  });

  it('lists children sorted by code, whatever the insertion order', () => {
    expect(small.childrenOf(1).map((u) => u.code)).toEqual(['01', '79']);
    expect(small.childrenOf(2).map((u) => u.code)).toEqual(['X01001', 'X01002']);
    expect(small.childrenOf(11)).toEqual([]);
    expect(small.provinces().map((u) => u.id)).toEqual([2, 3]);
  });

  it('pathTo runs from the nation down to the unit', () => {
    expect(small.pathTo(12).map((u) => u.code)).toEqual(['VN', '01', 'X01002']);
    expect(small.pathTo(3).map((u) => u.code)).toEqual(['VN', '79']);
    expect(small.pathTo(1).map((u) => u.code)).toEqual(['VN']);
  });

  it('isWithin: the nation scope holds every unit', () => {
    for (const id of [1, 2, 3, 11, 12, 31]) expect(small.isWithin(id, 1)).toBe(true);
  });

  it('isWithin: a province scope holds itself and its communes only', () => {
    expect([1, 2, 3, 11, 12, 31].filter((id) => small.isWithin(id, 2))).toEqual([2, 11, 12]);
  });

  it('isWithin: a commune scope holds itself only', () => {
    expect([1, 2, 3, 11, 12, 31].filter((id) => small.isWithin(id, 11))).toEqual([11]);
  });

  it('isWithin throws on an unknown unit or scope', () => {
    expect(() => small.isWithin(99, 1)).toThrow();
    expect(() => small.isWithin(2, 99)).toThrow();
  });
});

describe('OrgUnitTree over the seeded units', () => {
  const tree = seedTree();

  it('has the nation, 34 provinces sorted by code, and 3,321 communes', () => {
    expect(tree.size).toBe(1 + 34 + 3321);
    expect(tree.nation.id).toBe(NATION_ID);
    const codes = tree.provinces().map((p) => p.code);
    expect(codes).toHaveLength(34);
    expect(codes).toEqual([...codes].sort());
    expect(codes[0]).toBe('01');
    expect(codes[33]).toBe('96');
  });

  it('places a commune under its province', () => {
    const hcm = tree.byCodeOrUndefined('79');
    const commune = tree.byCodeOrUndefined('X79168');
    if (!hcm || !commune) throw new Error('seeded units missing');
    expect(tree.childrenOf(hcm.id)).toHaveLength(168);
    expect(tree.pathTo(commune.id).map((u) => u.code)).toEqual(['VN', '79', 'X79168']);
    expect(tree.isWithin(commune.id, hcm.id)).toBe(true);
    expect(tree.isWithin(commune.id, tree.byCodeOrUndefined('01')?.id ?? -1)).toBe(false);
  });
});
