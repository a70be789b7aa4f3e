/**
 * The live push's pure parts: what a room's frame carries and how changes merge into it
 * (server/realtime/roomViews.ts, pendingFrame.ts), and how a page applies a frame and an alert to
 * its TanStack Query cache (components/live/applyFrame.ts) — under the exact tRPC keys, any subset
 * of a unit's current values, idempotent, older versions ignored, and what still needs fetching.
 */
import { TEST_NOW } from '../helpers/clock';
import { QueryClient, type Query } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import type { AppContext } from '../../server/appContext';
import { mergeChange } from '../../server/realtime/pendingFrame';
import { kpisMovedBy, viewsOfRoom } from '../../server/realtime/roomViews';
import type { AppRouter } from '../../server/trpc/root';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import type { AlertPayload, ChangedFrame } from '../../shared/realtime/events';
import { mayAcknowledgeAlert } from '../../components/alerts/alertScope';
import {
  applyAlertEvent,
  applyPushedAnswers,
  broughtByRooms,
  currentSubset,
  decodeFrameValues,
  dependsOnKpis,
  frameMayEndAlerts,
  outsideFrame,
  withRaisedAlert,
  type PushedAnswer,
} from '../../components/live/applyFrame';
import type { RouterOutputs } from '../../components/trpc';
import type { AlertView, KpiSnapshot } from '../../components/wireTypes';

const app = { catalogue: kpiCatalogue } as unknown as AppContext;
const unit = (id: number, level: OrgUnit['level']) => ({ id, level }) as OrgUnit;

function snapshot(kpiId: string, value: number): KpiSnapshot {
  return { kpiId, period: new Date('2026-11-27T00:00:00+07:00'), frequency: 'daily', value, previousValue: null, band: 'good', reportingUnits: 1, provisional: false };
}

function setup() {
  const queryClient = new QueryClient();
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return { queryClient, trpc, applied: new WeakMap<Query, number>() };
}

describe('what a room’s frame carries (server)', () => {
  it('the nation: its current values, the rankings of what moved (and the composites on it), the scorecard when the index moved', () => {
    const views = viewsOfRoom(app, unit(1, 'nation'), ['dossiers_on_time']);
    expect(views[0]).toEqual({ path: 'values.current', input: { orgUnitId: 1 } });
    const ranked = views.filter((v) => v.path === 'values.ranking').map((v) => (v.input as { kpiId: string }).kpiId);
    expect(ranked).toContain('dossiers_on_time');
    expect(ranked).toContain('service_index');
    expect(ranked).not.toContain('citizen_satisfaction');
    expect(views.at(-1)).toEqual({ path: 'values.scorecard', input: {} });
  });

  it('a commune: its current values only; a province: no scorecard', () => {
    expect(viewsOfRoom(app, unit(900, 'commune'), ['dossiers_on_time'])).toEqual([{ path: 'values.current', input: { orgUnitId: 900 } }]);
    expect(viewsOfRoom(app, unit(22, 'province'), ['dossiers_on_time']).some((v) => v.path === 'values.scorecard')).toBe(false);
  });

  it('a composite moves with any of its components, a measured KPI with itself only', () => {
    const moved = kpisMovedBy(app, ['citizen_satisfaction']);
    expect(moved).toContain('citizen_satisfaction');
    expect(moved).toContain('service_index');
    expect(moved).not.toContain('dossiers_on_time');
  });

  it('changes of an interval merge into one frame naming each KPI and province once', () => {
    const at = TEST_NOW;
    let frame = mergeChange(undefined, { kind: 'measurementsLanded', batchId: 4, rowCount: 1, kpiIds: ['a'], provinceIds: [1], from: at, to: at, origin: 'local' }, 4);
    frame = mergeChange(frame, { kind: 'reportStatusChanged', status: 'approved', reportCount: 1, kpiIds: ['a', 'b'], provinceIds: [2], from: at, to: at, origin: 'local' }, 4);
    frame = mergeChange(frame, { kind: 'measurementsLanded', batchId: 7, rowCount: 1, kpiIds: ['b'], provinceIds: [1], from: at, to: at, origin: 'remote' }, 7);
    expect({ ...frame, kpiIds: [...frame.kpiIds], provinceIds: [...frame.provinceIds] }).toEqual({ kpiIds: ['a', 'b'], provinceIds: [1, 2], cursor: 7, batches: 2 });
  });
});

describe('applying a frame (browser)', () => {
  const all = [snapshot('service_index', 70), snapshot('dossiers_on_time', 0.9), snapshot('citizen_satisfaction', 80)];
  const answers: PushedAnswer[] = [
    { path: 'values.current', input: { orgUnitId: 1 }, data: all },
    { path: 'values.ranking', input: { kpiId: 'dossiers_on_time', parentId: 1 }, data: { period: null, children: [] } },
  ];

  it('a subset of a unit’s current values comes in the order the query asks for', () => {
    expect(currentSubset(all, ['citizen_satisfaction', 'service_index']).map((s) => s.kpiId)).toEqual(['citizen_satisfaction', 'service_index']);
    expect(currentSubset(all, undefined)).toEqual(all);
  });

  it('sets every current-values query of the unit (not a past asOf, not another unit) and the exact ranking key', () => {
    const { queryClient, trpc, applied } = setup();
    const full = trpc.values.current.queryKey({ orgUnitId: 1 });
    const index = trpc.values.current.queryKey({ orgUnitId: 1, kpiIds: ['service_index'] });
    const past = trpc.values.current.queryKey({ orgUnitId: 1, asOf: new Date('2026-01-01') });
    const other = trpc.values.current.queryKey({ orgUnitId: 2 });
    const ranking = trpc.values.ranking.queryKey({ kpiId: 'dossiers_on_time', parentId: 1 });
    for (const key of [full, index, past, other, ranking]) queryClient.setQueryData(key, 'old' as never);
    const updated = applyPushedAnswers(queryClient, trpc, answers, 100, applied);
    expect(updated).toHaveLength(3);
    expect(queryClient.getQueryData(full)).toEqual(all);
    expect(queryClient.getQueryData(index)).toEqual([all[0]]);
    expect(queryClient.getQueryData(past)).toBe('old');
    expect(queryClient.getQueryData(other)).toBe('old');
    expect(queryClient.getQueryData(ranking)).toEqual({ period: null, children: [] });
    // a ranking the page does not show is not created
    expect(queryClient.getQueryCache().findAll({ queryKey: trpc.values.ranking.pathKey() })).toHaveLength(1);
  });

  it('is idempotent, and an older frame replayed later changes nothing', () => {
    const { queryClient, trpc, applied } = setup();
    const full = trpc.values.current.queryKey({ orgUnitId: 1 });
    queryClient.setQueryData(full, [] as never);
    applyPushedAnswers(queryClient, trpc, answers, 200, applied);
    const newer = queryClient.getQueryData(full);
    expect(applyPushedAnswers(queryClient, trpc, answers, 200, applied)).toEqual([]);
    const older: PushedAnswer[] = [{ path: 'values.current', input: { orgUnitId: 1 }, data: [snapshot('service_index', 1)] }];
    expect(applyPushedAnswers(queryClient, trpc, older, 150, applied)).toEqual([]);
    expect(queryClient.getQueryData(full)).toBe(newer);
  });

  it('a frame arriving while its query is fetched goes on top of the answer, which may be older', async () => {
    const { queryClient, trpc, applied } = setup();
    const full = trpc.values.current.queryKey({ orgUnitId: 1 });
    let land!: () => void;
    const fetched = queryClient.fetchQuery({ queryKey: full, queryFn: () => new Promise<KpiSnapshot[]>((resolve) => (land = () => resolve([snapshot('service_index', 1)]))) });
    expect(applyPushedAnswers(queryClient, trpc, answers, 300, applied)).toEqual([]);
    land();
    await fetched;
    await Promise.resolve();
    expect(queryClient.getQueryData(full)).toEqual(all);
  });

  it('decodes the superjson text the server sends, dates included', () => {
    const [current] = decodeFrameValues({ values: superjson.stringify(answers) });
    expect((current!.data as KpiSnapshot[])[0]!.period).toBeInstanceOf(Date);
    expect(decodeFrameValues({})).toEqual([]);
  });

  it('refetches only what no joined room brings, and what the frame moved', () => {
    const { trpc } = setup();
    const q = (key: readonly unknown[]) => ({ queryKey: key }) as Pick<Query, 'queryKey'>;
    const frame: Pick<ChangedFrame, 'room' | 'values' | 'provinceIds'> = { room: 'nation', values: 'x', provinceIds: [22] };
    const rooms = new Set(['nation', 'province:79'] as const);
    expect(broughtByRooms(q(trpc.values.current.queryKey({ orgUnitId: 1 })), rooms, 1, frame)).toBe(true);
    expect(broughtByRooms(q(trpc.values.ranking.queryKey({ kpiId: 'x', parentId: 79 })), rooms, 1, frame)).toBe(true);
    expect(broughtByRooms(q(trpc.values.scorecard.queryKey({})), rooms, 1, frame)).toBe(true);
    expect(broughtByRooms(q(trpc.values.current.queryKey({ orgUnitId: 5 })), rooms, 1, frame)).toBe(false);
    expect(broughtByRooms(q(trpc.values.series.queryKey({ kpiId: 'x', orgUnitId: 1, from: new Date(0), to: new Date(1), resolution: 'day' })), rooms, 1, frame)).toBe(false);
    // a frame without numbers brings nothing for its own room
    expect(broughtByRooms(q(trpc.values.current.queryKey({ orgUnitId: 1 })), rooms, 1, { room: 'nation' })).toBe(false);
    // a province the page follows that the frame does not name did not move
    expect(outsideFrame(q(trpc.values.series.queryKey({ kpiId: 'x', orgUnitId: 79, from: new Date(0), to: new Date(1), resolution: 'day' })), rooms, frame)).toBe(true);
    expect(outsideFrame(q(trpc.values.series.queryKey({ kpiId: 'x', orgUnitId: 22, from: new Date(0), to: new Date(1), resolution: 'day' })), rooms, frame)).toBe(false);
    const changed = new Set(['dossiers_on_time']);
    const catalogue = kpiCatalogue.all;
    expect(dependsOnKpis(q(trpc.values.series.queryKey({ kpiId: 'service_index', orgUnitId: 1, from: new Date(0), to: new Date(1), resolution: 'day' })), changed, catalogue)).toBe(true);
    expect(dependsOnKpis(q(trpc.values.series.queryKey({ kpiId: 'citizen_satisfaction', orgUnitId: 1, from: new Date(0), to: new Date(1), resolution: 'day' })), changed, catalogue)).toBe(false);
    expect(dependsOnKpis(q(trpc.values.current.queryKey({ orgUnitId: 1, kpiIds: ['citizen_satisfaction'] })), changed, catalogue)).toBe(false);
  });
});

describe('alerts (browser)', () => {
  const alert: AlertPayload = {
    id: 7,
    kpiId: 'dossiers_on_time',
    orgUnitId: 79,
    orgUnitCode: '79',
    orgUnitName: 'Hồ Chí Minh',
    provinceId: 79,
    kind: 'band_drop',
    period: new Date('2026-11-27T00:00:00+07:00'),
    value: 0.4,
    reference: 'fair',
    band: 'poor',
    createdAt: new Date('2026-11-27T10:00:00+07:00'),
  };
  const view = (a: AlertPayload): AlertView => ({ ...a, state: 'open', acknowledgedAt: null, resolvedAt: null, canAcknowledge: false });

  it('a raised alert joins the open lists it belongs to, once, newest first, within the limit', () => {
    const older = view({ ...alert, id: 3, createdAt: new Date('2026-11-27T09:00:00+07:00') });
    expect(withRaisedAlert([older], { limit: 20 }, view(alert)).map((a) => a.id)).toEqual([7, 3]);
    expect(withRaisedAlert([view(alert), older], {}, view(alert)).map((a) => a.id)).toEqual([7, 3]);
    expect(withRaisedAlert([older], { limit: 1 }, view(alert)).map((a) => a.id)).toEqual([7]);
    expect(withRaisedAlert([older], { provinceId: 22 }, view(alert)).map((a) => a.id)).toEqual([3]);
  });

  it('goes into the panels and leaves them when acknowledged, without fetching them', () => {
    const { queryClient, trpc } = setup();
    const panel = trpc.alerts.open.queryKey({ limit: 20 });
    queryClient.setQueryData(panel, []);
    queryClient.setQueryData(trpc.auth.me.queryKey(), { username: 'l', displayName: 'L', role: 'leader', scopeUnitId: 79, scopeProvinceId: 79, home: '/province/79' } as RouterOutputs['auth']['me']);
    applyAlertEvent(queryClient, trpc, { raised: [alert] });
    expect(queryClient.getQueryData(panel)).toEqual([{ ...view(alert), canAcknowledge: true }]);
    applyAlertEvent(queryClient, trpc, { endedId: 7 });
    expect(queryClient.getQueryData(panel)).toEqual([]);
  });

  it('an alert event during a panel’s fetch is applied on top of the answer, which may have been read before it', async () => {
    const { queryClient, trpc } = setup();
    const panel = trpc.alerts.open.queryKey({ limit: 20 });
    const answer = (list: AlertView[]) => {
      let land!: () => void;
      const landed = new Promise<AlertView[]>((resolve) => (land = () => resolve(list)));
      return { land, fetched: queryClient.fetchQuery({ queryKey: panel, queryFn: () => landed }) };
    };

    // The panel opens; the alert is stored and announced after the server read its list.
    const first = answer([]);
    applyAlertEvent(queryClient, trpc, { raised: [alert] });
    first.land();
    await first.fetched;
    await Promise.resolve();
    expect(queryClient.getQueryData<AlertView[]>(panel)?.map((a) => a.id)).toEqual([7]);

    // Refetched for a frame: the read is older than the acknowledgement announced meanwhile.
    const second = answer([view(alert)]);
    applyAlertEvent(queryClient, trpc, { endedId: 7 });
    second.land();
    await second.fetched;
    await Promise.resolve();
    expect(queryClient.getQueryData(panel)).toEqual([]);

    // A fetch cancelled by another (as an invalidation refetches a mounted query): the event waits for the one that replaced it.
    const third = answer([]);
    applyAlertEvent(queryClient, trpc, { raised: [alert] });
    const replaced = queryClient.getQueryCache().find({ queryKey: panel, exact: true })!.promise;
    void queryClient.refetchQueries({ queryKey: panel });
    expect(queryClient.getQueryCache().find({ queryKey: panel, exact: true })!.promise).not.toBe(replaced);
    third.land();
    await third.fetched.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queryClient.getQueryState(panel)?.fetchStatus).toBe('idle');
    expect(queryClient.getQueryData<AlertView[]>(panel)?.map((a) => a.id)).toEqual([7]);
  });

  it('only a change of an open alert’s KPI in its province may end it', () => {
    expect(frameMayEndAlerts([view(alert)], { kpiIds: ['dossiers_on_time'], provinceIds: [79] })).toBe(true);
    expect(frameMayEndAlerts({ items: [view(alert)] }, { kpiIds: ['dossiers_on_time'], provinceIds: [22] })).toBe(false);
    expect(frameMayEndAlerts([view(alert)], { kpiIds: ['citizen_satisfaction'], provinceIds: [79] })).toBe(false);
  });

  it('who may acknowledge a pushed alert: leaders and administrators within scope', () => {
    expect(mayAcknowledgeAlert(alert, { role: 'leader', scopeUnitId: 1, scopeProvinceId: null })).toBe(true);
    expect(mayAcknowledgeAlert(alert, { role: 'leader', scopeUnitId: 79, scopeProvinceId: 79 })).toBe(true);
    expect(mayAcknowledgeAlert(alert, { role: 'leader', scopeUnitId: 22, scopeProvinceId: 22 })).toBe(false);
    expect(mayAcknowledgeAlert(alert, { role: 'leader', scopeUnitId: 79001, scopeProvinceId: 79 })).toBe(false);
    expect(mayAcknowledgeAlert(alert, { role: 'province_staff', scopeUnitId: 79, scopeProvinceId: 79 })).toBe(false);
    expect(mayAcknowledgeAlert(alert, null)).toBe(false);
  });
});
