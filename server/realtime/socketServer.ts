/**
 * socket.io on the app's HTTP server. A page joins the room of the unit it shows (`nation`,
 * `province:79`, `commune:…`) and `alerts`. Every change heard on the bus (a landed batch, a report's
 * new status) marks the rooms it affects — the nation, the provinces it names, the watched communes
 * of those provinces — and each room gets at most one coalesced frame per FRAME_INTERVAL_MS (the
 * first of a burst at once, see frameScheduler.ts) naming the KPIs and provinces that changed and
 * carrying the room's unit's numbers as they are now (roomViews.ts): computed once per room and
 * frame, whatever the number of sockets in it, so the server's work per frame grows with the rooms
 * and the changed series, not with the viewers. Pages put those numbers in their cache and refetch
 * only what a frame does not carry. Alerts raised and acknowledged go to `alerts` at once, with the
 * alert. A page that drops and comes back within RECOVERY_WINDOW_MS gets what it missed.
 *
 * Several instances: with REDIS_URL the Redis Streams adapter carries emissions to every instance's
 * sockets, so only changes written here are announced; without it, each instance announces local
 * and relayed (LISTEN/NOTIFY, see announceChange.ts) changes to its own sockets. Commune rooms are
 * the exception: which ones are watched is known only where their sockets are, so every instance
 * serves its own commune rooms, for every change, locally.
 */
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import type { AppContext } from '../appContext';
import type { ListenState } from '../db/listenConnection';
import type { PartState } from '../http/health';
import type { Change, ChangeOf } from './bus';
import { spreadBroadcasts } from './chunkedEmit';
import { createFrameScheduler } from './frameScheduler';
import { mergeChange, type PendingFrame } from './pendingFrame';
import { computeRoomValues, unitOfRoom } from './roomViews';
import { recentOpenAlerts } from '../services/alerts';
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

export async function startSocketServer(
  app: AppContext,
  httpServer: http.Server,
  options: {
    redisUrl?: string;
    /** the Redis stream (tests keep theirs apart) */
    redisStream?: string;
    /** false: socket.io writes each frame to all its sockets at once (bench/connections.ts compares) */
    spreadWrites?: boolean;
  } = {},
): Promise<{ io: LiveServer; redisState(): PartState; close(): Promise<void> }> {
  // Short heartbeats: a wall screen should say "stale" within about fifteen seconds of a silent drop.
  // Connection-state recovery: a page back within the window gets the frames and alerts it missed
  // (socket.recovered) instead of refetching everything; a frame carries the numbers as they are
  // (not a difference) with their version, and alerts are keyed by id, so one replayed twice does
  // no harm.
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
      const rooms = parsed.data.rooms.filter((room) => room === 'alerts' || unitOfRoom(app, room) !== undefined);
      const joiningAlerts = rooms.includes('alerts') && !socket.rooms.has('alerts');
      for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
      void socket.join(rooms);
      respond({ ok: true, cursor });
      // what was raised between the page's render and this join (alerts are checked in the background)
      if (joiningAlerts) {
        recentOpenAlerts(app, parsed.data.alertsAfter ?? 0).then(
          (alerts) => alerts.length > 0 && socket.emit('alertsRecent', alerts),
          (err: unknown) => console.error('[live] the recent alerts for a joining page failed:', err),
        );
      }
    });
  });

  // The commune rooms with sockets on this instance (the adapter says when a room appears and goes).
  const watchedCommunes = new Set<Room>();
  const adapter = io.of('/').adapter;
  adapter.on('create-room', (room: string) => room.startsWith('commune:') && watchedCommunes.add(room));
  adapter.on('delete-room', (room: string) => watchedCommunes.delete(room));
  const isCommuneRoom = (room: Room) => room.startsWith('commune:');
  // A frame's writes to this instance's sockets go a few milliseconds' worth per event-loop turn
  // (chunkedEmit.ts): at 10,000 sockets one frame held the loop for 0.6–2.9 s (BENCHMARKS.md, 4). The
  // adapter still stores it for recovery, and relays it to the other instances, which spread their
  // own writes alike. Everything else (alerts, replies to one socket) is written at once.
  const writes = options.spreadWrites === false ? undefined : spreadBroadcasts(adapter, { spread: (packet) => packet.data?.[0] === 'changed' });

  /**
   * One room's frame: its unit's numbers read once, then the same text to every socket in it. A
   * room with no socket here (and, without Redis, nowhere) gets the frame without numbers, for a
   * page that comes back within the recovery window: it refetches what the frame names.
   */
  const emitFrame = async (room: Room, frame: PendingFrame) => {
    const unit = unitOfRoom(app, room);
    // the real clock (Date is the app's, frozen in tests): the instant the numbers are read
    const version = Math.round(performance.timeOrigin + performance.now());
    const kpiIds = [...frame.kpiIds];
    const watched = (options.redisUrl && !isCommuneRoom(room)) || (adapter.rooms.get(room)?.size ?? 0) > 0;
    let values: string | undefined;
    if (unit && watched) {
      try {
        values = await computeRoomValues(app, unit, kpiIds);
      } catch (err) {
        console.error(`[live] the numbers of ${room} failed; its pages refetch:`, err);
      }
    }
    const to = isCommuneRoom(room) ? io.local.to(room) : io.to(room);
    to.emit('changed', { room, kpiIds, provinceIds: [...frame.provinceIds], cursor: frame.cursor, batches: frame.batches, version, ...(values === undefined ? {} : { values }) });
    // the room's next frame waits until this one has reached this instance's sockets
    await writes?.lastWritten();
  };
  /**
   * Frames of one room leave in order, each after the numbers and this instance's writes of the one
   * before: the scheduler (frameScheduler.ts) hands a room its next frame only once the promise of
   * the one being sent has settled, merging meanwhile whatever arrives, so when the writes take
   * longer than the frame interval the room gets fewer frames, not a growing queue of them.
   */
  const send = (room: Room, frame: PendingFrame) => emitFrame(room, frame);

  /** A batch moves the cursor; a status change marks the same rooms without one. */
  const frames = createFrameScheduler<Room, ChangeOf<'measurementsLanded' | 'reportStatusChanged'>, PendingFrame>({
    intervalMs: FRAME_INTERVAL_MS,
    merge: (pending, event) => mergeChange(pending, event, cursor),
    send,
  });
  const markCommunes = (change: ChangeOf<'measurementsLanded' | 'reportStatusChanged'>) => {
    const provinces = new Set(change.provinceIds);
    for (const room of watchedCommunes) {
      const unit = unitOfRoom(app, room);
      if (unit?.provinceId !== null && unit?.provinceId !== undefined && provinces.has(unit.provinceId)) frames.add(room, change);
    }
  };
  const onChange = (change: Change) => {
    // With Redis its writer's instance announces a change to every instance's pages; commune rooms excepted.
    const announce = !(options.redisUrl && change.origin === 'remote');
    switch (change.kind) {
      case 'measurementsLanded':
      case 'reportStatusChanged':
        if (change.kind === 'measurementsLanded') cursor = Math.max(cursor, change.batchId);
        if (announce) {
          frames.add('nation', change);
          for (const p of change.provinceIds) frames.add(provinceRoom(p), change);
        }
        markCommunes(change);
        return;
      case 'alertRaised':
        if (announce) io.to('alerts').emit('alert', change.alert);
        return;
      case 'alertAcknowledged':
        if (announce) io.to('alerts').emit('alertAcknowledged', { id: change.id });
        return;
      case 'alertResolved':
        if (announce) io.to('alerts').emit('alertResolved', { id: change.id });
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
      writes?.close();
      app.bus.off('changed', onChange);
      app.bus.off('relay', onRelay);
      await io.close();
      for (const close of closers) await close();
    },
  };
}
