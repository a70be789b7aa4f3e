/**
 * What a page does with a live frame and an alert event, apart from React: put the numbers a frame
 * carries into the TanStack Query cache under the very keys the views query
 * (`trpc.values.current.queryKey(input)`…), and say which of the other queries must be fetched
 * again. A frame holds the numbers as they are (not a difference) and its version; a query
 * remembers the version it was last given, so a frame applied twice, or an older one replayed after
 * a reconnect, changes nothing. A view may come as a patch of what changed since the room's
 * previous frame (shared/realtime/framePatch.ts): merged into the answer the query holds, by key,
 * and checked entry by entry against the frame's digests — a query holding nothing, or an answer
 * the patch does not stand on (a frame missed, a load between two), is fetched again instead.
 */
import type { Query, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { AlertPayload, ChangedFrame, PushedView, Room } from '../../shared/realtime/events';
import { mergeView, VIEW_SHAPES, type ViewPatch } from '../../shared/realtime/framePatch';
import type { useTRPC } from '../trpc';
import type { AlertView, KpiSnapshot, RankedChild, ScorecardData } from '../wireTypes';
import { mayAcknowledgeAlert, type AlertViewer } from '../alerts/alertScope';

type Trpc = ReturnType<typeof useTRPC>;

type Whole<View extends PushedView, Data> = View & { data: Data; patch?: never };
type Patched<View extends PushedView> = View & { patch: ViewPatch; data?: never };
type CurrentView = Extract<PushedView, { path: 'values.current' }>;
type RankingView = Extract<PushedView, { path: 'values.ranking' }>;
type ScorecardView = Extract<PushedView, { path: 'values.scorecard' }>;

/** A view a frame carries, with its answer typed as the procedure's, or a patch of it. */
export type PushedAnswer =
  | Whole<CurrentView, KpiSnapshot[]>
  | Whole<RankingView, { period: Date | null; children: RankedChild[] }>
  | Whole<ScorecardView, ScorecardData>
  | Patched<CurrentView>
  | Patched<RankingView>
  | Patched<ScorecardView>;

/** The frame's numbers; none for a frame without them. */
export function decodeFrameValues(frame: Pick<ChangedFrame, 'values'>): PushedAnswer[] {
  return frame.values === undefined ? [] : superjson.parse<PushedAnswer[]>(frame.values);
}

/** The digests of cached entries, per object: an entry left as it was is not hashed again on the next frame. */
const entryDigests = new WeakMap<object, string>();

interface QueryInput {
  orgUnitId?: unknown;
  parentId?: unknown;
  kpiId?: unknown;
  kpiIds?: unknown;
  asOf?: unknown;
  provinceId?: unknown;
  limit?: unknown;
  frequency?: unknown;
  level?: unknown;
}

function inputOf(query: Pick<Query, 'queryKey'>): QueryInput | undefined {
  return (query.queryKey[1] as { input?: QueryInput } | undefined)?.input;
}

/** A unit's current values cut to what a query of them asks for, in its order (as the server answers it). */
export function currentSubset(all: readonly KpiSnapshot[], kpiIds: readonly string[] | undefined): KpiSnapshot[] {
  if (!kpiIds) return [...all];
  const byId = new Map(all.map((s) => [s.kpiId, s]));
  return kpiIds.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Puts a frame's numbers into the cache: every current-values query of the unit (any subset of its
 * KPIs, not a past `asOf`), the rankings and the scorecard it carries. Only queries the page has
 * are touched. A patch that cannot be merged into what a query holds leaves the query as it is and
 * marks it for fetching again (refetched at once when mounted). A query being fetched gets them once
 * the answer has landed. Returns the queries given new data at once.
 */
export function applyPushedAnswers(queryClient: QueryClient, trpc: Trpc, answers: readonly PushedAnswer[], version: number, applied: WeakMap<Query, number>): Query[] {
  const cache = queryClient.getQueryCache();
  const updated: Query[] = [];
  const stale: Query[] = [];
  const put = (query: Query, answer: (base: unknown) => unknown) => {
    let now = true;
    // An answer on its way may have been read before this frame's numbers: they go on top of it.
    whenFetchLanded(query, () => {
      if ((applied.get(query) ?? -Infinity) >= version) return; // this frame or a newer one is in already
      const data = answer(query.state.data);
      if (data === undefined) {
        // A patch that does not stand on the answer just landed (read after this frame, or before
        // the one it follows): that answer is kept, not fetched again — under a steady feed a
        // refetch would meet the next frame the same way. The next frame merges, or fetches once.
        if (now) stale.push(query);
        return;
      }
      queryClient.setQueryData(query.queryKey, data);
      applied.set(query, version);
      if (now) updated.push(query);
    });
    now = false;
  };
  for (const answer of answers) {
    const shape = VIEW_SHAPES[answer.path];
    const answerOf = (data: unknown) => (answer.patch ? (base: unknown) => mergeView(shape, base, answer.patch, undefined, entryDigests) : () => data);
    switch (answer.path) {
      case 'values.current':
        for (const query of cache.findAll({ queryKey: trpc.values.current.pathKey() })) {
          const input = inputOf(query);
          if (input?.orgUnitId !== answer.input.orgUnitId || input.asOf !== undefined) continue;
          const kpiIds = Array.isArray(input.kpiIds) ? (input.kpiIds as string[]) : undefined;
          put(query, answer.patch ? (base) => mergeView(shape, base, answer.patch, kpiIds, entryDigests) : () => currentSubset(answer.data, kpiIds));
        }
        break;
      case 'values.ranking': {
        const query = cache.find({ queryKey: trpc.values.ranking.queryKey(answer.input), exact: true });
        if (query) put(query, answerOf(answer.data));
        break;
      }
      case 'values.scorecard': {
        const query = cache.find({ queryKey: trpc.values.scorecard.queryKey(answer.input), exact: true });
        if (query) put(query, answerOf(answer.data));
        break;
      }
    }
  }
  if (stale.length > 0) void queryClient.invalidateQueries({ predicate: (q) => stale.includes(q) });
  return updated;
}

/** The unit a room stands for, by id; the nation's id is learnt from its frames. */
export function unitIdOfRoom(room: Room, nationId: number | undefined): number | undefined {
  if (room === 'nation') return nationId;
  if (room === 'alerts') return undefined;
  return Number(room.split(':')[1]);
}

/** The KPIs a query depends on: its own, or for a composite its components; a query over many KPIs depends on all. */
export function dependsOnKpis(query: Pick<Query, 'queryKey'>, changed: ReadonlySet<string>, catalogue: readonly KpiDefinition[] | undefined): boolean {
  const input = inputOf(query);
  const kpiId = typeof input?.kpiId === 'string' ? input.kpiId : undefined;
  if (!kpiId) {
    const kpiIds = Array.isArray(input?.kpiIds) ? (input.kpiIds as string[]) : undefined;
    if (!kpiIds) return true; // a query over every KPI (current values, the scorecard)
    return kpiIds.some((id) => dependsOnKpis({ queryKey: ['', { input: { kpiId: id } }] }, changed, catalogue));
  }
  if (changed.has(kpiId)) return true;
  const kpi = catalogue?.find((k) => k.id === kpiId);
  return kpi?.measure.kind === 'composite' && kpi.measure.groups.some((g) => g.kpiIds.some((id) => changed.has(id)));
}

/**
 * Whether frames bring this query's numbers to the page: the current values and the rankings of
 * the unit of a room the page is in (its own frames carry them whenever they change), the
 * scorecard with the nation's room. A frame without numbers brings nothing for its own room.
 */
export function broughtByRooms(query: Pick<Query, 'queryKey'>, rooms: ReadonlySet<Room>, nationId: number | undefined, frame: Pick<ChangedFrame, 'room' | 'values'>): boolean {
  const path = (query.queryKey[0] as readonly string[] | undefined)?.join('.');
  const input = inputOf(query);
  if (!input || input.asOf !== undefined) return false;
  const carries = (room: Room) => rooms.has(room) && !(room === frame.room && frame.values === undefined);
  if (path === 'values.scorecard') return carries('nation');
  const unitId = path === 'values.current' ? input.orgUnitId : path === 'values.ranking' ? input.parentId : undefined;
  if (typeof unitId !== 'number') return false;
  return [...rooms].some((room) => unitIdOfRoom(room, nationId) === unitId && carries(room));
}

/**
 * Whether a query is of a province the page follows (its room joined) that the frame does not
 * name: its numbers did not move (a page in the nation's room hears of every province).
 */
export function outsideFrame(query: Pick<Query, 'queryKey'>, rooms: ReadonlySet<Room>, frame: Pick<ChangedFrame, 'provinceIds'>): boolean {
  const input = inputOf(query);
  const unitId = typeof input?.orgUnitId === 'number' ? input.orgUnitId : typeof input?.parentId === 'number' ? input.parentId : undefined;
  return unitId !== undefined && rooms.has(`province:${unitId}`) && !frame.provinceIds.includes(unitId);
}

/** Whether a changed KPI belongs to the KPI set (frequency × submitting level) a completeness query counts. */
export function touchesKpiSet(query: Pick<Query, 'queryKey'>, changed: ReadonlySet<string>, catalogue: readonly KpiDefinition[] | undefined): boolean {
  const input = inputOf(query);
  if (!catalogue || !input) return true;
  return catalogue.some((k) => changed.has(k.id) && k.frequency === input.frequency && k.submittedAt === input.level);
}

/** Open alerts a list holds, whatever the list's shape (the panels' arrays, the /alerts page's pages). */
function alertsHeld(data: unknown): readonly Pick<AlertPayload, 'kpiId' | 'provinceId'>[] {
  if (Array.isArray(data)) return data as AlertView[];
  const items = (data as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as AlertView[]) : [];
}

/**
 * Whether a frame may have ended one of the alerts a list shows: only a change of that KPI in that
 * province can (an alert ends when its unit recovers), so lists are not fetched on every frame.
 */
export function frameMayEndAlerts(data: unknown, frame: Pick<ChangedFrame, 'kpiIds' | 'provinceIds'>): boolean {
  const kpis = new Set(frame.kpiIds);
  const provinces = new Set(frame.provinceIds);
  return alertsHeld(data).some((a) => kpis.has(a.kpiId) && provinces.has(a.provinceId));
}

/** An alert just raised, as an open-alerts panel of this viewer lists it. */
export function alertViewOf(alert: AlertPayload, viewer: AlertViewer | null | undefined): AlertView {
  return { ...alert, state: 'open', acknowledgedAt: null, resolvedAt: null, canAcknowledge: mayAcknowledgeAlert(alert, viewer) };
}

/** An open-alerts panel (alerts.open) once an alert is raised: newest first, once, at most `limit` (the server's default 50). */
export function withRaisedAlert(list: readonly AlertView[], input: { provinceId?: unknown; limit?: unknown } | undefined, alert: AlertView): AlertView[] {
  if (typeof input?.provinceId === 'number' && input.provinceId !== alert.provinceId) return [...list];
  const limit = typeof input?.limit === 'number' ? input.limit : 50;
  return [alert, ...list.filter((a) => a.id !== alert.id)].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).slice(0, limit);
}

/**
 * Runs `apply` at once, or, while a fetch of the query is on its way, once that answer has landed:
 * it may have been read before the event `apply` brings (an alert stored or acknowledged a moment
 * after the read), and would otherwise undo it — a panel opened just as an alert was raised, or one
 * refetched for a frame, would go without that alert until the next. Applied on top of the answer,
 * the event is idempotent either way: an alert the answer already holds is not listed twice.
 * A paused fetch (offline, or waiting to retry until the page is in view) has read nothing yet: it
 * will read after the event, so the event is applied at once and nothing waits on a pause that
 * may last hours.
 */
function whenFetchLanded(query: Pick<Query, 'state' | 'promise'>, apply: () => void): void {
  const inFlight = query.state.fetchStatus === 'fetching' ? query.promise : undefined;
  if (!inFlight) return apply();
  void inFlight
    .catch(() => undefined)
    // a fetch that replaced this one (a refetch cancels it) is waited for in turn
    .then(() => (query.state.fetchStatus === 'fetching' && query.promise !== inFlight ? whenFetchLanded(query, apply) : apply()));
}

/** Puts a raised alert into the page's open-alerts panels and removes an acknowledged one; the paged lists (totals, filters) are fetched again. */
export function applyAlertEvent(queryClient: QueryClient, trpc: Trpc, event: { raised: readonly AlertPayload[] } | { endedId: number }): void {
  if ('raised' in event && event.raised.length === 0) return;
  const viewer = queryClient.getQueryData(trpc.auth.me.queryKey());
  for (const query of queryClient.getQueryCache().findAll({ queryKey: trpc.alerts.open.pathKey() })) {
    whenFetchLanded(query, () => {
      const list = query.state.data as AlertView[] | undefined;
      if (!list) return; // its fetch failed: nothing to put it in, the next fetch reads it
      const next = 'raised' in event ? event.raised.reduce((l, a) => withRaisedAlert(l, inputOf(query), alertViewOf(a, viewer)), list) : list.filter((a) => a.id !== event.endedId);
      queryClient.setQueryData(query.queryKey, next);
    });
  }
  void queryClient.invalidateQueries({ queryKey: trpc.alerts.list.pathKey() });
}

/** The newest alert id the page's open-alerts panels hold (0: none), sent when it joins the alerts room. */
export function newestAlertShown(queryClient: QueryClient, trpc: Trpc): number {
  let newest = 0;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: trpc.alerts.open.pathKey() })) {
    for (const a of (query.state.data as AlertView[] | undefined) ?? []) newest = Math.max(newest, a.id);
  }
  return newest;
}
