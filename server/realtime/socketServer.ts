/**
 * socket.io on the app's HTTP server. Browsers join rooms for what they show; every change heard
 * on the bus (a landed batch, a report's new status) marks the rooms it affects, and each room
 * gets at most one coalesced frame per FRAME_INTERVAL_MS (the first of a burst at once, see
 * frameScheduler.ts) naming the KPIs and provinces that changed, so a page refetches exactly what
 * it shows and ends with the same numbers as a fresh load, however busy the day. Alerts raised and
 * acknowledged go out at once. A page that drops and comes back within RECOVERY_WINDOW_MS gets
 * what it missed.
 *
 * Several instances: with REDIS_URL the Redis Streams adapter carries emissions to every instance's
 * sockets, so only changes written here are announced; without it, each instance announces local
 * and relayed (LISTEN/NOTIFY, see announceChange.ts) changes to its own sockets.
 */
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import type { AppContext } from '../appContext';
import type { ListenState } from '../db/listenConnection';
import type { PartState } from '../http/health';
import type { Change, ChangeOf } from './bus';
import { createFrameScheduler } from './frameScheduler';
import {
  FRAME_INTERVAL_MS,
  provinceRoom,
  SOCKET_PATH,
  subscribeSchema,
  type ClientToServerEvents,
  type Room,
  type ServerToClientEvents,
} from '../../shared/realtime/events';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** How long a dropped page may be away and still get what it missed instead of refetching. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

interface PendingFrame {
  kpiIds: Set<string>;
  provinceIds: Set<number>;
  cursor: number;
  batches: number;
}

export async function startSocketServer(
  app: AppContext,
  httpServer: http.Server,
  options: { redisUrl?: string; /** the Redis stream (tests keep theirs apart) */ redisStream?: string } = {},
): Promise<{ io: LiveServer; redisState(): PartState; close(): Promise<void> }> {
  // Short heartbeats: a wall screen should say "stale" within about fifteen seconds of a silent drop.
  // Connection-state recovery: a page back within the window gets the frames and alerts it missed
  // (socket.recovered) instead of refetching everything; frames only invalidate queries and alerts
  // are keyed by id, so one replayed twice does no harm.
  const io: LiveServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
  });
  const closers: Array<() => Promise<unknown>> = [];
  let redisState = (): PartState => 'unused';
  if (options.redisUrl) {
    // Redis Streams, not pub/sub: the streams adapter keeps recovery working across instances
    // and resumes after a Redis drop without losing packets (the pub/sub adapter does neither).
    const redis = createClient({ url: options.redisUrl });
    // node-redis reconnects by itself; an error without a listener would end the process.
    redis.on('error', (err: Error) => console.error('[live] Redis:', err.message));
    await redis.connect();
    io.adapter(createAdapter(redis, { streamName: options.redisStream ?? 'lienthong:live' }));
    redisState = () => (redis.isReady ? 'up' : 'down');
    closers.push(() => redis.quit());
    console.log('[live] socket.io across instances through Redis Streams');
  }
  let cursor = 0;
  // Without Redis, the other instances' changes reach this instance's pages only through the relay
  // (LISTEN): while it is down they say so, and back up they refetch what they show. With Redis the
  // writer's instance emits to every page itself, and the relay decides nothing a page sees.
  const relayed = !options.redisUrl && app.db.mode !== 'embedded-timescaledb';

  io.on('connection', (socket) => {
    if (relayed && app.db.listenState().state === 'down') socket.emit('relay', { state: 'down' });
    socket.on('subscribe', (request, reply) => {
      const parsed = subscribeSchema.safeParse(request);
      const respond = typeof reply === 'function' ? reply : () => undefined;
      if (!parsed.success) return respond({ ok: false, cursor, error: 'invalid subscription' });
      const tree = app.orgUnits();
      const rooms = parsed.data.rooms.filter((room) => room === 'nation' || tree.byIdOrUndefined(Number(room.split(':')[1]))?.level === 'province');
      for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
      void socket.join(rooms);
      respond({ ok: true, cursor });
    });
  });

  /** A batch moves the cursor; a status change marks the same rooms without one. */
  const frames = createFrameScheduler<Room, ChangeOf<'measurementsLanded' | 'reportStatusChanged'>, PendingFrame>({
    intervalMs: FRAME_INTERVAL_MS,
    merge: (pending, event) => {
      const frame = pending ?? { kpiIds: new Set(), provinceIds: new Set(), cursor: 0, batches: 0 };
      event.kpiIds.forEach((k) => frame.kpiIds.add(k));
      event.provinceIds.forEach((p) => frame.provinceIds.add(p));
      frame.cursor = Math.max(frame.cursor, cursor);
      if (event.kind === 'measurementsLanded') frame.batches += 1;
      return frame;
    },
    send: (room, frame) =>
      io.to(room).emit('changed', { kpiIds: [...frame.kpiIds], provinceIds: [...frame.provinceIds], cursor: frame.cursor, batches: frame.batches }),
  });
  const mark = (room: Room, event: ChangeOf<'measurementsLanded' | 'reportStatusChanged'>) => frames.add(room, event);
  const roomsOf = (provinceId: number | null): Room[] => (provinceId === null ? ['nation'] : ['nation', provinceRoom(provinceId)]);
  const onChange = (change: Change) => {
    if (options.redisUrl && change.origin === 'remote') return; // its writer's instance announces it
    switch (change.kind) {
      case 'measurementsLanded':
      case 'reportStatusChanged':
        if (change.kind === 'measurementsLanded') cursor = Math.max(cursor, change.batchId);
        mark('nation', change);
        for (const p of change.provinceIds) mark(provinceRoom(p), change);
        return;
      case 'alertRaised':
        io.to(roomsOf(app.orgUnits().get(change.alert.orgUnitId).provinceId)).emit('alert', change.alert);
        return;
      case 'alertAcknowledged':
        io.to(roomsOf(change.provinceId)).emit('alertAcknowledged', { id: change.id });
        return;
    }
  };
  app.bus.on('changed', onChange);

  const onRelay = (state: ListenState) => {
    if (relayed) io.local.emit('relay', { state });
  };
  app.bus.on('relay', onRelay);

  return {
    io,
    redisState: () => redisState(),
    close: async () => {
      frames.close();
      app.bus.off('changed', onChange);
      app.bus.off('relay', onRelay);
      await io.close();
      for (const close of closers) await close();
    },
  };
}
