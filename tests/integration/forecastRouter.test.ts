/**
 * The forecast router on seeded demo history, in both database modes: a province's forecast is of
 * its own aggregated series (the numbers values.series shows), percentages stay within 0–100 %,
 * the backtest and the model are reported, a history too short says how many periods it needs,
 * attainment is a probability with its verdict for every child at once, and a landed batch clears
 * the cached forecast of the series it touches only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { forecastCacheOf } from '../../server/forecast/forecastCache';
import { loadChildHistories, loadHistory } from '../../server/forecast/seriesHistory';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getSeries } from '../../server/services/kpiValues';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { seedHistory } from '../../seed/seedDatabase';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { attainmentVerdict } from '../../shared/forecast/types';
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

const SEEDED = ['01', '79'];
/** a commune-level monthly percentage: the province's value is its communes' summed parts */
const MONTHLY = 'data_reused';

describe.each(await availableModes())('forecast router (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  let caller: ReturnType<typeof createCaller>;
  const id = (code: string) => app.orgUnits().byCodeOrUndefined(code)!.id;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), {
      now: TEST_NOW,
      months: 24,
      provinceCodes: SEEDED,
      kpiIds: [MONTHLY, 'document_turnaround_mean'],
    });
    caller = createCaller(serverCallerContext(app));
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('forecasts a province from its own aggregated series, within 0–100 %, with backtest and model', async () => {
    const result = await caller.forecast.series({ kpiId: MONTHLY, orgUnitIds: [id('01'), id('79')], horizon: 6 });
    expect(result.frequency).toBe('monthly');
    expect(result.horizon).toBe(6);
    expect(result.units.map((u) => u.orgUnitId)).toEqual([id('01'), id('79')]);
    const hanoi = result.units[0]!;
    const series = await getSeries(app, { kpiId: MONTHLY, orgUnitId: id('01'), from: hanoi.history[0]!.period, to: addPeriods(periodStart('month', TEST_NOW), 'month', 1), resolution: 'month' });
    expect(hanoi.history.map((h) => h.value)).toEqual(series.map((p) => p.value));
    expect(hanoi.history.length).toBeGreaterThanOrEqual(23);
    expect(hanoi.verdict).not.toBe('too_short');
    expect(hanoi.forecast).toHaveLength(6);
    expect(hanoi.forecast[0]!.period.getTime()).toBe(addPeriods(hanoi.history.at(-1)!.period, 'month', 1).getTime());
    for (const f of hanoi.forecast) {
      expect(f.lo95).toBeGreaterThanOrEqual(0);
      expect(f.hi95).toBeLessThanOrEqual(100);
      expect(f.lo95).toBeLessThanOrEqual(f.lo80);
      expect(f.lo80).toBeLessThanOrEqual(f.mean);
      expect(f.mean).toBeLessThanOrEqual(f.hi80);
      expect(f.hi80).toBeLessThanOrEqual(f.hi95);
    }
    expect(hanoi.model!.transform).toBe('logit');
    expect(hanoi.model!.intervalWidening).toBeGreaterThanOrEqual(1);
    expect(hanoi.backtest!.points).toBeGreaterThan(0);
    expect(hanoi.backtest!.mape).toBeGreaterThanOrEqual(0);
    expect(hanoi.backtest!.coverage80).toBeGreaterThanOrEqual(0.8);
  });

  it('fits positive quantities on log(y) and says when a unit has too little history', async () => {
    const result = await caller.forecast.series({ kpiId: 'document_turnaround_mean', orgUnitIds: [id('79'), id('92')] });
    expect(result.units[0]!.model!.transform).toBe('log');
    const canTho = result.units[1]!;
    expect(canTho).toMatchObject({ verdict: 'too_short', forecast: [], model: null, backtest: null, needed: 18 });
  });

  it('reads all children\'s histories at once exactly as each unit\'s own series', async () => {
    const kpi = kpiCatalogue.get(MONTHLY);
    const all = await loadChildHistories(app, kpi, app.orgUnits().nation, 'monthly', TEST_NOW);
    for (const code of [...SEEDED, '92']) expect(all!.get(id(code))).toEqual(await loadHistory(app, kpi, id(code), 'monthly', TEST_NOW));
    const communes = await loadChildHistories(app, kpi, app.orgUnits().get(id('79')), 'monthly', TEST_NOW);
    const commune = app.orgUnits().childrenOf(id('79'))[3]!;
    expect(communes!.get(commune.id)).toEqual(await loadHistory(app, kpi, commune.id, 'monthly', TEST_NOW));
    expect(communes!.get(commune.id)!.history.length).toBeGreaterThanOrEqual(23);
    expect(await loadChildHistories(app, kpi, commune, 'monthly', TEST_NOW)).toBeNull();
  });

  it('gives every child a probability of reaching the target, with its verdict', async () => {
    const rows = await caller.forecast.attainmentByChildren({ parentId: app.orgUnits().nation.id, kpiId: MONTHLY });
    expect(rows).toHaveLength(34);
    const hanoi = rows.find((r) => r.orgUnitId === id('01'))!;
    expect(hanoi.target).toBe(kpiCatalogue.get(MONTHLY).target.value);
    expect(hanoi.probability).toBeGreaterThanOrEqual(0);
    expect(hanoi.probability).toBeLessThanOrEqual(1);
    expect(hanoi.verdict).toBe(attainmentVerdict(hanoi.probability!));
    expect(rows.find((r) => r.orgUnitId === id('92'))).toMatchObject({ probability: null, verdict: null });
    const own = await caller.forecast.attainment({ orgUnitId: id('01'), kpiIds: [MONTHLY] });
    expect(own).toEqual([hanoi]);
  });

  it('keeps a forecast until data for its series lands, and only that series', async () => {
    const cache = forecastCacheOf(app);
    const ask = (code: string) => caller.forecast.series({ kpiId: MONTHLY, orgUnitIds: [id(code)], horizon: 3 });
    const first = await ask('01');
    await ask('79');
    const computed = cache.computed;
    await ask('01');
    await ask('79');
    expect(cache.computed).toBe(computed);
    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const commune = app.orgUnits().childrenOf(id('01'))[0]!.code;
    await ingestMeasurements(app, principal, [{ kpiId: MONTHLY, orgUnitCode: commune, time: localDate(periodStart('month', TEST_NOW)), numerator: 0, denominator: 5000 }], { source: 'api' });
    const again = await ask('01');
    expect(cache.computed).toBe(computed + 1);
    expect(again.units[0]!.history.at(-1)!.value).not.toBe(first.units[0]!.history.at(-1)!.value);
    await ask('79');
    expect(cache.computed).toBe(computed + 1);
  });
});
