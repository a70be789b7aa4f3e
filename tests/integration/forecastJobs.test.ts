/**
 * The background forecast job (server/forecast/forecastJobs.ts) on seeded demo history, in both
 * database modes: a job over a province's communes runs in the worker threads and ends with one
 * result per commune and its progress at the total; the results are the ones forecast.series
 * serves (from the cache, not computed again); a second asker joins the running job; a landed
 * batch leaves out only the series it touched, and the next job recomputes only those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { forecastCacheOf } from '../../server/forecast/forecastCache';
import { forecastJobsOf } from '../../server/forecast/forecastJobs';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { seedHistory } from '../../seed/seedDatabase';
import { periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

/** a commune-level monthly percentage, seeded for two provinces */
const KPI = 'data_reused';
const SEEDED = ['01', '79'];

describe.each(await availableModes())('background forecast jobs (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  let caller: ReturnType<typeof createCaller>;
  const id = (code: string) => app.orgUnits().byCodeOrUndefined(code)!.id;
  const communesOf = (code: string) => app.orgUnits().childrenOf(id(code)).filter((u) => u.active);
  const job = (code: string) => ({ kpiId: KPI, parentId: id(code), level: 'commune' as const, horizon: 6 });

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: TEST_NOW, months: 24, provinceCodes: SEEDED, kpiIds: [KPI] });
    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    caller = createCaller(serverCallerContext(app, principal));
  }, 180_000);
  afterAll(async () => {
    await close?.();
  });

  it('forecasts every commune of a province in the worker, one result per commune, progress reaching the total', async () => {
    const communes = communesOf('79');
    expect(await caller.forecast.childrenJobStatus(job('79'))).toBeNull();
    const started = await caller.forecast.childrenJob(job('79'));
    expect(started).toMatchObject({ kpiId: KPI, parentId: id('79'), level: 'commune', horizon: 6, total: communes.length });
    expect(['queued', 'running']).toContain(started.state);
    // a second planner asking meanwhile joins the same job
    const joined = await caller.forecast.childrenJob(job('79'));
    expect(joined.startedAt).toEqual(started.startedAt);

    const end = await forecastJobsOf(app).finished(job('79'));
    expect(end).toMatchObject({ state: 'done', total: communes.length, done: communes.length, computed: communes.length, fromCache: 0, failed: 0 });
    expect(await caller.forecast.childrenJobStatus(job('79'))).toEqual(end);

    const results = await caller.forecast.childrenForecasts(job('79'));
    expect(results).toMatchObject({ kpiId: KPI, frequency: 'monthly', horizon: 6, total: communes.length });
    expect(results.rows.map((r) => r.orgUnitId)).toEqual(communes.map((c) => c.id));
    for (const r of results.rows) {
      expect(r.verdict).not.toBe('too_short');
      expect(r.end!.lo95).toBeGreaterThanOrEqual(0);
      expect(r.end!.hi95).toBeLessThanOrEqual(100);
      expect(r.mape).toBeGreaterThanOrEqual(0);
    }

    // forecast.series serves the job's result from the cache: nothing is computed again
    const cache = forecastCacheOf(app);
    const computed = cache.computed;
    const commune = communes[5]!;
    const series = await caller.forecast.series({ kpiId: KPI, orgUnitIds: [commune.id], horizon: 6 });
    expect(cache.computed).toBe(computed);
    const row = results.rows.find((r) => r.orgUnitId === commune.id)!;
    expect(series.units[0]!.forecast.at(-1)).toEqual(row.end);
    expect(series.units[0]!.history.at(-1)).toEqual(row.last);
  });

  it('keeps the results until data lands for a series, then recomputes only what it touched', async () => {
    const communes = communesOf('01');
    await caller.forecast.childrenJob(job('01'));
    expect(await forecastJobsOf(app).finished(job('01'))).toMatchObject({ state: 'done', done: communes.length, computed: communes.length });
    // asked again over unchanged data: all from the cache
    await caller.forecast.childrenJob(job('01'));
    expect(await forecastJobsOf(app).finished(job('01'))).toMatchObject({ state: 'done', done: communes.length, computed: 0, fromCache: communes.length });

    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    await ingestMeasurements(app, principal, [{ kpiId: KPI, orgUnitCode: communes[0]!.code, time: localDate(periodStart('month', TEST_NOW)), numerator: 1, denominator: 5000 }], { source: 'api' });
    // Hà Nội's communes' forecasts are gone (the batch names the province); Hồ Chí Minh's stay
    expect((await caller.forecast.childrenForecasts(job('01'))).rows).toHaveLength(0);
    expect((await caller.forecast.childrenForecasts(job('79'))).rows).toHaveLength(communesOf('79').length);

    await caller.forecast.childrenJob(job('01'));
    expect(await forecastJobsOf(app).finished(job('01'))).toMatchObject({ state: 'done', done: communes.length, computed: communes.length, fromCache: 0 });
    await caller.forecast.childrenJob(job('79'));
    expect(await forecastJobsOf(app).finished(job('79'))).toMatchObject({ state: 'done', computed: 0, fromCache: communesOf('79').length });
  });

  it('forecasts the 34 provinces under the nation, and refuses a level that is not under the parent', async () => {
    const provinces = { kpiId: KPI, parentId: app.orgUnits().nation.id, level: 'province' as const };
    await caller.forecast.childrenJob(provinces);
    const end = await forecastJobsOf(app).finished(provinces);
    expect(end).toMatchObject({ state: 'done', total: 34, done: 34, failed: 0 });
    const results = await caller.forecast.childrenForecasts(provinces);
    expect(results.rows).toHaveLength(34);
    // unseeded provinces have no history: too short, said so
    expect(results.rows.find((r) => r.orgUnitId === id('92'))).toMatchObject({ verdict: 'too_short', end: null });
    await expect(caller.forecast.childrenJob({ kpiId: KPI, parentId: id('79'), level: 'province' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
