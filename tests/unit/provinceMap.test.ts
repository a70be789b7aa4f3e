import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { PROVINCES } from '../../shared/reference/provinces';
import { ISLAND_LABELS } from '../../shared/map/islandLabels';

type Ring = [number, number][];
interface ProvinceFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const GEOJSON_PATH = fileURLToPath(new URL('../../shared/map/vietnam-provinces.geo.json', import.meta.url));
const geo = JSON.parse(readFileSync(GEOJSON_PATH, 'utf8')) as {
  type: string;
  attribution?: string;
  features: ProvinceFeature[];
};

/** Ray casting: is [lon, lat] inside the ring? */
function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole of at least one polygon. */
function contains(feature: ProvinceFeature, point: [number, number]): boolean {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  return polygons.some(([outer, ...holes]) => !!outer && inRing(point, outer) && !holes.some((h) => inRing(point, h)));
}

/** Does any polygon of the feature have a vertex in the lon/lat box? */
function hasShapeIn(feature: ProvinceFeature, [minLon, minLat, maxLon, maxLat]: [number, number, number, number]) {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  return polygons.some((poly) =>
    poly[0]?.some(([lon, lat]) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat),
  );
}

const byCode = (code: string) => {
  const f = geo.features.find((x) => x.properties.code === code);
  if (!f) throw new Error(`no feature ${code}`);
  return f;
};

const PARACELS: [number, number, number, number] = [111.0, 15.5, 113.0, 17.2];
const SPRATLYS: [number, number, number, number] = [111.5, 7.5, 116.5, 11.7];

describe('province map (shared/map/vietnam-provinces.geo.json)', () => {
  it('has exactly the 34 units of PROVINCES, each once, named as in PROVINCES', () => {
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(34);
    const codes = geo.features.map((f) => f.properties.code).sort();
    expect(codes).toEqual(PROVINCES.map((p) => p.code).sort());
    for (const p of PROVINCES) expect(byCode(p.code).properties.name).toBe(p.name);
  });

  it('keeps the ODbL attribution and stays small', () => {
    expect(geo.attribution).toMatch(/OpenStreetMap/);
    expect(geo.attribution).toMatch(/ODbL/);
    expect(statSync(GEOJSON_PATH).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('draws Hoàng Sa (Paracels) as part of Đà Nẵng', () => {
    const daNang = byCode('48');
    expect(contains(daNang, [112.338, 16.834])).toBe(true); // Phú Lâm (Woody Island)
    expect(contains(daNang, [111.608, 16.533])).toBe(true); // Hoàng Sa (Pattle Island)
    expect(geo.features.filter((f) => hasShapeIn(f, PARACELS)).map((f) => f.properties.code)).toEqual(['48']);
  });

  it('draws Trường Sa (Spratlys) as part of Khánh Hòa', () => {
    const khanhHoa = byCode('56');
    expect(contains(khanhHoa, [111.92, 8.644])).toBe(true); // Trường Sa Lớn
    expect(contains(khanhHoa, [114.333, 11.429])).toBe(true); // Song Tử Tây
    expect(contains(khanhHoa, [114.329, 9.883])).toBe(true); // Sinh Tồn
    expect(geo.features.filter((f) => hasShapeIn(f, SPRATLYS)).map((f) => f.properties.code)).toEqual(['56']);
  });

  it('puts Hanoi centre in Hà Nội and nowhere else', () => {
    const hanoi: [number, number] = [105.85, 21.03];
    expect(contains(byCode('01'), hanoi)).toBe(true);
    expect(geo.features.filter((f) => contains(f, hanoi)).map((f) => f.properties.code)).toEqual(['01']);
  });

  it('puts a few other city centres in the right merged unit', () => {
    const cases: [string, [number, number]][] = [
      ['79', [106.7, 10.78]], // Hồ Chí Minh City
      ['79', [107.08, 10.35]], // Vũng Tàu (former Bà Rịa–Vũng Tàu)
      ['48', [108.2, 16.05]], // Đà Nẵng
      ['48', [108.33, 15.88]], // Hội An (former Quảng Nam)
      ['56', [108.99, 11.56]], // Phan Rang (former Ninh Thuận)
      ['92', [105.97, 9.6]], // Sóc Trăng (former Sóc Trăng)
    ];
    for (const [code, point] of cases) {
      expect(geo.features.filter((f) => contains(f, point)).map((f) => f.properties.code), point.join(',')).toEqual([code]);
    }
  });

  it('exports label points for both archipelagos, inside their areas', () => {
    const hs = ISLAND_LABELS.find((l) => l.provinceCode === '48');
    const ts = ISLAND_LABELS.find((l) => l.provinceCode === '56');
    expect(hs?.name).toBe('Quần đảo Hoàng Sa (Đà Nẵng)');
    expect(ts?.name).toBe('Quần đảo Trường Sa (Khánh Hòa)');
    const inBox = ([lon, lat]: [number, number], [a, b, c, d]: [number, number, number, number]) =>
      lon >= a && lon <= c && lat >= b && lat <= d;
    expect(inBox(hs!.coord, PARACELS)).toBe(true);
    expect(inBox(ts!.coord, SPRATLYS)).toBe(true);
  });
});
