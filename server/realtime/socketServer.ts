/**
 * socket.io on the app's HTTP server. Browsers join rooms for what they show; every landed batch
 * marks the rooms it affects, and each room gets at most one coalesced frame per FRAME_INTERVAL_MS
 * naming the KPIs and provinces that changed, so a page refetches exactly what it shows and ends
 * with the same numbers as a fresh load, however busy the day.
 *
 * Several instances: with REDIS_URL the Redis adapter carries emissions to every instance's
 * sockets, so only batches written here are announced; without it, each instance announces local
 * and relayed (LISTEN/NOTIFY) batches to its own sockets.
 */
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import type { AppContext } from '../appContext';
import type { MeasurementsLanded } from './bus';
import {
  FRAME_INTERVAL_MS,
  provinceRoom,
  SOCKET_PATH,
  subscribeSchema,
  type AlertPayload,
  type ClientToServerEvents,
  type Room,
  type ServerToClientEvents,
} from '../../shared/realtime/events';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

interface PendingFrame {
  kpiIds: Set<string>;
  provinceIds: Set<number>;
  cursor: number;
  batches: number;
}

export async function startSocketServer(
  app: AppContext,
  httpServer: http.Server,
  options: { redisUrl?: string } = {},
): Promise<{ io: LiveServer; close(): Promise<void> }> {
  // Short heartbeats: a wall screen should say "stale" within about fifteen seconds of a silent drop.
  const io: LiveServer = new Server(httpServer, { path: SOCKET_PATH, serveClient: false, pingInterval: 10_000, pingTimeout: 5_000 });
  const closers: Array<() => Promise<unknown>> = [];
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closers.push(() => pub.quit(), () => sub.quit());
    console.log('[live] socket.io across instances through Redis');
  }
  let cursor = 0;

  io.on('connection', (socket) => {
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

  const pending = new Map<Room, PendingFrame>();
  const mark = (room: Room, event: MeasurementsLanded) => {
    const frame = pending.get(room) ?? { kpiIds: new Set(), provinceIds: new Set(), cursor: 0, batches: 0 };
    event.kpiIds.forEach((k) => frame.kpiIds.add(k));
    event.provinceIds.forEach((p) => frame.provinceIds.add(p));
    frame.cursor = Math.max(frame.cursor, event.batchId);
    frame.batches += 1;
    pending.set(room, frame);
  };
  const onLanded = (event: MeasurementsLanded) => {
    if (options.redisUrl && event.origin === 'remote') return; // its writer's instance announces it
    cursor = Math.max(cursor, event.batchId);
    mark('nation', event);
    for (const p of event.provinceIds) mark(provinceRoom(p), event);
  };
  app.bus.on('measurementsLanded', onLanded);
  const onAlert = (alert: AlertPayload) => {
    const provinceId = app.orgUnits().get(alert.orgUnitId).provinceId;
    io.to(provinceId === null ? ['nation'] : ['nation', provinceRoom(provinceId)]).emit('alert', alert);
  };
  const onAck = (ack: { id: number; provinceId: number | null }) => {
    io.to(ack.provinceId === null ? ['nation'] : ['nation', provinceRoom(ack.provinceId)]).emit('alertAcknowledged', { id: ack.id });
  };
  app.bus.on('alertRaised', onAlert);
  app.bus.on('alertAcknowledged', onAck);

  const timer = setInterval(() => {
    for (const [room, frame] of pending) {
      io.to(room).emit('changed', {
        kpiIds: [...frame.kpiIds],
        provinceIds: [...frame.provinceIds],
        cursor: frame.cursor,
        batches: frame.batches,
      });
    }
    pending.clear();
  }, FRAME_INTERVAL_MS);
  timer.unref();

  return {
    io,
    close: async () => {
      clearInterval(timer);
      app.bus.off('measurementsLanded', onLanded);
      app.bus.off('alertRaised', onAlert);
      app.bus.off('alertAcknowledged', onAck);
      await io.close();
      for (const close of closers) await close();
    },
  };
}
