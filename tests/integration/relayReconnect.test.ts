/**
 * Server mode, two instances on one database: when the second instance's LISTEN connection dies
 * (what a PostgreSQL restart does to it; here its backend is terminated, so the other suites
 * sharing the server are untouched) the instance says so — bus `relay` down, `/api/ready`'s report
 * not ok, its pages told they are stale — reconnects by itself, tells its pages to refetch, and
 * hears the first instance's changes again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { ListenState } from '../../server/db/listenConnection';
import { checkHealth, WITHOUT_REDIS, type HealthReport } from '../../server/http/health';
import { announceChange, relayRemoteChanges } from '../../server/realtime/announceChange';
import type { Change } from '../../server/realtime/bus';
import { startSocketServer } from '../../server/realtime/socketServer';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events';
import { availableModes, openOtherInstance, openTestApp } from '../helpers/testDb';

const serverMode = (await availableModes()).includes('server');

describe.runIf(serverMode)('the relay between instances survives a lost LISTEN connection (server)', () => {
  let writer: AppContext;
  let reader: AppContext;
  const closers: Array<() => Promise<unknown>> = [];
  const heard: Change[] = [];
  const states: ListenState[] = [];
  /** the health report taken the moment the reader's relay went down */
  let reportWhenDown: Promise<HealthReport> | undefined;

  beforeAll(async () => {
    const opened = await openTestApp('server');
    writer = opened.app;
    closers.push(opened.close);
    const second = await openOtherInstance(opened.url!);
    reader = second.app;
    closers.unshift(second.close);
    // only the reader relays: its LISTEN connection is the only one in this database
    closers.unshift(await relayRemoteChanges(reader));
    reader.bus.on('changed', (c) => heard.push(c));
    reader.bus.on('relay', (state) => {
      states.push(state);
      if (state === 'down') reportWhenDown ??= checkHealth(reader, WITHOUT_REDIS);
    });
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** Commits an acknowledgement with this id on the writer and waits until the reader heard it. */
  const heardAcross = async (id: number) => {
    await writer.db.transaction((tx) => announceChange(writer, tx, { kind: 'alertAcknowledged', id, provinceId: null }));
    await vi.waitFor(() => expect(heard.some((c) => c.kind === 'alertAcknowledged' && c.id === id && c.origin === 'remote')).toBe(true), { timeout: 10_000 });
  };

  it('reports down, comes back by itself, hears the other instance again and tells its pages', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = await startSocketServer(reader, server);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
    });
    try {
      const told: string[] = [];
      socket.on('relay', ({ state }) => told.push(state));
      expect(await socket.emitWithAck('subscribe', { rooms: ['nation'] })).toMatchObject({ ok: true });
      await heardAcross(-1);
      expect(reader.db.listenState().state).toBe('up');
      expect((await checkHealth(reader, WITHOUT_REDIS)).ok).toBe(true);

      const [killed] = await writer.db.query<{ terminated: number }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS terminated
           FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'lienthong-listen'`,
      );
      expect(killed?.terminated).toBe(1);

      await vi.waitFor(() => expect(states).toEqual(['down', 'up']), { timeout: 10_000 });
      const down = await reportWhenDown!;
      expect(down).toMatchObject({ ok: false, relay: 'down', database: 'up' });
      expect((await checkHealth(reader, WITHOUT_REDIS)).ok).toBe(true);
      // its pages heard both: stale, then refetch
      await vi.waitFor(() => expect(told).toEqual(['down', 'up']), { timeout: 15_000 });
      await heardAcross(-2);
    } finally {
      socket.disconnect();
      await live.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
