/**
 * values.explainChange against the database, in both modes: it starts and ends on the numbers the
 * headline shows (values.current), its rows add up to the change, the children are the unit's
 * children (plus the unit's own reports), and a province's index explains through its communes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { explainChange } from '../../server/services/explainChange';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getCurrentValues } from '../../server/services/kpiValues';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { seedHistory } from '../../seed/seedDatabase';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { appErrorOf, localDate } from '../helpers/integration';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

const sumOf = (xs: ReadonlyArray<{ contribution: number }>) => xs.reduce((a, x) => a + x.contribution, 0);

describe.each(await availableModes())('values.explainChange (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const now = TEST_NOW;
  // an anonymous reader: explanations are as public as the dashboards they explain
  const caller = () => createCaller(serverCallerContext(app));

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now, months: 2, provinceCodes: ['66', '68'] });
    // today, Lâm Đồng (68) falls on dossiers handled on time: it should lead the explanation
    const system: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const today = localDate(now);
    await ingestMeasurements(app, system, [{ kpiId: 'dossiers_on_time', orgUnitCode: '68', time: today, numerator: 100, denominator: 2000 }], { source: 'api', now });
  });
  afterAll(async () => {
    await close?.();
  });

  it('the national index: starts and ends on the headline, its provinces and its five groups each add up to the change', async () => {
    const nation = app.orgUnits().nation;
    const [headline] = await getCurrentValues(app, { orgUnitId: nation.id, kpiIds: ['service_index'], asOf: now });
    const r = await caller().values.explainChange({ kpiId: 'service_index', orgUnitId: nation.id });
    expect(r.kind).toBe('composite');
    expect(r.previousValue).toBeCloseTo(headline!.previousValue!, 9);
    expect(r.currentValue).toBeCloseTo(headline!.value!, 9);
    expect(r.period).toEqual(headline!.period);
    expect(r.change).not.toBeNull();
    expect(r.childLevel).toBe('province');
    expect(sumOf(r.children)).toBeCloseTo(r.change!, 9);
    expect(sumOf(r.groups!)).toBeCloseTo(r.change!, 9);
    expect(r.groups!.map((g) => g.id)).toEqual(['publicity_transparency', 'processing_progress', 'online_services', 'satisfaction', 'digitisation']);
    // all 34 provinces are rows, largest first (the 32 without data contribute 0)
    expect(r.children).toHaveLength(34);
    expect(r.children.every((c) => !c.own)).toBe(true);
    expect(r.children.map((c) => Math.abs(c.contribution))).toEqual(r.children.map((c) => Math.abs(c.contribution)).sort((a, b) => b - a));
    expect(new Set(r.children.slice(0, 2).map((c) => c.code))).toEqual(new Set(['66', '68']));
    // the fall of 68 on time is what pulls the processing group down, and it is 68's doing
    const processing = r.groups!.find((g) => g.id === 'processing_progress')!;
    expect(processing.kpis.find((k) => k.kpiId === 'dossiers_on_time')!.contribution).toBeLessThan(0);
    const lamDong = r.children.find((c) => c.code === '68')!;
    const dakLak = r.children.find((c) => c.code === '66')!;
    expect(lamDong.byGroup!.processing_progress).toBeLessThan(dakLak.byGroup!.processing_progress!);
    for (const c of r.children) expect(Object.values(c.byGroup!).reduce((a, b) => a + b, 0)).toBeCloseTo(c.contribution, 9);
    expect(r.children.filter((c) => !['66', '68'].includes(c.code)).every((c) => c.contribution === 0)).toBe(true);
  });

  it('a ratio at the nation: rate and mix effects of the provinces, on the headline’s numbers', async () => {
    const nation = app.orgUnits().nation;
    const [headline] = await getCurrentValues(app, { orgUnitId: nation.id, kpiIds: ['dossiers_on_time'], asOf: now });
    const r = await caller().values.explainChange({ kpiId: 'dossiers_on_time', orgUnitId: nation.id });
    expect(r.kind).toBe('ratio');
    expect(r.currentValue).toBeCloseTo(headline!.value!, 9);
    expect(r.previousValue).toBeCloseTo(headline!.previousValue!, 9);
    expect(r.period).toEqual(periodStart('day', now));
    expect(r.previousPeriod).toEqual(addPeriods(periodStart('day', now), 'day', -1));
    expect(sumOf(r.children)).toBeCloseTo(r.change!, 9);
    const lamDong = r.children.find((c) => c.code === '68')!;
    expect(lamDong.currentValue).toBeCloseTo(5, 9);
    // 68's rate fell: a negative rate effect; its weight grew while below the mean: a negative mix
    expect(lamDong.rateEffect).toBeLessThan(0);
    expect(lamDong.mixEffect).toBeLessThan(0);
    expect(lamDong.rateEffect + lamDong.mixEffect).toBeCloseTo(lamDong.contribution, 9);
  });

  it('a province’s index explains through its communes, and its own reports are one row', async () => {
    const province = app.orgUnits().byCodeOrUndefined('66')!;
    const [headline] = await getCurrentValues(app, { orgUnitId: province.id, kpiIds: ['service_index'], asOf: now });
    const r = await caller().values.explainChange({ kpiId: 'service_index', orgUnitId: province.id });
    expect(r.childLevel).toBe('commune');
    expect(r.previousValue).toBeCloseTo(headline!.previousValue!, 9);
    expect(r.currentValue).toBeCloseTo(headline!.value!, 9);
    expect(sumOf(r.children)).toBeCloseTo(r.change!, 9);
    const communes = new Set(app.orgUnits().childrenOf(province.id).map((c) => c.id));
    const own = r.children.filter((c) => c.own);
    // the province reports most of the index's KPIs itself; its communes report the rest
    expect(own.map((c) => c.orgUnitId)).toEqual([province.id]);
    expect(r.children.filter((c) => !c.own).every((c) => communes.has(c.orgUnitId))).toBe(true);
    expect(r.children.filter((c) => !c.own).length).toBe(communes.size);
  });

  it('a commune-level ratio at a province: communes only, adding up to the change', async () => {
    const province = app.orgUnits().byCodeOrUndefined('68')!;
    const [headline] = await getCurrentValues(app, { orgUnitId: province.id, kpiIds: ['data_reused'], asOf: now });
    const r = await caller().values.explainChange({ kpiId: 'data_reused', orgUnitId: province.id });
    expect(r.currentValue).toBeCloseTo(headline!.value!, 9);
    expect(r.previousValue).toBeCloseTo(headline!.previousValue!, 9);
    expect(r.children.some((c) => c.own)).toBe(false);
    expect(sumOf(r.children)).toBeCloseTo(r.change!, 9);
  });

  it('a unit without data has nothing to explain; an unknown KPI is named in the error', async () => {
    const quiet = app.orgUnits().byCodeOrUndefined('01')!;
    const r = await caller().values.explainChange({ kpiId: 'dossiers_on_time', orgUnitId: quiet.id });
    expect(r.change).toBeNull();
    expect(r.children).toEqual([]);
    const err = await appErrorOf(explainChange(app, { kpiId: 'no_such_kpi', orgUnitId: quiet.id }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.userMessage.vi).toContain('no_such_kpi');
  });
});
