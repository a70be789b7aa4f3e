/**
 * Reporting completeness and timeliness in both database modes: a hand-built set of commune
 * reports (on time, late, a draft, a re-submission) gives the counts and rates a hand count gives,
 * per unit, per province and for the nation; each KPI is judged against its own deadline; the
 * first submission decides timeliness; a provincial user sees only their province; a report sent
 * through the real form counts at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { addPeriods, periodStart, reportDeadline } from '../../shared/domain/periods';
import { getCompleteness, kpiSet, type Completeness } from '../../server/services/completeness';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { appErrorOf } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

const DAY_MS = 86_400_000;

describe.each(await availableModes())('getCompleteness (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  // Three months back: every deadline of the period has passed.
  const period = addPeriods(periodStart('month', new Date()), 'month', -3);
  let deadline: Date;
  let kpiIds: string[];
  let result: Completeness;

  const unit = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;
  const commune = (provinceCode: string, i: number) => app.orgUnits().childrenOf(unit(provinceCode).id)[i]!;
  const activeCommunes = (provinceId?: number) =>
    [...app.orgUnits().provinces()].flatMap((p) => app.orgUnits().childrenOf(p.id)).filter((c) => c.active && (provinceId === undefined || c.provinceId === provinceId)).length;
  const nationAdmin = (): Principal => ({ kind: 'user', name: 'user:quantri', scopeUnitId: app.orgUnits().nation.id, role: 'admin' });

  /** A report row as staff would leave it, with its submission time and (optionally) its first submit event. */
  async function putReport(r: { kpiId: string; orgUnitId: number; periodStart?: Date; status: 'draft' | 'submitted' | 'approved'; submittedAt?: Date; firstSubmitAt?: Date }) {
    const [row] = await app.db.query<{ id: number }>(
      `INSERT INTO report (kpi_id, org_unit_id, period_start, status, inputs, updated_by, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4, '{}'::jsonb, 'test', $5, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE 'test' END) RETURNING id`,
      [r.kpiId, r.orgUnitId, r.periodStart ?? period, r.status, r.submittedAt ?? null],
    );
    if (r.firstSubmitAt) {
      await app.db.query(`INSERT INTO report_event (report_id, action, to_status, actor, at) VALUES ($1, 'submit', 'submitted', 'test', $2)`, [row!.id, r.firstSubmitAt]);
    }
  }

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    kpiIds = kpiSet(app, 'monthly', 'commune').map((k) => k.id);
    // every monthly commune KPI has the same grace period; the test below covers KPIs that differ
    deadline = reportDeadline('month', period, app.catalogue.get(kpiIds[0]!).deadlineDaysAfterPeriod);
    const early = new Date(deadline.getTime() - DAY_MS);
    const late = new Date(deadline.getTime() + 2 * DAY_MS);
    const [a, b, c] = [commune('01', 0), commune('01', 1), commune('01', 2)];
    // A: the whole set on time, half of it approved already
    for (const [i, kpiId] of kpiIds.entries()) await putReport({ kpiId, orgUnitId: a.id, status: i % 2 ? 'approved' : 'submitted', submittedAt: early });
    // B: three on time, two late, the last one still a draft
    for (const [i, kpiId] of kpiIds.entries()) {
      if (i < 3) await putReport({ kpiId, orgUnitId: b.id, status: 'submitted', submittedAt: early });
      else if (i < kpiIds.length - 1) await putReport({ kpiId, orgUnitId: b.id, status: 'approved', submittedAt: late });
      else await putReport({ kpiId, orgUnitId: b.id, status: 'draft' });
    }
    // C: first submitted on time, re-submitted after the deadline: still on time
    await putReport({ kpiId: kpiIds[0]!, orgUnitId: c.id, status: 'submitted', submittedAt: late, firstSubmitAt: early });
    // Hồ Chí Minh: one commune, one KPI, on time
    await putReport({ kpiId: kpiIds[0]!, orgUnitId: commune('79', 0).id, status: 'submitted', submittedAt: early });
    // another period does not count
    await putReport({ kpiId: kpiIds[0]!, orgUnitId: commune('01', 3).id, periodStart: addPeriods(period, 'month', -1), status: 'submitted', submittedAt: early });

    result = await getCompleteness(app, nationAdmin(), { frequency: 'monthly', level: 'commune', period: new Date(period.getTime() + 10 * DAY_MS), now: new Date(deadline.getTime() + 3.5 * DAY_MS) });
  });
  afterAll(async () => {
    await close?.();
  });

  it('counts expected, submitted, on time, late and missing for a province as a hand count does', () => {
    const hanoi = result.provinces.find((p) => p.code === '01')!;
    const n = activeCommunes(unit('01').id);
    const k = kpiIds.length;
    expect(k).toBeGreaterThan(2);
    expect(hanoi).toMatchObject({
      units: n,
      unitsComplete: 1,
      unitsOnTime: 1,
      expected: n * k,
      submitted: k + (k - 1) + 1,
      onTime: k + 3 + 1,
      late: k - 4,
      missing: n * k - (k + (k - 1) + 1),
    });
    expect(hanoi.reportingRate).toBeCloseTo((2 * k) / (n * k), 12);
    expect(hanoi.onTimeRate).toBeCloseTo((k + 4) / (n * k), 12);
  });

  it('totals the nation over every active commune', () => {
    const n = activeCommunes();
    const k = kpiIds.length;
    expect(result.provinces).toHaveLength(34);
    expect(result.total).toMatchObject({ units: n, unitsComplete: 1, expected: n * k, submitted: 2 * k + 1, onTime: k + 5, late: k - 4, missing: n * k - 2 * k - 1 });
    const hcm = result.provinces.find((p) => p.code === '79')!;
    expect(hcm).toMatchObject({ submitted: 1, onTime: 1, late: 0 });
    expect(result.provinces.find((p) => p.code === '96')).toMatchObject({ submitted: 0, reportingRate: 0, onTimeRate: 0 });
    // the period is normalised to its start, each KPI carries its deadline
    expect(result.periodStart).toEqual(period);
    expect(result.kpis.map((x) => x.id)).toEqual(kpiIds);
    expect(result.kpis.every((x) => x.deadline.getTime() === deadline.getTime())).toBe(true);
  });

  it('lists no commune over the whole nation, and every commune of a chosen province with what it still owes', async () => {
    expect(result.units).toEqual([]);
    expect(result.focusProvinceId).toBeNull();
    const now = new Date(deadline.getTime() + 3.5 * DAY_MS);
    const focused = await getCompleteness(app, nationAdmin(), { frequency: 'monthly', level: 'commune', period, provinceId: unit('01').id, now });
    expect(focused.focusProvinceId).toBe(unit('01').id);
    expect(focused.units).toHaveLength(activeCommunes(unit('01').id));
    const [a, b, c] = [0, 1, 2].map((i) => focused.units.find((u) => u.id === commune('01', i).id)!);
    expect(a).toMatchObject({ submitted: kpiIds.length, missing: 0, missingKpiIds: [], deadline: null, daysToDeadline: null });
    expect(b).toMatchObject({ submitted: kpiIds.length - 1, onTime: 3, late: kpiIds.length - 4, missing: 1, missingKpiIds: [kpiIds.at(-1)!].sort() });
    expect(b!.deadline).toEqual(deadline);
    // 3.5 days after the deadline (a local midnight) is the fourth day overdue
    expect(b!.daysToDeadline).toBe(-4);
    expect(c).toMatchObject({ submitted: 1, onTime: 1, late: 0, missing: kpiIds.length - 1 });
    // the totals do not depend on the focus
    expect(focused.total).toEqual(result.total);
  });

  it('judges each KPI against its own deadline', async () => {
    const set = kpiSet(app, 'monthly', 'province');
    const days = [...new Set(set.map((k) => k.deadlineDaysAfterPeriod))].sort((x, y) => x - y);
    expect(days.length).toBeGreaterThan(1);
    const short = set.find((k) => k.deadlineDaysAfterPeriod === days[0])!;
    const long = set.find((k) => k.deadlineDaysAfterPeriod === days.at(-1))!;
    // Both sent on the same day, between the two deadlines: the first is late, the second on time.
    const sentAt = new Date(reportDeadline('month', period, days[0]!).getTime() + DAY_MS / 2);
    const danang = unit('48');
    await putReport({ kpiId: short.id, orgUnitId: danang.id, status: 'submitted', submittedAt: sentAt });
    await putReport({ kpiId: long.id, orgUnitId: danang.id, status: 'submitted', submittedAt: sentAt });
    const r = await getCompleteness(app, nationAdmin(), { frequency: 'monthly', level: 'province', period });
    expect(r.provinces.find((p) => p.code === '48')).toMatchObject({ units: 1, expected: set.length, submitted: 2, onTime: 1, late: 1 });
    // the provincial set lists the provinces themselves
    expect(r.units).toHaveLength(34);
    expect(r.units.find((u) => u.code === '48')).toMatchObject({ submitted: 2, onTime: 1, late: 1, missing: set.length - 2 });
  });

  it('gives a provincial user their province only, and refuses another province', async () => {
    const hanoiStaff: Principal = { kind: 'user', name: 'user:tinh01', scopeUnitId: unit('01').id, role: 'province_staff' };
    const caller = createCaller(serverCallerContext(app, hanoiStaff));
    const mine = await caller.completeness.get({ frequency: 'monthly', level: 'commune', period });
    expect(mine.provinces.map((p) => p.code)).toEqual(['01']);
    expect(mine.total).toMatchObject({ units: activeCommunes(unit('01').id), submitted: 2 * kpiIds.length });
    expect(mine.focusProvinceId).toBe(unit('01').id);
    expect(mine.units.every((u) => u.provinceId === unit('01').id)).toBe(true);
    const other = await appErrorOf(getCompleteness(app, hanoiStaff, { frequency: 'monthly', level: 'commune', period, provinceId: unit('79').id }));
    expect(other.code).toBe('FORBIDDEN');
    // a leader of the nation sees everyone; nobody anonymous does
    const leader = createCaller(serverCallerContext(app, { kind: 'user', name: 'user:lanhdao', scopeUnitId: app.orgUnits().nation.id, role: 'leader' }));
    expect((await leader.completeness.get({ frequency: 'monthly', level: 'commune', period })).provinces).toHaveLength(34);
    await expect(createCaller(serverCallerContext(app)).completeness.get({ frequency: 'monthly', level: 'commune', period })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('gives a commune user their own commune only', async () => {
    const a = commune('01', 0);
    const r = await getCompleteness(app, { kind: 'user', name: 'user:xa', scopeUnitId: a.id, role: 'commune_staff' }, { frequency: 'monthly', level: 'commune', period });
    expect(r.total).toMatchObject({ units: 1, expected: kpiIds.length, submitted: kpiIds.length });
    expect(r.units.map((u) => u.id)).toEqual([a.id]);
  });

  it('counts a report submitted through the form at once, on time', async () => {
    const thisMonth = periodStart('month', new Date());
    const hcmStaff: Principal = { kind: 'user', name: 'user:tinh79', scopeUnitId: unit('79').id, role: 'province_staff' };
    const caller = createCaller(serverCallerContext(app, hcmStaff));
    const before = await caller.completeness.get({ frequency: 'monthly', level: 'province', period: thisMonth });
    expect(before.total.submitted).toBe(0);
    await caller.reports.save({
      orgUnitId: unit('79').id,
      frequency: 'monthly',
      period: thisMonth,
      submit: true,
      entries: [{ kpiId: 'complaints_resolved_on_time', inputs: { numerator: 80, denominator: 100 }, expectedVersion: null }],
    });
    const after = await caller.completeness.get({ frequency: 'monthly', level: 'province', period: thisMonth });
    expect(after.total).toMatchObject({ submitted: 1, onTime: 1, late: 0 });
    const hcm = after.units.find((u) => u.code === '79')!;
    expect(hcm.missingKpiIds).not.toContain('complaints_resolved_on_time');
    // the month is not over: the deadline is ahead
    expect(hcm.daysToDeadline).toBeGreaterThan(0);
  });
});
