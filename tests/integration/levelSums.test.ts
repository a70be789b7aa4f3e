/**
 * Property: the province and nation sums the writes keep (level_sum, server/db/queries/levelSums.ts)
 * always equal the same sums recomputed from the measurement rows — parts, rows and distinct units
 * per KPI, scope and local day, month and quarter — whatever lands: new rows, overwrites, rows of
 * one unit under two provinces (a commune moved by an import) and an overwrite that moves a row
 * from one province to the other; and when batches of the same KPI and buckets commit concurrently
 * (server mode: several connections). Each unit's own rows and parts beside them (level_unit,
 * what a province's commune list reads) likewise. Runs in both modes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { rebuildLevelSums } from '../../server/db/queries/levelSums';
import { insertIngestBatch, upsertMeasurements } from '../../server/db/queries/measurements';
import { getChildSums, getPeriodSums } from '../../server/db/queries/rollups';
import type { ValidMeasurement } from '../../shared/domain/validateMeasurementBatch';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { clearMeasurements } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

const DAY = 86_400_000;

interface SumRow {
  kpi_id: string;
  resolution: string;
  scope_id: number;
  bucket: Date;
  num: number;
  den: number;
  n: number;
  units: number;
}

/** The sums as migration 0013 computes them from the rows (its backfill). */
const RECOMPUTED = `
  SELECT m.kpi_id, r.resolution, s.scope_id, date_trunc(r.resolution, m.ts, 'Asia/Ho_Chi_Minh') AS bucket,
         sum(m.num)::float8 AS num, sum(m.den)::float8 AS den, count(*)::int AS n, count(DISTINCT m.org_unit_id)::int AS units
  FROM measurement m
  CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
  CROSS JOIN LATERAL (VALUES (m.province_id), (0)) AS s(scope_id)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4`;

const KEPT = `SELECT kpi_id, resolution, scope_id, bucket, num, den, n, units FROM level_sum WHERE n <> 0 ORDER BY 1, 2, 3, 4`;

interface UnitRow {
  key: string;
  num: number;
  den: number;
  n: number;
}

/** Each unit's rows and parts per KPI, local day, month and quarter and the province its rows carry (level_unit, migrations 0013 and 0015). */
const UNIT_RECOMPUTED = `
  SELECT concat_ws('|', m.kpi_id, m.org_unit_id, r.resolution, date_trunc(r.resolution, m.ts, 'Asia/Ho_Chi_Minh')::text, m.province_id) AS key,
         sum(m.num)::float8 AS num, sum(m.den)::float8 AS den, count(*)::int AS n
  FROM measurement m
  CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
  GROUP BY m.kpi_id, m.org_unit_id, r.resolution, date_trunc(r.resolution, m.ts, 'Asia/Ho_Chi_Minh'), m.province_id
  ORDER BY 1`;

const UNIT_KEPT = `
  SELECT concat_ws('|', kpi_id, org_unit_id, resolution, bucket::text, province_id) AS key, num, den, n
  FROM level_unit WHERE n <> 0 ORDER BY 1`;

const plain = (r: SumRow) => ({ key: `${r.kpi_id}|${r.resolution}|${r.scope_id}|${r.bucket.toISOString()}`, n: r.n, units: r.units });

describe.each(await availableModes())('province and nation sums kept by the writes (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  async function expectKeptEqualsRecomputed(): Promise<void> {
    const [kept, recomputed] = await Promise.all([app.db.query<SumRow>(KEPT), app.db.query<SumRow>(RECOMPUTED)]);
    expect(kept.map(plain)).toEqual(recomputed.map(plain));
    kept.forEach((k, i) => {
      expect(k.num).toBeCloseTo(recomputed[i]!.num, 6);
      expect(k.den).toBeCloseTo(recomputed[i]!.den, 6);
    });
    // a bucket left without rows counts no unit
    const empty = await app.db.query<{ units: number }>('SELECT units FROM level_sum WHERE n = 0');
    expect(empty.every((e) => e.units === 0)).toBe(true);
    // each unit's own rows and parts (what a province's commune list and a commune's page read)
    const [unitKept, unitRecomputed] = await Promise.all([app.db.query<UnitRow>(UNIT_KEPT), app.db.query<UnitRow>(UNIT_RECOMPUTED)]);
    expect(unitKept.map((u) => `${u.key}|${u.n}`)).toEqual(unitRecomputed.map((u) => `${u.key}|${u.n}`));
    unitKept.forEach((k, i) => {
      expect(k.num).toBeCloseTo(unitRecomputed[i]!.num, 6);
      expect(k.den).toBeCloseTo(unitRecomputed[i]!.den, 6);
    });
    // a unit left without rows in a bucket keeps no parts there
    const gone = await app.db.query<{ num: number; den: number }>('SELECT num, den FROM level_unit WHERE n = 0');
    expect(gone.every((g) => Math.abs(g.num) < 1e-6 && Math.abs(g.den) < 1e-6)).toBe(true);
  }

  async function write(rows: ValidMeasurement[]): Promise<number> {
    return app.db.transaction(async (tx) => {
      const batch = await insertIngestBatch(tx, { principal: 'system:test', source: 'seed', idempotencyKey: null, contentHash: null, rowCount: rows.length });
      return upsertMeasurements(tx, batch!.id, rows);
    });
  }

  /** Two communes of 01, each written under 01 or (as if moved by an import) under 79; a few times of ~100 days. */
  const draft = fc.record({
    kpi: fc.constantFrom('data_reused', 'dossiers_on_time'),
    commune: fc.integer({ min: 0, max: 1 }),
    moved: fc.boolean(),
    slot: fc.integer({ min: 0, max: 12 }),
    num: fc.integer({ min: 0, max: 100 }),
    den: fc.integer({ min: 1, max: 100 }),
  });
  type Draft = typeof draft extends fc.Arbitrary<infer T> ? T : never;

  function rowsOf(drafts: readonly Draft[]): ValidMeasurement[] {
    const tree = app.orgUnits();
    const home = tree.byCodeOrUndefined('01')!;
    const other = tree.byCodeOrUndefined('79')!;
    const byKey = new Map<string, ValidMeasurement>();
    for (const d of drafts) {
      const unit = tree.childrenOf(home.id)[d.commune]!;
      // slots 8 days apart: several in one month and quarter, some across their edges
      const ts = new Date(TEST_NOW.getTime() - d.slot * 8 * DAY - d.slot * 3_600_000);
      byKey.set(`${d.kpi}|${unit.id}|${ts.getTime()}`, { kpiId: d.kpi, orgUnitId: unit.id, provinceId: d.moved ? other.id : home.id, ts, num: d.num, den: d.den });
    }
    return [...byKey.values()];
  }

  it('equal the sums recomputed from the rows after new rows, overwrites and moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(draft, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        await clearMeasurements(app.db);
        for (const b of batches) await write(rowsOf(b));
        await expectKeptEqualsRecomputed();
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it('are the same when a bulk load leaves them to one rebuild at its end (the demo seed)', async () => {
    await clearMeasurements(app.db);
    await write(rowsOf([{ kpi: 'data_reused', commune: 0, moved: false, slot: 1, num: 5, den: 10 }]));
    const bulk = rowsOf(Array.from({ length: 20 }, (_, j) => ({ kpi: 'dossiers_on_time' as const, commune: j % 2, moved: j % 5 === 0, slot: j % 13, num: j, den: 20 })));
    await app.db.transaction(async (tx) => {
      const batch = await insertIngestBatch(tx, { principal: 'system:test', source: 'seed', idempotencyKey: null, contentHash: null, rowCount: bulk.length });
      await upsertMeasurements(tx, batch!.id, bulk, { sums: 'rebuildAfter' });
    });
    await app.db.transaction((tx) => rebuildLevelSums(tx));
    await expectKeptEqualsRecomputed();
  });

  it('equal them when batches of the same KPI and buckets commit at the same time', async () => {
    await clearMeasurements(app.db);
    const batches = Array.from({ length: 6 }, (_, i) =>
      rowsOf(Array.from({ length: 8 }, (__, j) => ({ kpi: 'dossiers_on_time' as const, commune: j % 2, moved: (i + j) % 3 === 0, slot: (i * 3 + j) % 5, num: i + j, den: 10 }))),
    );
    await Promise.all(batches.map((b) => write(b)));
    await expectKeptEqualsRecomputed();
  });

  it('answer whole quarters from their own rows, as the per-unit roll-ups would', async () => {
    await clearMeasurements(app.db);
    await write(rowsOf([0, 3, 6, 9, 12].flatMap((slot) => [{ kpi: 'data_reused' as const, commune: 0, moved: false, slot, num: slot, den: 20 }, { kpi: 'data_reused' as const, commune: 1, moved: slot === 6, slot, num: 1, den: 5 }])));
    const from = addPeriods(periodStart('quarter', TEST_NOW), 'quarter', -2);
    const to = addPeriods(periodStart('quarter', TEST_NOW), 'quarter', 1);
    const nationRows = await getPeriodSums(app.db, { kpiIds: ['data_reused'], granularity: 'quarter', scope: { level: 'nation' }, from, to });
    // one day short of the quarter: the per-unit roll-ups answer
    const viaMonths = await getPeriodSums(app.db, { kpiIds: ['data_reused'], granularity: 'quarter', scope: { level: 'nation' }, from, to: addPeriods(to, 'day', 1) });
    expect(nationRows).toEqual(viaMonths);
    const provinces = await getChildSums(app.db, { kpiIds: ['data_reused'], granularity: 'quarter', parent: { level: 'nation' }, from, to });
    const provincesViaMonths = await getChildSums(app.db, { kpiIds: ['data_reused'], granularity: 'quarter', parent: { level: 'nation' }, from, to: addPeriods(to, 'day', 1) });
    expect(provinces).toEqual(provincesViaMonths);
    expect(provinces.map((p) => p.child_id)).toContain(app.orgUnits().byCodeOrUndefined('79')!.id);
  });
});
