import { describe, expect, it } from 'vitest';
import { buildSeedOrgUnits, syntheticCommuneCode } from '../../seed/orgUnits';
import { NATION, PROVINCES, REGIONS, TOTAL_COMMUNES } from '../../shared/reference/provinces';

/** The 34 provincial units and their official codes, as listed in the domain brief. */
const OFFICIAL: ReadonlyArray<readonly [string, string]> = [
  ['01', 'Hà Nội'], ['04', 'Cao Bằng'], ['08', 'Tuyên Quang'], ['11', 'Điện Biên'], ['12', 'Lai Châu'],
  ['14', 'Sơn La'], ['15', 'Lào Cai'], ['19', 'Thái Nguyên'], ['20', 'Lạng Sơn'], ['22', 'Quảng Ninh'],
  ['24', 'Bắc Ninh'], ['25', 'Phú Thọ'], ['31', 'Hải Phòng'], ['33', 'Hưng Yên'], ['37', 'Ninh Bình'],
  ['38', 'Thanh Hóa'], ['40', 'Nghệ An'], ['42', 'Hà Tĩnh'], ['44', 'Quảng Trị'], ['46', 'Huế'],
  ['48', 'Đà Nẵng'], ['51', 'Quảng Ngãi'], ['52', 'Gia Lai'], ['56', 'Khánh Hòa'], ['66', 'Đắk Lắk'],
  ['68', 'Lâm Đồng'], ['75', 'Đồng Nai'], ['79', 'Hồ Chí Minh'], ['80', 'Tây Ninh'], ['82', 'Đồng Tháp'],
  ['86', 'Vĩnh Long'], ['91', 'An Giang'], ['92', 'Cần Thơ'], ['96', 'Cà Mau'],
];
/** the six centrally-run cities */
const CITIES = ['01', '31', '46', '48', '79', '92'];

describe('shared/reference/provinces', () => {
  it('lists the 34 provincial units with their official codes and names', () => {
    expect(PROVINCES.map((p) => [p.code, p.name])).toEqual(OFFICIAL);
  });

  it('has six cities and 28 provinces', () => {
    expect(PROVINCES.filter((p) => p.kind === 'city').map((p) => p.code)).toEqual(CITIES);
    expect(PROVINCES.filter((p) => p.kind === 'province')).toHaveLength(28);
  });

  it('commune counts add up to 3,321', () => {
    expect(TOTAL_COMMUNES).toBe(3321);
    expect(PROVINCES.reduce((a, p) => a + p.communeCount, 0)).toBe(3321);
    for (const p of PROVINCES) expect(p.communeCount, p.code).toBeGreaterThan(0);
  });

  it('records the merges of the brief (63 pre-2025 provinces, each once)', () => {
    const merged = PROVINCES.flatMap((p) => p.mergedFrom);
    expect(merged).toHaveLength(63);
    expect(new Set(merged).size).toBe(63);
    const byCode = new Map(PROVINCES.map((p) => [p.code, p.mergedFrom]));
    expect(byCode.get('79')).toEqual(['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa–Vũng Tàu']);
    expect(byCode.get('48')).toEqual(['Đà Nẵng', 'Quảng Nam']);
    expect(byCode.get('46')).toEqual(['Thừa Thiên Huế']);
  });

  it('every region is a known one', () => {
    for (const p of PROVINCES) expect(Object.keys(REGIONS), p.code).toContain(p.region);
  });
});

describe('seed/orgUnits: buildSeedOrgUnits', () => {
  const units = buildSeedOrgUnits();
  const communes = units.filter((u) => u.level === 'commune');

  it('builds the nation, 34 provinces and 3,321 communes, parents first', () => {
    expect(units).toHaveLength(1 + 34 + 3321);
    expect(units[0]).toEqual({ code: 'VN', name: NATION.name, level: 'nation', kind: 'nation', parentCode: null, region: null, synthetic: false });
    expect(units.slice(1, 35).every((u) => u.level === 'province' && u.parentCode === 'VN')).toBe(true);
    expect(communes).toHaveLength(3321);
  });

  it('codes are unique', () => {
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
  });

  it('every parent code names a unit listed before it', () => {
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parentCode !== null) expect(seen.has(u.parentCode), u.code).toBe(true);
      seen.add(u.code);
    }
    for (const c of communes) expect(c.parentCode, c.code).toMatch(/^\d{2}$/);
  });

  it('every commune is clearly synthetic: flagged, X-coded, named "… Mẫu NNN"', () => {
    for (const c of communes) {
      expect(c.synthetic).toBe(true);
      expect(c.code).toMatch(new RegExp(`^X${c.parentCode}\\d{3}$`));
      expect(c.name).toMatch(/^(Phường|Xã|Đặc khu) Mẫu \d{3}$/);
    }
    expect(units.filter((u) => u.level !== 'commune').every((u) => !u.synthetic)).toBe(true);
    expect(syntheticCommuneCode('01', 7)).toBe('X01007');
  });

  it('each province has its own count of communes', () => {
    for (const p of PROVINCES) {
      expect(communes.filter((c) => c.parentCode === p.code), p.code).toHaveLength(p.communeCount);
    }
  });

  it('has 13 special zones, in the provinces that have them', () => {
    const zones = communes.filter((c) => c.kind === 'special_zone');
    expect(zones).toHaveLength(13);
    const perProvince: Record<string, number> = {};
    for (const z of zones) if (z.parentCode) perProvince[z.parentCode] = (perProvince[z.parentCode] ?? 0) + 1;
    expect(perProvince).toEqual({ '22': 2, '31': 2, '44': 1, '48': 1, '51': 1, '56': 1, '68': 1, '79': 1, '91': 3 });
    expect(zones.every((z) => z.name.startsWith('Đặc khu'))).toBe(true);
  });

  it('cities are mostly wards, provinces mostly communes', () => {
    const wardShare = (code: string) => {
      const inUnit = communes.filter((c) => c.parentCode === code);
      return inUnit.filter((c) => c.kind === 'ward').length / inUnit.length;
    };
    // Hồ Chí Minh: round((168 − 1) × 0.45) = 75 wards
    expect(communes.filter((c) => c.parentCode === '79' && c.kind === 'ward')).toHaveLength(75);
    for (const code of CITIES) expect(wardShare(code), code).toBeGreaterThan(0.4);
    for (const p of PROVINCES.filter((p) => p.kind === 'province')) expect(wardShare(p.code), p.code).toBeLessThan(0.2);
  });

  it('communes inherit their province’s region', () => {
    const regionOf = new Map(PROVINCES.map((p) => [p.code, p.region]));
    for (const c of communes) expect(c.region).toBe(regionOf.get(c.parentCode ?? ''));
  });
});
