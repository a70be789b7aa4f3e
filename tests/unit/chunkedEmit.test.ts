/**
 * A frame's writes spread over event-loop turns (server/realtime/chunkedEmit.ts), on socket.io's
 * own adapter with connection-state recovery (SessionAwareAdapter) and stand-in sockets that log
 * what they are written: a turn writes what its budget allows and yields; a socket gets its packets
 * in the order the adapter stored them, even when an alert comes while a frame is half written; a
 * socket that drops before its turn is written nothing and recovers the frame exactly once; the
 * writes of the next frame never start before the previous one's are done. And the frames that wait
 * behind one being written merge (pendingFrame.ts `mergeFrames`).
 */
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spreadBroadcasts, type SpreadWrites } from '../../server/realtime/chunkedEmit';

interface Packet {
  event: string;
  payload: unknown;
  offset: string;
}

/** A socket as the adapter's write sees it: an id, and a client whose connection may be closed. */
class StandInSocket {
  written: Packet[] = [];
  open = true;
  acks = new Map<number, unknown>();
  constructor(readonly id: string) {}
  client = {
    writeToEngine: (encoded: string[]) => {
      if (!this.open) return; // engine.io drops a write to a closed connection
      for (const text of encoded) {
        const [event, payload, offset] = JSON.parse(text.replace(/^\d+/, '')) as [string, unknown, string];
        this.written.push({ event, payload, offset });
      }
    },
  };
}

describe('spreadBroadcasts', () => {
  let io: Server;
  let turns: Array<() => void>;
  let writes: SpreadWrites;
  let sockets: StandInSocket[];
  /** the clock moves one ms per look: with step 1 and a budget of 2 ms, a turn writes 2 sockets */
  let clock: number;
  const adapter = () => io.of('/').adapter as unknown as {
    addAll(id: string, rooms: Set<string>): void;
    delAll(id: string): void;
    persistSession(session: object): void;
    restoreSession(pid: string, offset: string): Promise<{ missedPackets: unknown[][] } | null>;
  };
  const join = (count: number, rooms: string[]) => {
    const nsp = io.of('/') as unknown as { sockets: Map<string, unknown> };
    const made = Array.from({ length: count }, (_, i) => new StandInSocket(`s${sockets.length + i}`));
    for (const s of made) {
      nsp.sockets.set(s.id, s);
      adapter().addAll(s.id, new Set([s.id, ...rooms]));
    }
    sockets.push(...made);
    return made;
  };
  const runTurn = () => turns.shift()?.();
  const runAll = () => {
    while (turns.length > 0) runTurn();
  };
  const frames = (s: StandInSocket) => s.written.filter((p) => p.event === 'changed').map((p) => (p.payload as { n: number }).n);

  beforeEach(() => {
    io = new Server({ connectionStateRecovery: { maxDisconnectionDuration: 60_000 } });
    turns = [];
    sockets = [];
    clock = 0;
    writes = spreadBroadcasts(io.of('/').adapter, {
      spread: (packet) => packet.data?.[0] === 'changed',
      budgetMs: 2,
      step: 1,
      now: () => clock++,
      defer: (next) => turns.push(next),
    });
  });
  // never listened: nothing to close but the hooks (the adapter's cleaning timer is unref'd)
  afterEach(() => writes.close());

  it('writes a frame a budget’s worth per turn, the first at once', async () => {
    join(5, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    expect(sockets.map((s) => frames(s).length)).toEqual([1, 1, 0, 0, 0]);
    expect(writes.queued()).toBe(3);
    let written = false;
    void writes.lastWritten().then(() => (written = true));
    runTurn();
    expect(sockets.map((s) => frames(s).length)).toEqual([1, 1, 1, 1, 0]);
    await Promise.resolve();
    expect(written).toBe(false);
    runTurn();
    expect(sockets.every((s) => frames(s).length === 1)).toBe(true);
    expect(turns).toHaveLength(0);
    await writes.lastWritten();
    expect(written).toBe(true);
  });

  it('writes the same packet the adapter stored, with its recovery offset, to every socket', () => {
    join(4, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    runAll();
    const offsets = new Set(sockets.map((s) => s.written[0]!.offset));
    expect(offsets.size).toBe(1);
    expect([...offsets][0]).toMatch(/\S/);
  });

  it('starts the next frame’s writes, whatever its room, only after the previous one’s', () => {
    const nation = join(3, ['nation']);
    const province = join(2, ['province:22']);
    io.to('nation').emit('changed', { n: 1 });
    io.to('province:22').emit('changed', { n: 2 });
    io.to('nation').emit('changed', { n: 3 });
    expect(province.every((s) => s.written.length === 0)).toBe(true);
    runAll();
    for (const s of nation) expect(frames(s)).toEqual([1, 3]);
    for (const s of province) expect(frames(s)).toEqual([2]);
  });

  it('writes an alert at once, after what is still queued for each of its sockets', () => {
    join(6, ['nation', 'alerts']);
    io.to('nation').emit('changed', { n: 1 });
    io.to('alerts').emit('alert', { id: 7 });
    // everyone has the alert now, and had the frame first
    for (const s of sockets) expect(s.written.map((p) => p.event)).toEqual(['changed', 'alert']);
    runAll();
    for (const s of sockets) expect(s.written.map((p) => p.event)).toEqual(['changed', 'alert']);
  });

  it('replies to one socket at once, after its queued frame; the others’ turns are unchanged', () => {
    join(5, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    io.to('s4').emit('alertsRecent', []);
    expect(sockets[4]!.written.map((p) => p.event)).toEqual(['changed', 'alertsRecent']);
    expect(sockets.slice(2, 4).every((s) => s.written.length === 0)).toBe(true);
    runAll();
    expect(sockets.every((s) => frames(s).length === 1)).toBe(true);
  });

  it('leaves a broadcast that waits for acknowledgements, and other adapter calls, as they were', async () => {
    join(5, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    expect(await io.in('nation').fetchSockets()).toHaveLength(5);
    // acknowledgements: every socket written at once (the count is taken right away)
    io.to('nation').timeout(10).emit('changed', { n: 2 }, () => undefined);
    expect(sockets.every((s) => frames(s).includes(2))).toBe(true);
    expect(sockets.every((s) => frames(s).indexOf(1) < frames(s).indexOf(2))).toBe(true);
  });

  it('a socket that drops before its turn is written nothing, and recovers the frame exactly once', async () => {
    join(5, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    runAll();
    const away = sockets[4]!;
    const lastOffset = away.written.at(-1)!.offset;
    io.to('nation').emit('changed', { n: 2 });
    // the network drops before its turn: socket.io saves its session and takes it out of its rooms
    away.open = false;
    adapter().persistSession({ sid: away.id, pid: 'pid-away', rooms: [away.id, 'nation'], data: {} });
    adapter().delAll(away.id);
    io.to('nation').emit('changed', { n: 3 });
    runAll();
    expect(frames(away)).toEqual([1]);
    const session = await adapter().restoreSession('pid-away', lastOffset);
    expect(session!.missedPackets.map((data) => (data[1] as { n: number }).n)).toEqual([2, 3]);
    // the others got each frame once, in order
    for (const s of sockets.slice(0, 4)) expect(frames(s)).toEqual([1, 2, 3]);
  });

  it('a page back by recovery before its turn is not written the frame it recovered', async () => {
    join(4, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    runAll();
    const away = sockets[3]!;
    const lastOffset = away.written.at(-1)!.offset;
    io.to('nation').emit('changed', { n: 2 });
    away.open = false;
    adapter().persistSession({ sid: away.id, pid: 'pid-away', rooms: [away.id, 'nation'], data: {} });
    adapter().delAll(away.id);
    // back within the window: a new socket with the same id, in the same rooms, given what it missed
    const session = await adapter().restoreSession('pid-away', lastOffset);
    const back = new StandInSocket(away.id);
    (io.of('/') as unknown as { sockets: Map<string, unknown> }).sockets.set(back.id, back);
    adapter().addAll(back.id, new Set([back.id, 'nation']));
    expect(session!.missedPackets.map((data) => (data[1] as { n: number }).n)).toEqual([2]);
    runAll();
    expect(frames(back)).toEqual([]);
    io.to('nation').emit('changed', { n: 3 });
    runAll();
    expect(frames(back)).toEqual([3]);
  });

  it('a page whose last packet was an alert that overtook nothing recovers every frame after it', async () => {
    join(4, ['nation', 'alerts']);
    io.to('nation').emit('changed', { n: 1 });
    io.to('alerts').emit('alert', { id: 1 });
    const s = sockets[3]!;
    const lastOffset = s.written.at(-1)!.offset;
    expect(s.written.at(-1)!.event).toBe('alert');
    io.to('nation').emit('changed', { n: 2 });
    s.open = false;
    adapter().persistSession({ sid: s.id, pid: 'pid-s', rooms: [s.id, 'nation', 'alerts'], data: {} });
    adapter().delAll(s.id);
    runAll();
    const session = await adapter().restoreSession('pid-s', lastOffset);
    expect(session!.missedPackets.map((data) => data[0])).toEqual(['changed']);
    expect(frames(s)).toEqual([1]);
  });

  it('resolves at once for a frame to a room with no socket here', async () => {
    io.to('nation').emit('changed', { n: 1 });
    await writes.lastWritten();
    expect(writes.queued()).toBe(0);
  });

  it('close writes what is queued and puts the adapter back', () => {
    join(5, ['nation']);
    io.to('nation').emit('changed', { n: 1 });
    writes.close();
    expect(sockets.every((s) => frames(s).length === 1)).toBe(true);
    io.to('nation').emit('changed', { n: 2 });
    expect(sockets.every((s) => frames(s).length === 2)).toBe(true);
    expect(Object.hasOwn(io.of('/').adapter, 'apply')).toBe(false);
  });
});
