/**
 * The viewers of bench/liveFanOut.ts, in a process of their own (so their work is not the
 * server's): N socket.io clients in one room; the first decodes each frame's numbers as a page does. Tells the parent once all N are subscribed, and for each frame once all N have it.
 *   node --import tsx bench/support/liveViewers.ts <url> <viewers> <room>
 */
import { io, type Socket } from 'socket.io-client';
import superjson from 'superjson';
import { SOCKET_PATH, type ClientToServerEvents, type Room, type ServerToClientEvents } from '../../shared/realtime/events';

const [url, countText, room] = process.argv.slice(2) as [string, string, Room];
const count = Number(countText);
const received = new Map<number, number>();
let decodeMs = 0;

const sockets: Array<Socket<ServerToClientEvents, ClientToServerEvents>> = [];
let subscribed = 0;
for (let i = 0; i < count; i++) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  socket.on('connect', () => {
    socket.emit('subscribe', { rooms: [room, 'alerts'] }, () => {
      subscribed += 1;
      if (subscribed === count) process.send!({ kind: 'ready' });
    });
  });
  socket.on('changed', (frame) => {
    // one viewer decodes as a page does (the figure); the others only count, so that this process,
    // which plays a thousand browsers on one core, keeps up with the server
    if (i === 0 && frame.values) {
      const t0 = performance.now();
      superjson.parse(frame.values);
      decodeMs = performance.now() - t0;
    }
    const n = (received.get(frame.version) ?? 0) + 1;
    received.set(frame.version, n);
    if (n === count) {
      process.send!({ kind: 'frame', version: frame.version, withValues: frame.values !== undefined, bytes: frame.values?.length ?? 0, decodeMsPerViewer: decodeMs });
      received.delete(frame.version);
    }
  });
}

process.on('message', (message: { kind: string }) => {
  if (message.kind !== 'stop') return;
  for (const s of sockets) s.disconnect();
  process.exit(0);
});
