/**
 * One path for "something changed" (server/realtime/announceChange.ts), in both database modes:
 * a change announced in a transaction is heard once per instance, only after the commit, never
 * after a rollback; every writer uses it (a landed batch, a report's approval, an alert raised and
 * acknowledged). In server mode a second app instance on the same database — its own connections,
 * bus and instance id, no Redis — hears each change once too, through LISTEN/NOTIFY.
 *
 * "Never" is shown without sleeping: a committed marker announced after the rolled-back change is
 * awaited, and notifications arrive in commit order, so anything earlier would have arrived first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { announceChange, relayRemoteChanges } from '../../server/realtime/announceChange';
import type { Change, ChangeOf, ChangeReason } from '../../server/realtime/bus';
import { realNowMs } from '../../server/clock';
import { startSocketServer } from '../../server/realtime/socketServer';
import { acknowledge, evaluatePendingAlerts } from '../../server/services/alerts';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { approveReports, returnReportForRevision, saveReports } from '../../server/services/reports';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { SOCKET_PATH, type AlertPayload, type ChangedFrame, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events';
import { appErrorOf, localDate, localInstant } from '../helpers/integration';
import { availableModes, openOtherInstance, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

/** 10:00 local on 20/11/2026, the alert suite's day */
const ALERT_NOW = new Date('2026-11-20T03:00:00Z');

describe.each(await availableModes())('announceChange (%s)', (mode) => {
  let writer: AppContext;
  /** the second instance in server mode; the writer itself in embedded mode (it has no other) */
  let other: AppContext;
  const closers: Array<() => Promise<unknown>> = [];
  const heard = { writer: [] as Change[], other: [] as Change[] };
  let markers = 0;

  beforeAll(async () => {
    const opened = await openTestApp(mode);
    writer = opened.app;
    closers.push(opened.close);
    other = writer;
    if (mode === 'server') {
      const second = await openOtherInstance(opened.url!);
      other = second.app;
      closers.unshift(second.close);
    }
    // as startServer does on every instance (a no-op on the embedded database)
    for (const app of new Set([writer, other])) closers.unshift(await relayRemoteChanges(app));
    writer.bus.on('changed', (c) => heard.writer.push(c));
    if (other !== writer) other.bus.on('changed', (c) => heard.other.push(c));
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** What each instance heard from `from` on (indexes into the logs), markers left out. */
  const since = (from: { writer: number; other: number }) => ({
    writer: heard.writer.slice(from.writer).filter((c) => !isMarker(c)),
    other: (other === writer ? heard.writer.slice(from.writer) : heard.other.slice(from.other)).filter((c) => !isMarker(c)),
  });
  const mark = () => ({ writer: heard.writer.length, other: heard.other.length });
  const isMarker = (c: Change) => c.kind === 'alertAcknowledged' && c.id < 0;
  /** Commits a marker and waits until every instance heard it: whatever was announced before has arrived. */
  const settle = async () => {
    const id = -++markers;
    await writer.db.transaction((tx) => announceChange(writer, tx, { kind: 'alertAcknowledged', id, provinceId: null }));
    await vi.waitFor(() => {
      expect(heard.writer.some((c) => c.kind === 'alertAcknowledged' && c.id === id)).toBe(true);
      if (other !== writer) expect(heard.other.some((c) => c.kind === 'alertAcknowledged' && c.id === id)).toBe(true);
    }, { timeout: 15_000 });
  };
  const remoteOrigin = mode === 'server' ? 'remote' : 'local';

  const statusReason = (): ChangeReason => ({
    kind: 'reportStatusChanged',
    status: 'approved',
    reportCount: 2,
    kpiIds: ['data_reused'],
    provinceIds: [writer.orgUnits().byCodeOrUndefined('22')!.id],
    from: new Date('2026-09-30T17:00:00Z'),
    to: new Date('2026-10-31T17:00:00Z'),
  });

  it('delivers a change once per instance, only after the commit, with its dates intact', async () => {
    const start = mark();
    const reason = statusReason();
    await writer.db.transaction(async (tx) => {
      await announceChange(writer, tx, reason);
      // queued with the transaction: nobody has heard it yet
      expect(since(start).writer).toEqual([]);
    });
    // the writer hears it before the writing call returns
    expect(since(start).writer).toEqual([{ ...reason, origin: 'local' }]);
    await settle();
    expect(since(start).writer).toEqual([{ ...reason, origin: 'local' }]);
    if (other !== writer) expect(since(start).other).toEqual([{ ...reason, origin: 'remote' }]);
  });

  it('never delivers a change whose transaction rolls back', async () => {
    const start = mark();
    await expect(
      writer.db.transaction(async (tx) => {
        await announceChange(writer, tx, statusReason());
        throw new Error('the write fails after announcing');
      }),
    ).rejects.toThrow('the write fails');
    await settle();
    expect(since(start)).toEqual({ writer: [], other: [] });
  });

  it('announces a landed batch, and nothing for one refused inside its transaction', async () => {
    const system: Principal = { kind: 'system', name: `system:announce-${mode}`, scopeUnitId: writer.orgUnits().nation.id, role: 'system' };
    const province = writer.orgUnits().byCodeOrUndefined('24')!;
    const commune = writer.orgUnits().childrenOf(province.id)[0]!;
    const lastMonth = addPeriods(periodStart('month', TEST_NOW), 'month', -1);
    const staff: Principal = { kind: 'user', name: `user:canbo.${commune.code.toLowerCase()}`, scopeUnitId: commune.id, role: 'commune_staff' };
    await saveReports(writer, staff, { orgUnitId: commune.id, frequency: 'monthly', period: lastMonth, submit: true, entries: [{ kpiId: 'data_reused', inputs: { numerator: 1, denominator: 2 }, explanation: null, expectedVersion: null }] });
    await settle();

    const start = mark();
    const day = periodStart('day', ALERT_NOW);
    const row = { kpiId: 'dossiers_on_time', orgUnitCode: '24', time: localInstant(new Date(day.getTime() + 8 * 3600_000)), numerator: 970, denominator: 1000 };
    const result = await ingestMeasurements(writer, system, [row], { source: 'api', now: ALERT_NOW });
    // written, then refused in its transaction: the reported period is the report's
    const refused = ingestMeasurements(writer, system, [{ kpiId: 'data_reused', orgUnitCode: commune.code, time: localDate(lastMonth), numerator: 2, denominator: 2 }], { source: 'api' });
    expect((await appErrorOf(refused)).rowErrors).toEqual([expect.objectContaining({ code: 'reported_period' })]);
    await settle();
    const expected = { kind: 'measurementsLanded', batchId: result.batchId, rowCount: 1, kpiIds: ['dossiers_on_time'], provinceIds: [province.id], from: new Date(day.getTime() + 8 * 3600_000) };
    expect(since(start).writer).toEqual([expect.objectContaining({ ...expected, origin: 'local' })]);
    expect(since(start).other).toEqual([expect.objectContaining({ ...expected, origin: remoteOrigin })]);
  });

  it('announces a live batch at its commit, before the roll-up refresh, and a late one after it, each with its commit instant', async () => {
    const system: Principal = { kind: 'system', name: `system:order-${mode}`, scopeUnitId: writer.orgUnits().nation.id, role: 'system' };
    // what runs after each commit, in order: each piece of work queued by the transaction, and the announcement heard
    const log: string[] = [];
    const transaction = writer.db.transaction.bind(writer.db);
    const spy = vi.spyOn(writer.db, 'transaction').mockImplementation((work) =>
      transaction((tx) => {
        let queued = 0;
        return work({
          ...tx,
          afterCommit: (next) => {
            const n = ++queued;
            tx.afterCommit(async (db) => {
              log.push(`work ${n}`);
              await next(db);
            });
          },
        });
      }),
    );
    const heardBatch = (c: Change) => void (c.kind === 'measurementsLanded' && log.push(`heard ${c.batchId}`));
    writer.bus.on('changed', heardBatch);
    try {
      const row = (time: Date) => ({ kpiId: 'dossiers_on_time', orgUnitCode: '25', time: localInstant(time), numerator: 900, denominator: 1000 });
      const before = realNowMs();
      // in TEST_NOW's hour: its roll-up buckets are read from the raw rows, nothing to wait for
      const live = await ingestMeasurements(writer, system, [row(TEST_NOW)], { source: 'api', now: TEST_NOW });
      const liveLog = log.splice(0);
      // the hour before: it may be in a materialised bucket, shown only once refreshed
      const late = await ingestMeasurements(writer, system, [row(new Date(TEST_NOW.getTime() - 3600_000))], { source: 'api', now: TEST_NOW });
      const lateLog = log.splice(0);
      // work 1 stamps the commit; then the announcement (live) or the refresh (late)
      expect(liveLog).toEqual(['work 1', 'work 2', `heard ${live.batchId}`, 'work 3']);
      expect(lateLog).toEqual(['work 1', 'work 2', 'work 3', `heard ${late.batchId}`]);
      await settle();
      const landed = heard.writer.filter((c): c is ChangeOf<'measurementsLanded'> => c.kind === 'measurementsLanded' && [live.batchId, late.batchId].includes(c.batchId));
      expect(landed.map((c) => c.batchId)).toEqual([live.batchId, late.batchId]);
      // the real clock's instants, in commit order (Date is frozen in tests)
      expect(landed[0]!.committedAt).toBeGreaterThanOrEqual(before);
      expect(landed[1]!.committedAt).toBeGreaterThanOrEqual(landed[0]!.committedAt!);
      expect(landed[1]!.committedAt).toBeLessThanOrEqual(realNowMs());
      // another instance hears each once, from the NOTIFY sent at the commit (without the local instant)
      if (other !== writer) {
        const remote = heard.other.filter((c) => c.kind === 'measurementsLanded' && [live.batchId, late.batchId].includes(c.batchId));
        expect(remote.map((c) => [c.kind === 'measurementsLanded' && c.batchId, c.origin])).toEqual([
          [live.batchId, 'remote'],
          [late.batchId, 'remote'],
        ]);
      }
    } finally {
      writer.bus.off('changed', heardBatch);
      spy.mockRestore();
    }
  });

  it('carries a report approval and a return to every instance as a status change, never as a counterfeit batch', async () => {
    const province = writer.orgUnits().byCodeOrUndefined('22')!;
    const commune = writer.orgUnits().childrenOf(province.id)[7]!;
    const staff: Principal = { kind: 'user', name: `user:canbo.${commune.code.toLowerCase()}`, scopeUnitId: commune.id, role: 'commune_staff' };
    const approver: Principal = { kind: 'user', name: 'user:canbo.qn', scopeUnitId: province.id, role: 'province_staff' };
    const lastMonth = addPeriods(periodStart('month', TEST_NOW), 'month', -1);
    const submit = (kpiId: string) =>
      saveReports(writer, staff, { orgUnitId: commune.id, frequency: 'monthly', period: lastMonth, submit: true, entries: [{ kpiId, inputs: { numerator: 7, denominator: 10 }, explanation: null, expectedVersion: null }] });
    const [toApprove] = (await submit('data_reused')).reports;
    const [toReturn] = (await submit('dossiers_digitised')).reports;
    await settle(); // the submissions' announcements are in: what follows is the approver's

    const start = mark();
    await approveReports(writer, approver, [{ reportId: toApprove!.id, expectedVersion: toApprove!.version }]);
    await returnReportForRevision(writer, approver, { reportId: toReturn!.id, expectedVersion: toReturn!.version, comment: 'Mẫu số chưa khớp sổ' });
    await settle();
    const status = (s: string, kpiId: string, origin: string) => ({ kind: 'reportStatusChanged', status: s, reportCount: 1, kpiIds: [kpiId], provinceIds: [province.id], from: lastMonth, to: lastMonth, origin });
    expect(since(start).writer).toEqual([status('approved', 'data_reused', 'local'), status('returned', 'dossiers_digitised', 'local')]);
    expect(since(start).other).toEqual([status('approved', 'data_reused', remoteOrigin), status('returned', 'dossiers_digitised', remoteOrigin)]);
  });

  it('carries an alert raised and its acknowledgement to every instance', async () => {
    const system: Principal = { kind: 'system', name: `system:alerts-${mode}`, scopeUnitId: writer.orgUnits().nation.id, role: 'system' };
    const code = '22';
    const day = (offset: number) => addPeriods(periodStart('day', ALERT_NOW), 'day', offset);
    const land = (offset: number, perMille: number) =>
      ingestMeasurements(writer, system, [{ kpiId: 'dossiers_on_time', orgUnitCode: code, time: localInstant(new Date(day(offset).getTime() + 8 * 3600_000)), numerator: perMille, denominator: 1000 }], {
        source: 'api',
        now: new Date(ALERT_NOW.getTime() + offset * 86_400_000),
      });
    // a steady 96.4–96.6 % for 20 days, then a collapse
    for (let i = 20; i >= 1; i--) await land(-i, 964 + (i % 3));
    await land(0, 400);
    await settle(); // the batches' announcements are in: what follows is the alerts'

    const start = mark();
    const { raised } = await evaluatePendingAlerts(writer, ALERT_NOW);
    expect(raised.length).toBeGreaterThan(0);
    const leader: Principal = { kind: 'user', name: 'user:lanhdao', scopeUnitId: writer.orgUnits().nation.id, role: 'leader' };
    await acknowledge(writer, leader, raised[0]!.id);
    await acknowledge(writer, leader, raised[0]!.id); // once acknowledged, a second time changes nothing and says nothing
    await settle();

    const expected = (origin: string) => [
      ...raised.map((alert) => ({ kind: 'alertRaised', alert, origin })),
      { kind: 'alertAcknowledged', id: raised[0]!.id, provinceId: writer.orgUnits().byCodeOrUndefined(code)!.id, origin },
    ];
    expect(since(start).writer).toEqual(expected('local'));
    expect(since(start).other).toEqual(expected(remoteOrigin));
  });

  it('reaches the browsers of the other instance: a socket there gets the frame, the alert and its acknowledgement', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = await startSocketServer(other, server);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { path: SOCKET_PATH, transports: ['websocket'] });
    try {
      const frames: ChangedFrame[] = [];
      const alerts: AlertPayload[] = [];
      const acknowledged: number[] = [];
      socket.on('changed', (f) => frames.push(f));
      socket.on('alert', (a) => alerts.push(a));
      socket.on('alertAcknowledged', (a) => acknowledged.push(a.id));
      const province = writer.orgUnits().byCodeOrUndefined('22')!;
      expect(await socket.emitWithAck('subscribe', { rooms: [`province:${province.id}`, 'alerts'] })).toMatchObject({ ok: true });

      const alert: AlertPayload = {
        id: 9001,
        kpiId: 'dossiers_on_time',
        orgUnitId: province.id,
        orgUnitCode: province.code,
        orgUnitName: province.name,
        provinceId: province.id,
        kind: 'band_drop',
        period: periodStart('day', ALERT_NOW),
        value: 40,
        reference: 'fair',
        band: 'poor',
        createdAt: ALERT_NOW,
      };
      await writer.db.transaction(async (tx) => {
        await announceChange(writer, tx, statusReason());
        await announceChange(writer, tx, { kind: 'alertRaised', alert });
      });
      await writer.db.transaction((tx) => announceChange(writer, tx, { kind: 'alertAcknowledged', id: alert.id, provinceId: province.id }));

      await vi.waitFor(
        () => {
          expect(frames).toEqual([expect.objectContaining({ kpiIds: ['data_reused'], provinceIds: [province.id], batches: 0 })]);
          expect(alerts).toEqual([{ ...alert, period: alert.period.toISOString(), createdAt: alert.createdAt.toISOString() }]);
          expect(acknowledged).toEqual([alert.id]);
        },
        { timeout: 5000 },
      );
    } finally {
      socket.disconnect();
      await live.close();
    }
  });
});
