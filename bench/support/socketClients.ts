/**
 * A load generator for bench/connections.ts and bench/freshness.ts, in a process of its own
 * (forked, IPC): opens idle socket.io clients (WebSocket, subscribed to the nation's room, as the
 * overview is, or to the rooms given for each) and counts the frames they receive; while
 * recording, it also keeps each frame's cursor and the instant it arrived (ms since the epoch on
 * the real clock: performance.timeOrigin + now, the clock the server stamps commits with).
 * Messages: {open: n, rooms?: Room[][]} (rooms[i] for the i-th client opened) → {opened, failed};
 * {count: true} → {frames, reached, connected}; {record: true} → {recording}; {collect: true} →
 * {lagP99, clients: [{rooms, connected, frames: [cursor, at][]}]} and stops recording; {close: true} ends it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type Room, type ServerToClientEvents } from '../../shared/realtime/events';

const url = process.argv[2]!;
/** handshakes in flight at once: a burst of thousands would be a benchmark of its own */
const OPENING_AT_ONCE = 100;
interface Client {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  rooms: Room[];
  frames: number;
  received: Array<[cursor: number, at: number]>;
}
const clients: Client[] = [];
let failed = 0;
let recording = false;
/** this process's own delay while recording: arrivals it stamps late by up to that much */
const lag = monitorEventLoopDelay({ resolution: 10 });

async function openOne(rooms: Room[]): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 30_000 });
  const client: Client = { socket, rooms, frames: 0, received: [] };
  socket.on('changed', (frame) => {
    client.frames += 1;
    if (recording) client.received.push([frame.cursor, performance.timeOrigin + performance.now()]);
  });
  try {
    const reply = (await socket.timeout(30_000).emitWithAck('subscribe', { rooms })) as { ok: boolean };
    if (!reply.ok) throw new Error('refused');
    clients.push(client);
  } catch {
    failed += 1;
    socket.disconnect();
  }
}

process.on('message', (message: { open?: number; rooms?: Room[][]; count?: boolean; record?: boolean; collect?: boolean; close?: boolean }) => {
  void (async () => {
    if (message.open) {
      let next = 0;
      const worker = async () => {
        while (next < message.open!) {
          const i = next++;
          await openOne(message.rooms?.[i] ?? ['nation']);
        }
      };
      await Promise.all(Array.from({ length: OPENING_AT_ONCE }, worker));
      process.send!({ opened: clients.length, failed });
    }
    if (message.count) {
      process.send!({ frames: clients.reduce((n, c) => n + c.frames, 0), reached: clients.filter((c) => c.frames > 0).length, connected: clients.filter((c) => c.socket.connected).length });
      for (const c of clients) c.frames = 0;
    }
    if (message.record) {
      for (const c of clients) c.received = [];
      lag.reset();
      lag.enable();
      recording = true;
      process.send!({ recording: true });
    }
    if (message.collect) {
      recording = false;
      lag.disable();
      process.send!({ lagP99: lag.percentile(99) / 1e6, clients: clients.map((c) => ({ rooms: c.rooms, connected: c.socket.connected, frames: c.received })) });
      for (const c of clients) c.received = [];
    }
    if (message.close) {
      for (const c of clients) c.socket.disconnect();
      process.exit(0);
    }
  })();
});
process.send!({ started: true });
