/**
 * Demo history through the real write path, in both modes: the generator writes exactly the rows
 * it announces, every row is in the past and in the provinces asked for, and the rankings read
 * from the roll-ups rank only the seeded provinces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { getChildRanking, getCurrentValues } from '../../server/services/kpiValues';
import { countHistoryRows } from '../../seed/history';
import { seedHistory } from '../../seed/seedDatabase';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

const SEEDED = ['01', '79'];

describe.each(await availableModes())('seedHistory (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  // three months always hold a closed quarter, so every KPI, quarterly ones included, has at
  // least one report whatever the date
  const now = TEST_NOW;
  const options = { now, months: 3, provinceCodes: SEEDED };
  let written = 0;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    written = await seedHistory(app.db, kpiCatalogue, app.orgUnits(), options);
  });
  afterAll(async () => {
    await close?.();
  });

  it('writes exactly the rows countHistoryRows announces, in seed batches', async () => {
    const expected = countHistoryRows(kpiCatalogue, app.orgUnits(), options);
    expect(expected).toBeGreaterThan(0);
    expect(written).toBe(expected);
    const [stored] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement');
    expect(stored!.n).toBe(expected);
    const batches = await app.db.query<{ source: string; principal: string; rows: number }>(
      `SELECT source, principal, sum(row_count)::int AS rows FROM ingest_batch GROUP BY source, principal`,
    );
    expect(batches).toEqual([{ source: 'seed', principal: 'system:seed', rows: expected }]);
  });

  it('writes only the measured KPIs, in the seeded provinces, in the past three months', async () => {
    const seededIds = SEEDED.map((c) => app.orgUnits().byCodeOrUndefined(c)!.id);
    const rows = await app.db.query<{ kpi_id: string; province_id: number; first: Date; last: Date }>(
      `SELECT kpi_id, province_id, min(ts) AS first, max(ts) AS last FROM measurement GROUP BY kpi_id, province_id ORDER BY kpi_id, province_id`,
    );
    expect(new Set(rows.map((r) => r.province_id))).toEqual(new Set(seededIds));
    expect(new Set(rows.map((r) => r.kpi_id))).toEqual(new Set(kpiCatalogue.measured.map((k) => k.id)));
    // the oldest period reported is the quarter (the coarsest frequency) three months back
    const earliest = periodStart('quarter', addPeriods(now, 'month', -3));
    for (const r of rows) {
      expect(r.first.getTime(), r.kpi_id).toBeGreaterThanOrEqual(earliest.getTime());
      expect(r.last.getTime(), r.kpi_id).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('ranks the two seeded provinces 1 and 2 on the service index and leaves the others without a value', async () => {
    const nation = app.orgUnits().nation;
    const ranking = await getChildRanking(app, { kpiId: 'service_index', parentId: nation.id });
    expect(ranking.period).not.toBeNull();
    expect(ranking.children).toHaveLength(34);

    const [first, second, ...rest] = ranking.children;
    expect([first!.code, second!.code].sort()).toEqual(SEEDED);
    expect(first!.rank).toBe(1);
    expect(second!.rank).toBe(2);
    for (const c of [first!, second!]) {
      expect(c.value).toBeGreaterThan(0);
      expect(c.value).toBeLessThanOrEqual(100);
      expect(c.band).not.toBeNull();
    }
    // higher is better: the first has the higher index
    expect(first!.value!).toBeGreaterThanOrEqual(second!.value!);
    for (const c of rest) expect(c, c.code).toMatchObject({ value: null, rank: null, band: null });
  });

  it('ranks every commune of a seeded province on a commune-level KPI, best first', async () => {
    const hanoi = app.orgUnits().byCodeOrUndefined('01')!;
    const communes = app.orgUnits().childrenOf(hanoi.id);
    const ranking = await getChildRanking(app, { kpiId: 'data_reused', parentId: hanoi.id });
    expect(ranking.children).toHaveLength(communes.length);
    expect(ranking.children.map((c) => c.rank)).toEqual(communes.map((_, i) => i + 1));
    const values = ranking.children.map((c) => c.value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // the province's own value is its communes' summed parts, not the mean of their values
    const [own] = await getCurrentValues(app, { orgUnitId: hanoi.id, kpiIds: ['data_reused'] });
    expect(own!.period).toEqual(ranking.period);
    expect(own!.reportingUnits).toBe(communes.length);
    const sums = await app.db.query<{ num: number; den: number }>(
      `SELECT sum(num)::float8 AS num, sum(den)::float8 AS den FROM measurement WHERE kpi_id = 'data_reused' AND province_id = $1 AND ts >= $2 AND ts < $3`,
      [hanoi.id, ranking.period, addPeriods(ranking.period!, 'month', 1)],
    );
    expect(own!.value).toBeCloseTo((sums[0]!.num / sums[0]!.den) * 100, 9);
  });
});
