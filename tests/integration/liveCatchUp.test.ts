/**
 * Catch-up after a network drop (socket.io connection-state recovery): a page whose connection
 * drops and comes back within the window receives the frame and the alert sent meanwhile, and
 * knows it recovered (so it does not refetch everything). Alone (in-memory adapter) and through
 * Redis Streams (the adapter several instances use; a stream of this run's own).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { announceChange } from '../../server/realtime/announceChange';
import { startSocketServer } from '../../server/realtime/socketServer';
import { SOCKET_PATH, type AlertPayload, type ChangedFrame, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events';
import { TEST_NOW } from '../helpers/clock';
import { availableModes, openTestApp } from '../helpers/testDb';

const REDIS_URL = 'redis://127.0.0.1:6379';
const [mode] = await availableModes();

describe.each([
  { name: 'alone', redisUrl: undefined },
  { name: 'through Redis Streams', redisUrl: REDIS_URL },
])('a page back within the recovery window gets what it missed ($name)', ({ redisUrl }) => {
  let app: AppContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode!));
  });
  afterAll(() => close());

  it('receives the frame and the alert sent while it was away, and says it recovered', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = await startSocketServer(app, server, { redisUrl, redisStream: `lienthong:test:${randomUUID()}` });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
    });
    try {
      const frames: ChangedFrame[] = [];
      const alerts: AlertPayload[] = [];
      socket.on('changed', (f) => frames.push(f));
      socket.on('alert', (a) => alerts.push(a));
      const province = app.orgUnits().byCodeOrUndefined('22')!;
      expect(await socket.emitWithAck('subscribe', { rooms: ['nation', 'alerts'] })).toMatchObject({ ok: true });
      const statusChange = (kpiId: string) =>
        app.db.transaction((tx) =>
          announceChange(app, tx, { kind: 'reportStatusChanged', status: 'approved', reportCount: 1, kpiIds: [kpiId], provinceIds: [province.id], from: TEST_NOW, to: TEST_NOW }),
        );
      // recovery resumes from the last packet received: the page has had one
      await statusChange('data_reused');
      await vi.waitFor(() => expect(frames).toHaveLength(1), { timeout: 15_000 });

      const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.io.reconnection(false); // stays away until told
      socket.io.engine.close(); // the network drops
      await dropped;
      await statusChange('dossiers_digitised');
      const alert: AlertPayload = {
        id: 4242,
        kpiId: 'dossiers_on_time',
        orgUnitId: province.id,
        orgUnitCode: province.code,
        orgUnitName: province.name,
        provinceId: province.id,
        kind: 'band_drop',
        period: TEST_NOW,
        value: 40,
        reference: 'fair',
        band: 'poor',
        createdAt: TEST_NOW,
      };
      await app.db.transaction((tx) => announceChange(app, tx, { kind: 'alertRaised', alert }));

      socket.io.reconnection(true);
      socket.connect();
      await back;
      expect(socket.recovered).toBe(true);
      await vi.waitFor(() => {
        expect(frames.map((f) => f.kpiIds)).toEqual([['data_reused'], ['dossiers_digitised']]);
        expect(alerts.map((a) => a.id)).toEqual([alert.id]);
      }, { timeout: 15_000 });
    } finally {
      socket.disconnect();
      await live.close();
    }
  });
});
