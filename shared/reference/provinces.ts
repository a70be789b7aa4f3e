/**
 * The 34 provincial-level units in force since 2025-07-01, with their official administrative
 * codes, the pre-2025 provinces merged into each (for history and for building the map from older
 * boundaries) and their socio-economic region. The one definition of the provincial level: the
 * seed, the map build and the UI all derive from it.
 *
 * `communeCount` is the number of commune-level units (communes, wards, special zones) after the
 * 2025 reorganisation; the counts add up to 3,321. Commune names are not shipped: the seed makes
 * clearly synthetic ones, and an administrator imports the official list later.
 */

export const REGIONS = {
  northern_midlands: { vi: 'Trung du và miền núi phía Bắc', en: 'Northern midlands and mountains' },
  red_river_delta: { vi: 'Đồng bằng sông Hồng', en: 'Red River Delta' },
  north_central_coast: { vi: 'Bắc Trung Bộ và duyên hải miền Trung', en: 'North Central and Central Coast' },
  central_highlands: { vi: 'Tây Nguyên', en: 'Central Highlands' },
  south_east: { vi: 'Đông Nam Bộ', en: 'South East' },
  mekong_delta: { vi: 'Đồng bằng sông Cửu Long', en: 'Mekong Delta' },
} as const;
export type RegionId = keyof typeof REGIONS;

export interface Province {
  /** official two-digit administrative code */
  code: string;
  name: string;
  kind: 'province' | 'city';
  region: RegionId;
  /** pre-2025 provinces merged into this unit, as named in boundary data */
  mergedFrom: readonly string[];
  communeCount: number;
}

export const PROVINCES: readonly Province[] = [
  { code: '01', name: 'Hà Nội', kind: 'city', region: 'red_river_delta', mergedFrom: ['Hà Nội'], communeCount: 126 },
  { code: '04', name: 'Cao Bằng', kind: 'province', region: 'northern_midlands', mergedFrom: ['Cao Bằng'], communeCount: 56 },
  { code: '08', name: 'Tuyên Quang', kind: 'province', region: 'northern_midlands', mergedFrom: ['Tuyên Quang', 'Hà Giang'], communeCount: 124 },
  { code: '11', name: 'Điện Biên', kind: 'province', region: 'northern_midlands', mergedFrom: ['Điện Biên'], communeCount: 45 },
  { code: '12', name: 'Lai Châu', kind: 'province', region: 'northern_midlands', mergedFrom: ['Lai Châu'], communeCount: 38 },
  { code: '14', name: 'Sơn La', kind: 'province', region: 'northern_midlands', mergedFrom: ['Sơn La'], communeCount: 75 },
  { code: '15', name: 'Lào Cai', kind: 'province', region: 'northern_midlands', mergedFrom: ['Lào Cai', 'Yên Bái'], communeCount: 99 },
  { code: '19', name: 'Thái Nguyên', kind: 'province', region: 'northern_midlands', mergedFrom: ['Thái Nguyên', 'Bắc Kạn'], communeCount: 92 },
  { code: '20', name: 'Lạng Sơn', kind: 'province', region: 'northern_midlands', mergedFrom: ['Lạng Sơn'], communeCount: 65 },
  { code: '22', name: 'Quảng Ninh', kind: 'province', region: 'red_river_delta', mergedFrom: ['Quảng Ninh'], communeCount: 54 },
  { code: '24', name: 'Bắc Ninh', kind: 'province', region: 'red_river_delta', mergedFrom: ['Bắc Ninh', 'Bắc Giang'], communeCount: 99 },
  { code: '25', name: 'Phú Thọ', kind: 'province', region: 'northern_midlands', mergedFrom: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'], communeCount: 148 },
  { code: '31', name: 'Hải Phòng', kind: 'city', region: 'red_river_delta', mergedFrom: ['Hải Phòng', 'Hải Dương'], communeCount: 114 },
  { code: '33', name: 'Hưng Yên', kind: 'province', region: 'red_river_delta', mergedFrom: ['Hưng Yên', 'Thái Bình'], communeCount: 104 },
  { code: '37', name: 'Ninh Bình', kind: 'province', region: 'red_river_delta', mergedFrom: ['Ninh Bình', 'Hà Nam', 'Nam Định'], communeCount: 129 },
  { code: '38', name: 'Thanh Hóa', kind: 'province', region: 'north_central_coast', mergedFrom: ['Thanh Hóa'], communeCount: 166 },
  { code: '40', name: 'Nghệ An', kind: 'province', region: 'north_central_coast', mergedFrom: ['Nghệ An'], communeCount: 130 },
  { code: '42', name: 'Hà Tĩnh', kind: 'province', region: 'north_central_coast', mergedFrom: ['Hà Tĩnh'], communeCount: 69 },
  { code: '44', name: 'Quảng Trị', kind: 'province', region: 'north_central_coast', mergedFrom: ['Quảng Trị', 'Quảng Bình'], communeCount: 78 },
  { code: '46', name: 'Huế', kind: 'city', region: 'north_central_coast', mergedFrom: ['Thừa Thiên Huế'], communeCount: 40 },
  { code: '48', name: 'Đà Nẵng', kind: 'city', region: 'north_central_coast', mergedFrom: ['Đà Nẵng', 'Quảng Nam'], communeCount: 94 },
  { code: '51', name: 'Quảng Ngãi', kind: 'province', region: 'north_central_coast', mergedFrom: ['Quảng Ngãi', 'Kon Tum'], communeCount: 96 },
  { code: '52', name: 'Gia Lai', kind: 'province', region: 'central_highlands', mergedFrom: ['Gia Lai', 'Bình Định'], communeCount: 135 },
  { code: '56', name: 'Khánh Hòa', kind: 'province', region: 'north_central_coast', mergedFrom: ['Khánh Hòa', 'Ninh Thuận'], communeCount: 65 },
  { code: '66', name: 'Đắk Lắk', kind: 'province', region: 'central_highlands', mergedFrom: ['Đắk Lắk', 'Phú Yên'], communeCount: 102 },
  { code: '68', name: 'Lâm Đồng', kind: 'province', region: 'central_highlands', mergedFrom: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'], communeCount: 124 },
  { code: '75', name: 'Đồng Nai', kind: 'province', region: 'south_east', mergedFrom: ['Đồng Nai', 'Bình Phước'], communeCount: 95 },
  { code: '79', name: 'Hồ Chí Minh', kind: 'city', region: 'south_east', mergedFrom: ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa–Vũng Tàu'], communeCount: 168 },
  { code: '80', name: 'Tây Ninh', kind: 'province', region: 'south_east', mergedFrom: ['Tây Ninh', 'Long An'], communeCount: 96 },
  { code: '82', name: 'Đồng Tháp', kind: 'province', region: 'mekong_delta', mergedFrom: ['Đồng Tháp', 'Tiền Giang'], communeCount: 102 },
  { code: '86', name: 'Vĩnh Long', kind: 'province', region: 'mekong_delta', mergedFrom: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'], communeCount: 124 },
  { code: '91', name: 'An Giang', kind: 'province', region: 'mekong_delta', mergedFrom: ['An Giang', 'Kiên Giang'], communeCount: 102 },
  { code: '92', name: 'Cần Thơ', kind: 'city', region: 'mekong_delta', mergedFrom: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'], communeCount: 103 },
  { code: '96', name: 'Cà Mau', kind: 'province', region: 'mekong_delta', mergedFrom: ['Cà Mau', 'Bạc Liêu'], communeCount: 64 },
];

export const NATION = { code: 'VN', name: 'Việt Nam' } as const;
export const TOTAL_COMMUNES = 3321;
