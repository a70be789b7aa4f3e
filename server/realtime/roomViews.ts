/**
 * What a room's frame carries: the numbers of the unit the room stands for, as the procedures the
 * pages query answer them now — computed once per room and frame, whatever the number of sockets
 * in it, through the read cache (so once per data version, shared with the pages' own reads and the
 * warm-up), and serialized once. The pages put them in their TanStack Query cache under the same
 * tRPC keys instead of asking again (components/live/applyFrame.ts).
 *
 * Per room: the unit's current values (every KPI: a page takes the ones it asks for); for the
 * nation and a province, the ranking of its children by each KPI the change moved (the map, the
 * leading and lagging units, the communes' table); for the nation, the scorecard when the index
 * moved. The charts' series are not pushed: their windows are the page's (range pickers, "now"),
 * so the page refetches the series of the KPIs that changed.
 *
 * A view whose answer went out in the room's previous frame goes as a patch of what changed since
 * (shared/realtime/framePatch.ts): a frame is written to every socket of the room, and its size is
 * what each socket costs beyond a fixed part (BENCHMARKS.md, fan-out). What the previous answers
 * were is remembered per app and view, as digests.
 */
import superjson from 'superjson';
import type { AppContext } from '../appContext';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import type { PushedView, PushedViewAnswer, Room } from '../../shared/realtime/events';
import { encodeView, VIEW_SHAPES, type ViewMemory } from '../../shared/realtime/framePatch';
import { topicsBehind } from '../services/kpiValues';
import { kpiTopic } from '../services/readCache';
import { SCORECARD_KPI_ID } from '../services/scorecard';
import { serverCallerContext } from '../trpc/init';
import { createCaller } from '../trpc/root';

/** The unit a room stands for; undefined for `alerts` and for a room of no known unit. */
export function unitOfRoom(app: Pick<AppContext, 'orgUnits'>, room: Room): OrgUnit | undefined {
  if (room === 'nation') return app.orgUnits().nation;
  if (room === 'alerts') return undefined;
  const [level, id] = room.split(':');
  const unit = app.orgUnits().byIdOrUndefined(Number(id));
  return unit?.level === level ? unit : undefined;
}

/** The KPIs whose numbers a change of these KPIs moves: themselves and the composites standing on them. */
export function kpisMovedBy(app: AppContext, changedKpiIds: readonly string[]): string[] {
  const changed = new Set(changedKpiIds.map(kpiTopic));
  return app.catalogue.all.filter((k) => (topicsBehind(app, k.id) ?? []).some((t) => changed.has(t))).map((k) => k.id);
}

/** The queries a room's frame answers after a change of these KPIs. */
export function viewsOfRoom(app: AppContext, unit: OrgUnit, changedKpiIds: readonly string[]): PushedView[] {
  const views: PushedView[] = [{ path: 'values.current', input: { orgUnitId: unit.id } }];
  if (unit.level === 'commune') return views;
  const moved = kpisMovedBy(app, changedKpiIds);
  for (const kpiId of moved) views.push({ path: 'values.ranking', input: { kpiId, parentId: unit.id } });
  if (unit.level === 'nation' && moved.includes(SCORECARD_KPI_ID)) views.push({ path: 'values.scorecard', input: {} });
  return views;
}

/** The digests of the views' answers last sent, per app (one per process, or per test) and view. */
const sentViews = new WeakMap<AppContext, Map<string, ViewMemory>>();

/** The next frames carry every view whole, as a room's first does (bench/liveFanOut.ts measures both). */
export function forgetSentViews(app: AppContext): void {
  sentViews.delete(app);
}

/**
 * The views' answers, as the procedures give them (input and output checked), in one superjson text:
 * each whole, or as a patch against the answer the previous frame carried for the same view.
 * Frames of one room are computed one after the other (socketServer.ts), so "previous" is the
 * frame its pages had just before; a page that did not have it finds out by the digests.
 */
export async function computeRoomValues(app: AppContext, unit: OrgUnit, changedKpiIds: readonly string[]): Promise<string> {
  const caller = createCaller(serverCallerContext(app));
  const views = viewsOfRoom(app, unit, changedKpiIds);
  const answered = await Promise.all(
    views.map(async (view): Promise<PushedViewAnswer> => {
      switch (view.path) {
        case 'values.current':
          return { ...view, data: await caller.values.current(view.input) };
        case 'values.ranking':
          return { ...view, data: await caller.values.ranking(view.input) };
        case 'values.scorecard':
          return { ...view, data: await caller.values.scorecard(view.input) };
      }
    }),
  );
  const memory = sentViews.get(app) ?? new Map<string, ViewMemory>();
  sentViews.set(app, memory);
  const encoded = answered.map((answer): PushedViewAnswer => {
    const key = `${answer.path}:${JSON.stringify(answer.input)}`;
    const { patch, memory: next } = encodeView(VIEW_SHAPES[answer.path], answer.data, memory.get(key));
    if (next) memory.set(key, next);
    else memory.delete(key);
    return patch ? { path: answer.path, input: answer.input, patch } as PushedViewAnswer : answer;
  });
  return superjson.stringify(encoded);
}
