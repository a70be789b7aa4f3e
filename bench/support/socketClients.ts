/**
 * A load generator for bench/connections.ts, in a process of its own (forked, IPC): opens idle
 * socket.io clients (WebSocket, subscribed to the nation's room, as the overview is) and counts the
 * frames they receive. Messages: {open: n} → {opened, failed}; {count: true} → {frames, reached};
 * {close: true} ends it.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events';

const url = process.argv[2]!;
/** handshakes in flight at once: a burst of thousands would be a benchmark of its own */
const OPENING_AT_ONCE = 100;
const clients: Array<{ socket: Socket<ServerToClientEvents, ClientToServerEvents>; frames: number }> = [];
let failed = 0;

async function openOne(): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 30_000 });
  const client = { socket, frames: 0 };
  socket.on('changed', () => (client.frames += 1));
  try {
    const reply = (await socket.timeout(30_000).emitWithAck('subscribe', { rooms: ['nation'] })) as { ok: boolean };
    if (!reply.ok) throw new Error('refused');
    clients.push(client);
  } catch {
    failed += 1;
    socket.disconnect();
  }
}

process.on('message', (message: { open?: number; count?: boolean; close?: boolean }) => {
  void (async () => {
    if (message.open) {
      let left = message.open;
      const worker = async () => {
        while (left > 0) {
          left -= 1;
          await openOne();
        }
      };
      await Promise.all(Array.from({ length: OPENING_AT_ONCE }, worker));
      process.send!({ opened: clients.length, failed });
    }
    if (message.count) {
      process.send!({ frames: clients.reduce((n, c) => n + c.frames, 0), reached: clients.filter((c) => c.frames > 0).length, connected: clients.filter((c) => c.socket.connected).length });
      for (const c of clients) c.frames = 0;
    }
    if (message.close) {
      for (const c of clients) c.socket.disconnect();
      process.exit(0);
    }
  })();
});
process.send!({ started: true });
