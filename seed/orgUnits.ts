/**
 * The org units to seed: the nation, the 34 provincial units and 3,321 clearly synthetic communes
 * (codes `X` + province code + sequence, names "… Mẫu NNN"), with a realistic mix of wards,
 * communes and special zones. An administrator replaces the communes with the official list by
 * importing a CSV (server/services/importOrgUnits.ts).
 */
import type { OrgUnitUpsert } from '../server/db/queries/orgUnits';
import { NATION, PROVINCES } from '../shared/reference/provinces';

/** Special zones (đặc khu) per province after the 2025 reorganisation; 13 in all. */
const SPECIAL_ZONES: Readonly<Record<string, number>> = { '22': 2, '31': 2, '44': 1, '48': 1, '51': 1, '56': 1, '68': 1, '79': 1, '91': 3 };

/** Share of wards among a unit's communes: cities are mostly urban. */
const WARD_SHARE = { city: 0.45, province: 0.14 } as const;

export function syntheticCommuneCode(provinceCode: string, seq: number): string {
  return `X${provinceCode}${String(seq).padStart(3, '0')}`;
}

export function buildSeedOrgUnits(): OrgUnitUpsert[] {
  const units: OrgUnitUpsert[] = [
    { code: NATION.code, name: NATION.name, level: 'nation', kind: 'nation', parentCode: null, region: null, synthetic: false },
  ];
  for (const p of PROVINCES) {
    units.push({ code: p.code, name: p.name, level: 'province', kind: p.kind, parentCode: NATION.code, region: p.region, synthetic: false });
  }
  for (const p of PROVINCES) {
    const zones = SPECIAL_ZONES[p.code] ?? 0;
    const wards = Math.round((p.communeCount - zones) * WARD_SHARE[p.kind]);
    for (let seq = 1; seq <= p.communeCount; seq++) {
      const kind = seq <= wards ? 'ward' : seq > p.communeCount - zones ? 'special_zone' : 'commune';
      const title = kind === 'ward' ? 'Phường' : kind === 'special_zone' ? 'Đặc khu' : 'Xã';
      units.push({
        code: syntheticCommuneCode(p.code, seq),
        name: `${title} Mẫu ${String(seq).padStart(3, '0')}`,
        level: 'commune',
        kind,
        parentCode: p.code,
        region: p.region,
        synthetic: true,
      });
    }
  }
  return units;
}
