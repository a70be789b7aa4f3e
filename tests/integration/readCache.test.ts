/**
 * The read cache in both database modes: once a write is acknowledged (its call has returned),
 * the next read shows it — a landed batch moves the nation's value and the provinces' ranking, a
 * submitted and then approved report moves the provisional mark — while reads between writes are
 * answered from the cache. Every answer equals what an app without the cache reads from the same
 * database. In server mode, another instance whose notifications never arrive (no LISTEN) still
 * sees the write once the database's stamp is read again (at most a second later).
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { openDb } from '../../server/db/db';
import { getChildRanking, getCurrentValues } from '../../server/services/kpiValues';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { approveReports, saveReports } from '../../server/services/reports';
import { seedOrgUnits } from '../../seed/seedDatabase';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localInstant } from '../helpers/integration';
import { availableModes, openTestDb } from '../helpers/testDb';

const KPI = 'dossiers_on_time';
const MONTHLY_KPI = 'data_reused';

describe.each(await availableModes())('read cache (%s)', (mode) => {
  let cached: AppContext;
  /** the same database read without a cache: what every answer must equal */
  let uncached: AppContext;
  let url: string | undefined;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    const opened = await openTestDb(mode);
    closers.push(opened.close);
    url = opened.url;
    await seedOrgUnits(opened.db);
    cached = await createAppContext(opened.db, new EventEmitter(), { cacheReads: true });
    uncached = await createAppContext(opened.db, new EventEmitter());
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  const system = (): Principal => ({ kind: 'system', name: `system:cache-${mode}`, scopeUnitId: cached.orgUnits().nation.id, role: 'system' });
  const nationValue = (app: AppContext, kpiId = KPI) => getCurrentValues(app, { orgUnitId: app.orgUnits().nation.id, kpiIds: [kpiId] });
  const ranking = (app: AppContext) => getChildRanking(app, { kpiId: KPI, parentId: app.orgUnits().nation.id });
  /** one row for a province at `hour` local time today (before TEST_NOW's 10:00), on time: `perMille`/1000 (the value is a percentage) */
  const land = (app: AppContext, provinceCode: string, hour: number, perMille: number) => {
    const today = periodStart('day', TEST_NOW);
    const time = localInstant(new Date(today.getTime() + hour * 3600_000));
    return ingestMeasurements(app, system(), [{ kpiId: KPI, orgUnitCode: provinceCode, time, numerator: perMille, denominator: 1000 }], { source: 'api' });
  };

  it('answers repeated reads from the cache, and the read after an acknowledged batch with the batch in it', async () => {
    await land(cached, '79', 8, 900);
    const first = await nationValue(cached);
    expect(first[0]!.value).toBeCloseTo(90);
    const computed = cached.readCache!.stats.computed;
    expect(await nationValue(cached)).toBe(first);
    expect(cached.readCache!.stats.computed).toBe(computed);

    await land(cached, '01', 9, 500);
    const after = await nationValue(cached);
    expect(after[0]!.value).toBeCloseTo(70);
    expect(after).toEqual(await nationValue(uncached));
  });

  it('ranks the provinces by what was last written, not by what was cached before it', async () => {
    const before = await ranking(cached);
    expect(before.children.find((c) => c.code === '79')!.value).toBeCloseTo(90);
    await land(cached, '79', 10, 100);
    const after = await ranking(cached);
    expect(after.children.find((c) => c.code === '79')!.value).toBeCloseTo(50);
    expect(after).toEqual(await ranking(uncached));
  });

  it('shows a submitted report as provisional at once, and approved at once after its approval', async () => {
    const province = cached.orgUnits().byCodeOrUndefined('24')!;
    const commune = cached.orgUnits().childrenOf(province.id)[0]!;
    const lastMonth = addPeriods(periodStart('month', TEST_NOW), 'month', -1);
    expect((await nationValue(cached, MONTHLY_KPI))[0]!.provisional).toBe(false);

    const staff: Principal = { kind: 'user', name: `user:canbo.${commune.code.toLowerCase()}`, scopeUnitId: commune.id, role: 'commune_staff' };
    const saved = await saveReports(cached, staff, {
      orgUnitId: commune.id,
      frequency: 'monthly',
      period: lastMonth,
      submit: true,
      entries: [{ kpiId: MONTHLY_KPI, inputs: { numerator: 3, denominator: 4 }, explanation: null, expectedVersion: null }],
    });
    const submitted = (await nationValue(cached, MONTHLY_KPI))[0]!;
    expect(submitted).toMatchObject({ value: 75, provisional: true });

    const approver: Principal = { kind: 'user', name: 'user:duyet.bn', scopeUnitId: province.id, role: 'province_staff' };
    const report = saved.reports[0]!;
    await approveReports(cached, approver, [{ reportId: report.id, expectedVersion: report.version }]);
    const approved = await nationValue(cached, MONTHLY_KPI);
    expect(approved[0]).toMatchObject({ value: 75, provisional: false });
    expect(approved).toEqual(await nationValue(uncached, MONTHLY_KPI));
  });

  it.runIf(mode === 'server')('lets another instance that hears no notification see the write within a second', async () => {
    const db = await openDb({ databaseUrl: url! });
    closers.unshift(() => db.close());
    // no relayRemoteChanges: as if its LISTEN connection were down
    const other = await createAppContext(db, new EventEmitter(), { cacheReads: true });
    const before = (await nationValue(other))[0]!.value;
    await land(cached, '01', 7, 1000);
    const expected = (await nationValue(uncached))[0]!.value;
    expect(expected).not.toBeCloseTo(before!);
    await expect.poll(async () => (await nationValue(other))[0]!.value, { timeout: 5000, interval: 100 }).toBeCloseTo(expected!);
  });
});
