/**
 * A frame's views as patches (shared/realtime/framePatch.ts): the server sends what changed since
 * the room's previous frame, the page merges it into what it holds and checks every entry by its
 * digest — the merged answer equals the new one, a patch applied twice gives the same answer, and
 * a page that lacks the answer the patch stands on asks again instead of showing a mixed one
 * (components/live/applyFrame.ts).
 */
import { onlineManager, QueryClient, type Query } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { applyPushedAnswers, decodeFrameValues, type PushedAnswer } from '../../components/live/applyFrame';
import type { KpiSnapshot, RankedChild, ScorecardData } from '../../components/wireTypes';
import type { AppRouter } from '../../server/trpc/root';
import type { PushedViewAnswer } from '../../shared/realtime/events';
import { canonicalText, digestOf, encodeView, mergeView, VIEW_SHAPES, type ViewMemory, type ViewPatch } from '../../shared/realtime/framePatch';

const period = new Date('2026-11-27T00:00:00+07:00');

function child(orgUnitId: number, value: number | null, rank: number | null): RankedChild {
  return { orgUnitId, code: String(orgUnitId), name: `Tỉnh ${orgUnitId}`, value, previousValue: 50, band: 'fair', rank };
}

/** Children ranked by value, highest first, nulls last without a rank (as the server ranks them). */
function ranking(values: Record<number, number | null>): { period: Date | null; children: RankedChild[] } {
  const sorted = Object.entries(values)
    .map(([id, v]) => ({ id: Number(id), v }))
    .sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity) || a.id - b.id);
  return { period, children: sorted.map((c, i) => child(c.id, c.v, c.v === null ? null : i + 1)) };
}

function snapshot(kpiId: string, value: number): KpiSnapshot {
  return { kpiId, period, frequency: 'daily', value, previousValue: null, band: 'good', reportingUnits: 34, provisional: false };
}

const current = (values: Record<string, number>) => Object.entries(values).map(([k, v]) => snapshot(k, v));

function scorecard(index: Record<number, number>, groupName = 'Công khai'): ScorecardData {
  const rows = ranking(index).children.map((c) => ({
    orgUnitId: c.orgUnitId,
    code: c.code,
    name: c.name,
    region: null,
    index: c.value,
    previousIndex: null,
    band: c.band,
    rank: c.rank,
    groups: [{ id: 'publicity', score: c.value, previousScore: null }],
  }));
  return { period, groups: [{ id: 'publicity', name: { vi: groupName, en: 'Publicity' }, weight: 18 }], rows };
}

/** What the server sends for each successive answer of one view: whole first, then patches. */
function serverFrames(path: keyof typeof VIEW_SHAPES, answers: readonly unknown[]): Array<{ patch: ViewPatch | undefined }> {
  let memory: ViewMemory | undefined;
  return answers.map((answer) => {
    const encoded = encodeView(VIEW_SHAPES[path], answer, memory);
    memory = encoded.memory;
    // through the wire's superjson text, as a page receives it
    return { patch: encoded.patch && superjson.parse<ViewPatch>(superjson.stringify(encoded.patch)) };
  });
}

describe('a view as a patch (server)', () => {
  const before = ranking({ 1: 90, 2: 80, 3: 70, 4: 60, 5: 50, 6: null });
  const after = ranking({ 1: 90, 2: 80, 3: 70, 4: 60, 5: 85, 6: null });

  it('the first answer goes whole; the next one carries only the entries that changed, every rank, every digest', () => {
    const [first, second] = serverFrames('values.ranking', [before, after]);
    expect(first!.patch).toBeUndefined();
    const patch = second!.patch!;
    // province 5 moved from 5th to 2nd: the others it passed only changed rank, sent apart
    expect(patch.entries.map((e) => e.orgUnitId)).toEqual([5]);
    expect(patch.order).toEqual([1, 5, 2, 3, 4, 6]);
    expect(patch.ranks).toEqual([1, 2, 3, 4, 5, null]);
    expect(patch.head).toBeUndefined(); // the period did not move
    expect(patch.digests).toHaveLength(6 * 7);
  });

  it('goes whole again when most entries changed (a new period), and with the fields beside the list when they moved', () => {
    const newPeriod = { period: new Date('2026-11-28T00:00:00+07:00'), children: before.children.map((c) => ({ ...c, value: (c.value ?? 0) + 1 })) };
    expect(serverFrames('values.ranking', [before, newPeriod])[1]!.patch).toBeUndefined();
    const renamed = scorecard({ 1: 80, 2: 70, 3: 60 }, 'Công khai, minh bạch');
    const patch = serverFrames('values.scorecard', [scorecard({ 1: 80, 2: 70, 3: 60 }), renamed])[1]!.patch!;
    expect(patch.entries).toEqual([]);
    expect(patch.head).toEqual({ period, groups: renamed.groups });
  });

  it('a digest does not depend on key order, and tells dates, nulls and numbers apart', () => {
    expect(canonicalText({ a: 1, b: [null, new Date(5)] })).toBe(canonicalText({ b: [undefined, new Date(5)], a: 1 }));
    expect(digestOf({ a: 1 })).toBe(digestOf({ a: 1, b: undefined }));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: '1' }));
    expect(digestOf({ a: null })).not.toBe(digestOf({ a: 0 }));
    expect(digestOf({ a: 1, rank: 2 }, 'rank')).toBe(digestOf({ a: 1, rank: 3 }, 'rank'));
  });
});

describe('merging a patch into the answer the page holds', () => {
  it('gives the new answer exactly: a ranking, a scorecard, a subset of current values', () => {
    const rankings = [ranking({ 1: 90, 2: 80, 3: 70, 4: 60 }), ranking({ 1: 90, 2: 80, 3: 95, 4: 60 }), ranking({ 1: 10, 2: 80, 3: 95, 4: 60 })];
    const frames = serverFrames('values.ranking', rankings);
    let held: unknown = rankings[0];
    for (let i = 1; i < rankings.length; i++) {
      held = mergeView(VIEW_SHAPES['values.ranking'], held, frames[i]!.patch!);
      expect(held).toEqual(rankings[i]);
    }
    const cards = [scorecard({ 1: 80, 2: 70, 3: 60 }), scorecard({ 1: 80, 2: 70, 3: 90 })];
    expect(mergeView(VIEW_SHAPES['values.scorecard'], cards[0], serverFrames('values.scorecard', cards)[1]!.patch!)).toEqual(cards[1]);
    const values = [current({ a: 1, b: 2, c: 3 }), current({ a: 1, b: 5, c: 3 })];
    const patch = serverFrames('values.current', values)[1]!.patch!;
    // a query of some KPIs holds only those: it takes the ones it asks for, in its order
    const subset = (all: KpiSnapshot[], ids: string[]) => ids.map((id) => all.find((s) => s.kpiId === id)!);
    expect(mergeView(VIEW_SHAPES['values.current'], subset(values[0]!, ['c', 'b']), patch, ['c', 'b'])).toEqual(subset(values[1]!, ['c', 'b']));
    expect(mergeView(VIEW_SHAPES['values.current'], subset(values[0]!, ['c']), patch, ['c', 'x'])).toEqual(subset(values[1]!, ['c']));
    expect(mergeView(VIEW_SHAPES['values.current'], values[0], patch)).toEqual(values[1]);
  });

  it('applied twice gives the same answer', () => {
    const answers = [ranking({ 1: 90, 2: 80, 3: 70 }), ranking({ 1: 90, 2: 80, 3: 99 })];
    const patch = serverFrames('values.ranking', answers)[1]!.patch!;
    const once = mergeView(VIEW_SHAPES['values.ranking'], answers[0], patch);
    expect(mergeView(VIEW_SHAPES['values.ranking'], once, patch)).toEqual(answers[1]);
  });

  it('cannot be trusted without the answer it stands on: nothing held, a frame missed, an entry missing', () => {
    const answers = [ranking({ 1: 90, 2: 80, 3: 70 }), ranking({ 1: 60, 2: 80, 3: 70 }), ranking({ 1: 60, 2: 80, 3: 75 })];
    const frames = serverFrames('values.ranking', answers);
    const shape = VIEW_SHAPES['values.ranking'];
    expect(mergeView(shape, undefined, frames[1]!.patch!)).toBeUndefined();
    // the page missed the second frame: the third does not carry province 1's change
    expect(mergeView(shape, answers[0], frames[2]!.patch!)).toBeUndefined();
    expect(mergeView(shape, { period, children: answers[0]!.children.slice(0, -1) }, frames[1]!.patch!)).toBeUndefined();
    expect(mergeView(shape, { ...answers[0], period: new Date(0) }, frames[1]!.patch!)).toBeUndefined();
  });
});

describe('a patched frame in the page’s cache (applyFrame)', () => {
  function setup() {
    const queryClient = new QueryClient();
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
    const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
    return { queryClient, trpc, applied: new WeakMap<Query, number>() };
  }

  /** The server's frames for the nation (unit 1): current values and one ranking, through the wire's text. */
  function framesOf(states: Array<{ values: KpiSnapshot[]; ranking: ReturnType<typeof ranking> }>): PushedAnswer[][] {
    const memory = new Map<string, ViewMemory>();
    return states.map((state) => {
      const views: PushedViewAnswer[] = [
        { path: 'values.current', input: { orgUnitId: 1 }, data: state.values },
        { path: 'values.ranking', input: { kpiId: 'k', parentId: 1 }, data: state.ranking },
      ];
      const sent = views.map((view) => {
        const encoded = encodeView(VIEW_SHAPES[view.path], view.data, memory.get(view.path));
        if (encoded.memory) memory.set(view.path, encoded.memory);
        return encoded.patch ? { path: view.path, input: view.input, patch: encoded.patch } : view;
      });
      return decodeFrameValues({ values: superjson.stringify(sent) });
    });
  }

  const states = [
    { values: current({ service_index: 70, k: 50, a: 1, b: 2, c: 3 }), ranking: ranking({ 1: 90, 2: 80, 3: 70, 4: 60, 5: 50 }) },
    { values: current({ service_index: 72, k: 60, a: 1, b: 2, c: 3 }), ranking: ranking({ 1: 90, 2: 80, 3: 95, 4: 60, 5: 50 }) },
    { values: current({ service_index: 73, k: 60, a: 9, b: 2, c: 3 }), ranking: ranking({ 1: 90, 2: 85, 3: 95, 4: 60, 5: 50 }) },
  ];

  it('merges into the queries holding the answer before it, equal to a fresh load, and a replay changes nothing', () => {
    const { queryClient, trpc, applied } = setup();
    const frames = framesOf(states);
    expect(frames[1]!.every((a) => a.patch !== undefined)).toBe(true);
    const all = trpc.values.current.queryKey({ orgUnitId: 1 });
    const index = trpc.values.current.queryKey({ orgUnitId: 1, kpiIds: ['service_index'] });
    const rankingKey = trpc.values.ranking.queryKey({ kpiId: 'k', parentId: 1 });
    // the page loaded at the first state
    queryClient.setQueryData(all, states[0]!.values);
    queryClient.setQueryData(index, [states[0]!.values[0]!]);
    queryClient.setQueryData(rankingKey, states[0]!.ranking);
    expect(applyPushedAnswers(queryClient, trpc, frames[1]!, 200, applied)).toHaveLength(3);
    expect(queryClient.getQueryData(all)).toEqual(states[1]!.values);
    expect(queryClient.getQueryData(index)).toEqual([states[1]!.values[0]]);
    expect(queryClient.getQueryData(rankingKey)).toEqual(states[1]!.ranking);
    // replayed after a reconnect: nothing changes (the version), and merged again it would be the same
    expect(applyPushedAnswers(queryClient, trpc, frames[1]!, 200, applied)).toEqual([]);
    expect(applyPushedAnswers(queryClient, trpc, frames[1]!, 201, new WeakMap())).toHaveLength(3);
    expect(queryClient.getQueryData(rankingKey)).toEqual(states[1]!.ranking);
    applyPushedAnswers(queryClient, trpc, frames[2]!, 300, applied);
    expect(queryClient.getQueryData(all)).toEqual(states[2]!.values);
    expect(queryClient.getQueryData(rankingKey)).toEqual(states[2]!.ranking);
    for (const key of [all, index, rankingKey]) expect(queryClient.getQueryState(key)?.isInvalidated).toBe(false);
  });

  it('a query without the base the patch stands on keeps what it has and is fetched again', () => {
    const { queryClient, trpc, applied } = setup();
    const frames = framesOf(states);
    const all = trpc.values.current.queryKey({ orgUnitId: 1 });
    const rankingKey = trpc.values.ranking.queryKey({ kpiId: 'k', parentId: 1 });
    // loaded at the first state, the second frame missed (the socket joined after it)
    queryClient.setQueryData(all, states[0]!.values);
    queryClient.setQueryData(rankingKey, states[0]!.ranking);
    // and a query that holds nothing yet
    const empty = trpc.values.current.queryKey({ orgUnitId: 1, kpiIds: ['k'] });
    queryClient.getQueryCache().build(queryClient, { queryKey: empty });
    expect(applyPushedAnswers(queryClient, trpc, frames[2]!, 300, applied)).toEqual([]);
    expect(queryClient.getQueryData(all)).toEqual(states[0]!.values);
    expect(queryClient.getQueryData(rankingKey)).toEqual(states[0]!.ranking);
    for (const key of [all, rankingKey, empty]) expect(queryClient.getQueryState(key)?.isInvalidated).toBe(true);
    // a whole frame needs no base
    expect(applyPushedAnswers(queryClient, trpc, framesOf([states[2]!])[0]!, 400, applied)).toHaveLength(3);
    expect(queryClient.getQueryData(empty)).toEqual([states[2]!.values[1]]);
    expect(queryClient.getQueryData(all)).toEqual(states[2]!.values);
  });

  it('a patch arriving during a fetch merges into the answer that lands; one that does not stand on it keeps that answer, unfetched', async () => {
    const { queryClient, trpc, applied } = setup();
    const frames = framesOf(states);
    const all = trpc.values.current.queryKey({ orgUnitId: 1 });
    const fetchLanding = (answer: KpiSnapshot[]) => {
      let land!: () => void;
      const fetched = queryClient.fetchQuery({ queryKey: all, queryFn: () => new Promise<KpiSnapshot[]>((resolve) => (land = () => resolve(answer))) });
      return async () => {
        land();
        await fetched;
        await Promise.resolve();
      };
    };
    // the answer was read at the first state, the frame on its way carries the second: it goes on top
    let landed = fetchLanding(states[0]!.values);
    expect(applyPushedAnswers(queryClient, trpc, frames[1]!, 200, applied)).toEqual([]);
    await landed();
    expect(queryClient.getQueryData(all)).toEqual(states[1]!.values);

    // read at the third state, the second frame's patch replayed on it cannot stand: the fresher answer stays, not refetched
    const fresh = new WeakMap<Query, number>();
    landed = fetchLanding(states[2]!.values);
    applyPushedAnswers(queryClient, trpc, frames[1]!, 250, fresh);
    await landed();
    expect(queryClient.getQueryData(all)).toEqual(states[2]!.values);
    expect(queryClient.getQueryState(all)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(all)?.fetchStatus).toBe('idle');
  });

  it('a paused fetch (offline) has read nothing: the frame goes in at once', () => {
    const { queryClient, trpc, applied } = setup();
    const all = trpc.values.current.queryKey({ orgUnitId: 1 });
    onlineManager.setOnline(false);
    try {
      void queryClient.fetchQuery({ queryKey: all, queryFn: () => Promise.resolve(states[0]!.values), networkMode: 'online' }).catch(() => undefined);
      expect(queryClient.getQueryState(all)?.fetchStatus).toBe('paused');
      expect(applyPushedAnswers(queryClient, trpc, framesOf([states[1]!])[0]!, 200, applied)).toHaveLength(1);
      expect(queryClient.getQueryData(all)).toEqual(states[1]!.values);
    } finally {
      onlineManager.setOnline(true);
    }
  });
});
