/**
 * A page joining the alerts room is sent the open alerts raised within the last minute: its HTML
 * was read a moment before its socket joined, and alerts are checked in the background, so one
 * raised in between would otherwise never reach it. What the page already shows (ids up to the
 * newest it has), acknowledged, recovered and older alerts are not sent, and a page already in the
 * room is not sent them again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { acknowledgeAlert, insertAlert, resolveAlert } from '../../server/db/queries/alerts';
import { startSocketServer } from '../../server/realtime/socketServer';
import { JOIN_CATCH_UP_MS } from '../../server/services/alerts';
import { SOCKET_PATH, type AlertPayload, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events';
import { TEST_NOW } from '../helpers/clock';
import { availableModes, openTestApp } from '../helpers/testDb';

describe.each(await availableModes())('alerts for a page joining the room (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(() => close());

  it('sends the open alerts of the last minute newer than the page\'s, once, and nothing older, acknowledged or recovered', async () => {
    const at = (msAgo: number) => new Date(TEST_NOW.getTime() - msAgo);
    const raise = (code: string, kpiId: string, msAgo: number) =>
      insertAlert(app.db, {
        kpi_id: kpiId,
        org_unit_id: app.orgUnits().byCodeOrUndefined(code)!.id,
        period: TEST_NOW,
        kind: 'band_drop',
        value: 40,
        reference: '90',
        band: 'poor',
        created_at: at(msAgo),
      });
    const recent = await raise('22', 'dossiers_on_time', 5_000);
    await raise('79', 'dossiers_on_time', JOIN_CATCH_UP_MS + 60_000);
    const seen = await raise('01', 'dossiers_on_time', 10_000);
    const over = await raise('48', 'dossiers_on_time', 10_000);
    await acknowledgeAlert(app.db, seen!.id, 'user:test', at(1_000));
    await resolveAlert(app.db, over!.id, at(1_000));

    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = await startSocketServer(app, server, {});
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
    });
    try {
      const sent: AlertPayload[][] = [];
      socket.on('alertsRecent', (alerts) => sent.push(alerts));
      // the page shows alerts up to `recent`'s predecessor: only the newer ones come
      const newer = await raise('38', 'dossiers_on_time', 2_000);
      expect(await socket.emitWithAck('subscribe', { rooms: ['nation', 'alerts'], alertsAfter: recent!.id })).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 15_000 });
      expect(sent[0]!.map((a) => [a.id, a.orgUnitCode])).toEqual([[newer!.id, '38']]);
      // already in the room: a change of rooms sends nothing again
      expect(await socket.emitWithAck('subscribe', { rooms: ['alerts', `province:${app.orgUnits().byCodeOrUndefined('22')!.id}`] })).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sent).toHaveLength(1);
    } finally {
      socket.disconnect();
      await live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
