/**
 * Carries landed-batch announcements between app instances that share a PostgreSQL server:
 * NOTIFY inside the writing transaction (so it is delivered only if the batch commits), LISTEN in
 * every instance. The embedded database has one instance by construction and needs none of this.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { EventBus, MeasurementsLanded } from './bus';

const LANDED_CHANNEL = 'lienthong_landed';
const instanceId = randomUUID();

interface WireEvent extends Omit<MeasurementsLanded, 'from' | 'to' | 'origin'> {
  instance: string;
  from: string;
  to: string;
}

/** Queue the announcement in the writing transaction; PostgreSQL delivers it on COMMIT. */
export async function notifyLanded(tx: Queryable, event: Omit<MeasurementsLanded, 'origin'>): Promise<void> {
  const wire: WireEvent = { ...event, instance: instanceId, from: event.from.toISOString(), to: event.to.toISOString() };
  await tx.query('SELECT pg_notify($1, $2)', [LANDED_CHANNEL, JSON.stringify(wire)]);
}

/** Re-emits other instances' announcements on this process's bus. */
export async function relayRemoteLanded(db: Db, bus: EventBus): Promise<() => Promise<void>> {
  return db.listen(LANDED_CHANNEL, (payload) => {
    try {
      const wire = JSON.parse(payload) as WireEvent;
      if (wire.instance === instanceId) return;
      const { instance: _instance, ...rest } = wire;
      bus.emit('measurementsLanded', { ...rest, from: new Date(wire.from), to: new Date(wire.to), origin: 'remote' });
    } catch (err) {
      console.error('[bus] unreadable notification:', (err as Error).message);
    }
  });
}
