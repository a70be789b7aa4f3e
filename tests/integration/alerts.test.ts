/**
 * Alert evaluation in both database modes, with a fixed clock: a band drop fires only beyond the
 * province's own noise, an alert is one episode until the province recovers (hysteresis), and the
 * /alerts listing filters and pages through tRPC. The checks are incremental and durable: a batch
 * owes checks of the series it touched only (recorded with it), the background pass reads those
 * series only, and checks a dead process owed are caught up.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { EventEmitter } from 'node:events';
import { createAppContext } from '../../server/appContext';
import type { Db } from '../../server/db/db';
import { pendingAlertEvaluationCount } from '../../server/db/queries/pendingAlertEvaluation';
import { evaluatePendingAlerts, evaluateSeries, watchForAlerts } from '../../server/services/alerts';
import type { Change, ChangeOf } from '../../server/realtime/bus';
import { TEST_NOW } from '../helpers/clock';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { localInstant } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

const KPI = 'dossiers_on_time'; // daily, higher is better; bands good ≥ 98, fair ≥ 95, average ≥ 90
/** 10:00 local on 20/11/2026 */
const NOW = new Date('2026-11-20T03:00:00Z');

describe.each(await availableModes())('alert evaluation (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const system: Principal = { kind: 'system', name: 'system:test', scopeUnitId: 1, role: 'system' };
  const unit = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;
  const day = (offset: number) => addPeriods(periodStart('day', NOW), 'day', offset);

  /** One day's share for a province (a report at 08:00 local of that day), out of 1000 dossiers. */
  const land = async (code: string, offset: number, perMille: number) => {
    await ingestMeasurements(app, system, [{ kpiId: KPI, orgUnitCode: code, time: localInstant(new Date(day(offset).getTime() + 8 * 3600_000)), numerator: perMille, denominator: 1000 }], { source: 'api', now: new Date(NOW.getTime() + offset * 86_400_000) });
  };
  /** Lands the day's value and runs the checks the batches owe at 10:00 that day. */
  const evaluateDay = async (code: string, offset: number, perMille: number) => {
    await land(code, offset, perMille);
    return (await evaluatePendingAlerts(app, new Date(NOW.getTime() + offset * 86_400_000))).raised;
  };
  const alertsOf = async (code: string, kpiId = KPI) =>
    (await app.db.query<{ id: number; kind: string; resolved_at: Date | null }>('SELECT id, kind, resolved_at FROM alert WHERE org_unit_id = $1 AND kpi_id = $2 ORDER BY id', [unit(code).id, kpiId]));

  /**
   * One batch: a steady 96.4–96.6 % for the 20 days before `at`, and `today` per mille on the day
   * of `at` unless null. Landed as of `at`. (The daily KPIs are submitted by provinces.)
   */
  const landSteadyThen = async (code: string, kpiId: string, at: Date, today: number | null) => {
    const atDay = periodStart('day', at);
    const rows = [];
    for (let i = 20; i >= 1; i--) rows.push({ kpiId, orgUnitCode: code, time: localInstant(new Date(addPeriods(atDay, 'day', -i).getTime() + 8 * 3600_000)), numerator: 964 + (i % 3), denominator: 1000 });
    if (today !== null) rows.push({ kpiId, orgUnitCode: code, time: localInstant(new Date(atDay.getTime() + 8 * 3600_000)), numerator: today, denominator: 1000 });
    return ingestMeasurements(app, system, rows, { source: 'api', now: at });
  };
  const oneRow = (code: string, kpiId: string, at: Date, perMille: number) =>
    ingestMeasurements(app, system, [{ kpiId, orgUnitCode: code, time: localInstant(new Date(periodStart('day', at).getTime() + 9 * 3600_000)), numerator: perMille, denominator: 1000 }], { source: 'api', now: at });

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  it('does not raise a band drop for noise around a band bound (the old rule did)', async () => {
    // Hưng Yên hovers on the fair/average bound of 95 %: 95.0–95.3 %, median fair.
    for (let i = 20; i >= 1; i--) await land('33', -i, 950 + (i % 4));
    // 94.8 % is in "average", a band below the usual one, but 0.3 points is within its noise.
    expect(await evaluateDay('33', 0, 948)).toEqual([]);
    expect(await alertsOf('33')).toEqual([]);
  });

  it('raises a genuine drop once, keeps it one alert while it lasts, ends it on recovery, and raises the next drop anew', async () => {
    // Quảng Ninh: a steady 96.4–96.6 % for 20 days.
    for (let i = 20; i >= 1; i--) await land('22', -i, 964 + (i % 3));
    const first = await evaluateDay('22', 0, 400);
    expect(first.map((a) => a.kind).sort()).toEqual(['band_drop', 'outlier']);
    expect(first[0]).toMatchObject({ orgUnitCode: '22', provinceId: unit('22').id });
    // More batches the same day, and the next days still down: no new alert.
    expect(await evaluateDay('22', 0, 410)).toEqual([]);
    expect(await evaluateDay('22', 1, 420)).toEqual([]);
    expect(await evaluateDay('22', 2, 430)).toEqual([]);
    expect((await alertsOf('22')).map((a) => [a.kind, a.resolved_at])).toEqual([
      ['band_drop', null],
      ['outlier', null],
    ]);
    // Back to its usual level: both episodes end, nothing new, and each end is announced (the open lists drop it).
    const ended: number[] = [];
    const onEnd = (c: Change) => c.kind === 'alertResolved' && ended.push(c.id);
    app.bus.on('changed', onEnd);
    expect(await evaluateDay('22', 3, 965)).toEqual([]);
    app.bus.off('changed', onEnd);
    const episodes = await alertsOf('22');
    expect(episodes.every((a) => a.resolved_at !== null)).toBe(true);
    expect(ended.sort()).toEqual(episodes.map((a) => a.id).sort());
    // A new drop is a new alert.
    const again = await evaluateDay('22', 4, 400);
    expect(again.map((a) => a.kind)).toContain('band_drop');
    expect(await alertsOf('22')).toHaveLength(2 + again.length);
  });

  it('raises a new episode after a recovery within the same period (one open episode per KPI, unit and kind, not one per period)', async () => {
    // Thanh Hóa: steady, then down, back up and down again on one day
    for (let i = 20; i >= 1; i--) await land('38', -i, 964 + (i % 3));
    expect((await evaluateDay('38', 0, 400)).map((a) => a.kind)).toContain('band_drop');
    expect(await evaluateDay('38', 0, 965)).toEqual([]);
    expect((await alertsOf('38')).every((a) => a.resolved_at !== null)).toBe(true);
    const again = await evaluateDay('38', 0, 400);
    expect(again.map((a) => a.kind)).toContain('band_drop');
    const episodes = await alertsOf('38');
    expect(episodes.filter((a) => a.kind === 'band_drop').map((a) => a.resolved_at === null)).toEqual([false, true]);
  });

  it('lists alerts by province, KPI, kind and state, a page at a time, with the total, and says who may acknowledge', async () => {
    const anonymous = createCaller(serverCallerContext(app));
    const hcmLeader: Principal = { kind: 'user', name: 'user:lanhdao.hcm', scopeUnitId: unit('79').id, role: 'leader' };
    const all = await anonymous.alerts.list({ provinceId: unit('22').id, kpiId: KPI });
    expect(all.total).toBeGreaterThanOrEqual(3);
    const resolved = await anonymous.alerts.list({ provinceId: unit('22').id, state: 'resolved' });
    expect(resolved.items.every((a) => a.state === 'resolved')).toBe(true);
    expect(resolved.total).toBe(2);
    const open = await anonymous.alerts.list({ provinceId: unit('22').id, state: 'open', kind: 'band_drop' });
    expect(open.items.map((a) => [a.kind, a.state])).toEqual([['band_drop', 'open']]);
    const page2 = await anonymous.alerts.list({ provinceId: unit('22').id, pageSize: 1, page: 2 });
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(all.total);
    expect(page2.items[0]!.id).toBe(all.items[1]!.id);
    const pastTheEnd = await anonymous.alerts.list({ provinceId: unit('22').id, pageSize: 10, page: 50 });
    expect(pastTheEnd).toMatchObject({ items: [], total: all.total });
    expect(all.items.every((a) => !a.canAcknowledge)).toBe(true);
    const asHcm = await createCaller(serverCallerContext(app, hcmLeader)).alerts.list({ state: 'open' });
    expect(asHcm.items.filter((a) => a.canAcknowledge).every((a) => a.provinceId === unit('79').id)).toBe(true);
    expect(asHcm.items.some((a) => a.orgUnitCode === '22' && !a.canAcknowledge)).toBe(true);
  });

  it('a batch that takes a KPI out of band in one province raises exactly its alerts, and checks only what it touched', async () => {
    // Hà Nội steady on two KPIs, Đà Nẵng steady on one: the checks they owe raise nothing.
    await landSteadyThen('01', KPI, NOW, 965);
    await landSteadyThen('01', 'dossiers_filed_online', NOW, 965);
    await landSteadyThen('48', KPI, NOW, 965);
    expect((await evaluatePendingAlerts(app, NOW)).raised).toEqual([]);
    expect(await pendingAlertEvaluationCount(app.db)).toBe(0);

    // A one-row batch collapses Hà Nội's day on one KPI.
    await oneRow('01', KPI, NOW, 100);
    const pass = await evaluatePendingAlerts(app, NOW);
    expect(pass.evaluated).toEqual([{ kpiId: KPI, provinceId: unit('01').id }]);
    expect(pass.raised.map((a) => [a.kpiId, a.orgUnitCode, a.kind]).sort()).toEqual([
      [KPI, '01', 'band_drop'],
      [KPI, '01', 'outlier'],
    ]);
    expect(await alertsOf('48')).toEqual([]);
    expect(await alertsOf('01', 'dossiers_filed_online')).toEqual([]);
  });

  it('does not check an untouched series, even one out of band, and reads only the touched series', async () => {
    // Hồ Chí Minh City collapses, but its checks are done (as if checked before its drop mattered)…
    await landSteadyThen('79', KPI, NOW, 100);
    await app.db.query('DELETE FROM pending_alert_evaluation');
    // …then a quiet batch lands in Cần Thơ.
    await landSteadyThen('92', KPI, NOW, 965);
    const queries: Array<{ text: string; params: readonly unknown[] }> = [];
    const watched: Db = { ...app.db, query: (text, params) => (queries.push({ text, params: params ?? [] }), app.db.query(text, params)) };
    const pass = await evaluatePendingAlerts({ ...app, db: watched }, NOW);
    expect(pass.evaluated).toEqual([{ kpiId: KPI, provinceId: unit('92').id }]);
    expect(pass.raised).toEqual([]);
    const reads = queries.filter((q) => /FROM (rollup_|level_sum)/.test(q.text));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.params.slice(0, 2)).toEqual([[KPI], [unit('92').id]]);
    expect(await alertsOf('79')).toEqual([]);
    // Checked, Hồ Chí Minh City would have raised: it was out of band, and skipped.
    expect((await evaluateSeries(app, [{ kpiId: KPI, provinceId: unit('79').id }], NOW)).map((a) => a.kind)).toContain('band_drop');
  });

  it('ignores what changed before the history a check reads: a row of last year owes nothing', async () => {
    const lastYear = addPeriods(NOW, 'day', -400);
    await oneRow('91', KPI, lastYear, 100);
    const pass = await evaluatePendingAlerts(app, NOW);
    expect(pass.evaluated).toEqual([]);
    expect(await pendingAlertEvaluationCount(app.db)).toBe(0);
  });

  /** The next `count` alerts announced on the app's bus. */
  const nextAlerts = (count: number) =>
    new Promise<Array<ChangeOf<'alertRaised'>['alert']>>((resolve) => {
      const heard: Array<ChangeOf<'alertRaised'>['alert']> = [];
      const onChange = (c: { kind: string; alert?: ChangeOf<'alertRaised'>['alert'] }) => {
        if (c.kind !== 'alertRaised' || !c.alert) return;
        heard.push(c.alert);
        if (heard.length < count) return;
        app.bus.off('changed', onChange);
        resolve(heard);
      };
      app.bus.on('changed', onChange);
    });
  /** The app with its reads of the owed checks passing through `gate` first. */
  const withGatedChecks = (gate: () => Promise<void>): AppContext => ({
    ...app,
    db: { ...app.db, query: async (text, params) => (/FROM pending_alert_evaluation/.test(text) && (await gate()), app.db.query(text, params)) } satisfies Db,
  });

  it('runs the checks in the background after the commit: the writer never waits for them', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    // The checks cannot start reading until the gate opens…
    const stop = watchForAlerts(withGatedChecks(() => opened), { sweepSeconds: 3600 });
    try {
      const alerts = nextAlerts(2);
      let heard = 0;
      const count = (c: { kind: string }) => void (c.kind === 'alertRaised' && (heard += 1));
      app.bus.on('changed', count);
      // …yet both batches of the burst (history, then the drop) are answered.
      await landSteadyThen('31', KPI, TEST_NOW, null);
      expect((await oneRow('31', KPI, TEST_NOW, 100)).replayed).toBe(false);
      expect(heard).toBe(0);
      app.bus.off('changed', count);
      expect(await pendingAlertEvaluationCount(app.db)).toBeGreaterThan(0);
      open();
      expect((await alerts).map((a) => [a.orgUnitCode, a.kind]).sort()).toEqual([
        ['31', 'band_drop'],
        ['31', 'outlier'],
      ]);
      await expect.poll(() => pendingAlertEvaluationCount(app.db)).toBe(0);
    } finally {
      await stop();
    }
  });

  it('a failing check is logged, never the writer’s failure, and the sweep runs it later', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let failing = true;
    const stop = watchForAlerts(
      withGatedChecks(async () => {
        if (failing) throw new Error('the database went away');
      }),
      { sweepSeconds: 1 },
    );
    try {
      const alerts = nextAlerts(2);
      await expect(landSteadyThen('25', KPI, TEST_NOW, 100)).resolves.toMatchObject({ replayed: false });
      await expect.poll(() => logged.mock.calls.some(([m]) => String(m).startsWith('[alerts] evaluation failed'))).toBe(true);
      expect(await pendingAlertEvaluationCount(app.db)).toBeGreaterThan(0);
      failing = false;
      expect((await alerts).map((a) => [a.orgUnitCode, a.kind]).sort()).toEqual([
        ['25', 'band_drop'],
        ['25', 'outlier'],
      ]);
    } finally {
      await stop();
      logged.mockRestore();
    }
  });

  it('catches up the checks a process owed when it died between the commit and its check', async () => {
    // The writer commits and "dies": nothing runs its check (no watcher here), the record stays.
    await landSteadyThen('24', KPI, TEST_NOW, 100);
    expect(await pendingAlertEvaluationCount(app.db)).toBeGreaterThan(0);
    expect(await alertsOf('24')).toEqual([]);

    // The next process on the same database: its watcher's first pass finds the record.
    const restarted = await createAppContext(app.db, new EventEmitter());
    const raised = new Promise<string[]>((resolve) => {
      const kinds: string[] = [];
      restarted.bus.on('changed', (c) => {
        if (c.kind === 'alertRaised' && c.alert.orgUnitCode === '24') kinds.push(c.alert.kind);
        if (kinds.length === 2) resolve(kinds.sort());
      });
    });
    const stop = watchForAlerts(restarted, { sweepSeconds: 3600 });
    try {
      expect(await raised).toEqual(['band_drop', 'outlier']);
      await expect.poll(() => pendingAlertEvaluationCount(app.db)).toBe(0);
      expect((await alertsOf('24')).map((a) => a.kind).sort()).toEqual(['band_drop', 'outlier']);
    } finally {
      await stop();
    }
  });
});
