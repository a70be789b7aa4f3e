/**
 * Push computed once, fanned out: a room's frame carries its unit's numbers as the procedures
 * answer them, read once per room and frame whatever the number of sockets in it (the read cache
 * counts the computations), the same text to every socket; a province's and a commune's room get
 * their unit's numbers. After the room's first frame the views go as patches of what changed: a
 * page applying every frame holds what a fresh load answers.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryClient, type Query } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { io as connectSocket, type Socket } from 'socket.io-client';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyPushedAnswers, decodeFrameValues } from '../../components/live/applyFrame';
import { createAppContext, type AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { forgetSentViews } from '../../server/realtime/roomViews';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { announceChange } from '../../server/realtime/announceChange';
import { startSocketServer } from '../../server/realtime/socketServer';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller, type AppRouter } from '../../server/trpc/root';
import { seedOrgUnits } from '../../seed/seedDatabase';
import { FRAME_INTERVAL_MS, SOCKET_PATH, communeRoom, provinceRoom, type ChangedFrame, type ClientToServerEvents, type PushedView, type Room, type ServerToClientEvents } from '../../shared/realtime/events';
import { periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localInstant } from '../helpers/integration';
import { availableModes, openTestDb } from '../helpers/testDb';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe.each(await availableModes())('live push (%s)', (mode) => {
  let app: AppContext;
  let closeDb: () => Promise<void>;
  let server: http.Server;
  let live: Awaited<ReturnType<typeof startSocketServer>>;
  let batchId = 0;
  beforeAll(async () => {
    const test = await openTestDb(mode);
    closeDb = test.close;
    await seedOrgUnits(test.db);
    app = await createAppContext(test.db, new EventEmitter(), { cacheReads: true });
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    live = await startSocketServer(app, server);
  });
  afterAll(async () => {
    await live.close();
    await closeDb();
  });

  const province = () => app.orgUnits().byCodeOrUndefined('22')!;

  async function connect(rooms: Room[]): Promise<{ socket: LiveSocket; frames: ChangedFrame[] }> {
    const socket: LiveSocket = connectSocket(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { path: SOCKET_PATH, transports: ['websocket'] });
    const frames: ChangedFrame[] = [];
    socket.on('changed', (f) => frames.push(f));
    expect(await socket.emitWithAck('subscribe', { rooms })).toMatchObject({ ok: true });
    return { socket, frames };
  }

  /** A batch of one KPI in the province, announced as a writer does; resolves once every socket has its frame. */
  async function land(kpiId: string, sockets: Array<{ frames: ChangedFrame[] }>): Promise<void> {
    const before = sockets.map((s) => s.frames.length);
    // the room's next frame may wait for the interval: never two within it
    await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS + 10));
    batchId += 1;
    await app.db.transaction((tx) =>
      announceChange(app, tx, { kind: 'measurementsLanded', batchId, rowCount: 1, kpiIds: [kpiId], provinceIds: [province().id], from: TEST_NOW, to: TEST_NOW }),
    );
    await vi.waitFor(() => sockets.forEach((s, i) => expect(s.frames.length).toBeGreaterThan(before[i]!)), { timeout: 10_000 });
  }

  it('carries the nation’s numbers as the procedures answer them, the same text to every socket', async () => {
    const viewers = await Promise.all([connect(['nation']), connect(['nation'])]);
    forgetSentViews(app); // the room's first frame: every view whole
    try {
      await land('dossiers_on_time', viewers);
      const [a, b] = viewers.map((v) => v.frames.at(-1)!);
      expect(a!.room).toBe('nation');
      expect(a!.values).toBeDefined();
      expect(b!.values).toBe(a!.values);
      const views = superjson.parse<Array<PushedView & { data: unknown }>>(a!.values!);
      const nation = app.orgUnits().nation;
      const caller = createCaller(serverCallerContext(app));
      expect(views.find((v) => v.path === 'values.current')).toEqual({ path: 'values.current', input: { orgUnitId: nation.id }, data: await caller.values.current({ orgUnitId: nation.id }) });
      // the ranking of the KPI that moved, and of the composites standing on it
      expect(views.filter((v) => v.path === 'values.ranking').map((v) => v.input)).toEqual(
        expect.arrayContaining([
          { kpiId: 'dossiers_on_time', parentId: nation.id },
          { kpiId: 'service_index', parentId: nation.id },
        ]),
      );
      const ranking = views.find((v) => v.path === 'values.ranking' && v.input.kpiId === 'dossiers_on_time');
      expect(ranking?.data).toEqual(await caller.values.ranking({ kpiId: 'dossiers_on_time', parentId: nation.id }));
      expect(views.some((v) => v.path === 'values.scorecard')).toBe(true);
      expect(b!.version).toBeGreaterThan(0);
    } finally {
      viewers.forEach((v) => v.socket.disconnect());
    }
  });

  it('reads a room’s numbers once per frame: 40 sockets in the room cost what one does', async () => {
    const cache = app.readCache!;
    const one = [await connect(['nation'])];
    const many = await Promise.all(Array.from({ length: 40 }, () => connect(['nation'])));
    try {
      await land('data_reused', one); // what the other topics' reads keep is in the cache from here on
      let computed = cache.stats.computed;
      await land('data_reused', one);
      const forOne = cache.stats.computed - computed;
      one[0]!.socket.disconnect();
      computed = cache.stats.computed;
      await land('data_reused', many);
      const forMany = cache.stats.computed - computed;
      expect(forOne).toBeGreaterThan(0);
      expect(forMany).toBe(forOne);
      expect(new Set(many.map((v) => v.frames.at(-1)!.values)).size).toBe(1);
    } finally {
      [...one, ...many].forEach((v) => v.socket.disconnect());
    }
  });

  it('a province page gets its province’s numbers, a commune page its commune’s', async () => {
    const commune = app.orgUnits().childrenOf(province().id)[0]!;
    const provincePage = await connect([provinceRoom(province().id)]);
    const communePage = await connect([communeRoom(commune.id)]);
    try {
      await land('dossiers_on_time', [provincePage, communePage]);
      const pushed = (f: ChangedFrame) => superjson.parse<Array<PushedView & { data: unknown }>>(f.values!);
      const p = provincePage.frames.at(-1)!;
      expect(p.room).toBe(provinceRoom(province().id));
      expect(pushed(p).find((v) => v.path === 'values.current')?.input).toEqual({ orgUnitId: province().id });
      expect(pushed(p).some((v) => v.path === 'values.ranking' && v.input.parentId === province().id)).toBe(true);
      const c = communePage.frames.at(-1)!;
      expect(c.room).toBe(communeRoom(commune.id));
      expect(pushed(c).map((v) => v.path)).toEqual(['values.current']);
    } finally {
      provincePage.socket.disconnect();
      communePage.socket.disconnect();
    }
  });

  it('a page applying each frame holds what a fresh load answers; after the first, the frames carry patches', async () => {
    const nation = app.orgUnits().nation;
    const caller = createCaller(serverCallerContext(app));
    const queryClient = new QueryClient();
    const trpc = createTRPCOptionsProxy<AppRouter>({ client: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] }), queryClient });
    const applied = new WeakMap<Query, number>();
    const views = [
      { key: trpc.values.current.queryKey({ orgUnitId: nation.id }), fresh: () => caller.values.current({ orgUnitId: nation.id }) },
      { key: trpc.values.current.queryKey({ orgUnitId: nation.id, kpiIds: ['service_index', 'dossiers_on_time'] }), fresh: () => caller.values.current({ orgUnitId: nation.id, kpiIds: ['service_index', 'dossiers_on_time'] }) },
      { key: trpc.values.ranking.queryKey({ kpiId: 'dossiers_on_time', parentId: nation.id }), fresh: () => caller.values.ranking({ kpiId: 'dossiers_on_time', parentId: nation.id }) },
      { key: trpc.values.ranking.queryKey({ kpiId: 'service_index', parentId: nation.id }), fresh: () => caller.values.ranking({ kpiId: 'service_index', parentId: nation.id }) },
      { key: trpc.values.scorecard.queryKey({}), fresh: () => caller.values.scorecard({}) },
    ];
    // the page's first load
    for (const view of views) queryClient.setQueryData(view.key, await view.fresh());
    const page = await connect(['nation']);
    const system: Principal = { kind: 'system', name: `system:live-${mode}`, scopeUnitId: nation.id, role: 'system' };
    const today = periodStart('day', TEST_NOW);
    try {
      const writes: Array<[code: string, hour: number, perMille: number]> = [['79', 6, 900], ['01', 7, 400], ['22', 8, 990], ['79', 9, 100]];
      for (const [i, [code, hour, perMille]] of writes.entries()) {
        const before = page.frames.length;
        await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS + 10));
        const time = localInstant(new Date(today.getTime() + hour * 3600_000));
        await ingestMeasurements(app, system, [{ kpiId: 'dossiers_on_time', orgUnitCode: code, time, numerator: perMille, denominator: 1000 }], { source: 'api' });
        await vi.waitFor(() => expect(page.frames.length).toBeGreaterThan(before), { timeout: 10_000 });
        const frame = page.frames.at(-1)!;
        const answers = decodeFrameValues(frame);
        applyPushedAnswers(queryClient, trpc, answers, frame.version, applied);
        for (const view of views) {
          expect(queryClient.getQueryState(view.key)?.isInvalidated, `${JSON.stringify(view.key)} merged`).toBe(false);
          expect(queryClient.getQueryData(view.key)).toEqual(await view.fresh());
        }
        // the room had a frame before: what changed since
        if (i > 0) expect(answers.filter((a) => a.patch !== undefined).map((a) => a.path)).toEqual(expect.arrayContaining(['values.current', 'values.ranking', 'values.scorecard']));
      }
    } finally {
      page.socket.disconnect();
    }
  });
});
