/**
 * The one way a writer says "something changed": `announceChange(app, tx, reason)`, called inside
 * the writing transaction. Whatever the database, the change reaches listeners only if the
 * transaction commits, and exactly once per instance:
 * - this instance hears it from the transaction's after-commit queue, after whatever the write
 *   queued before it (a batch of late rows is announced after the roll-up refresh it owes, so a
 *   listener reads the new numbers; a live batch before it, see announcedBeforeRefresh);
 * - in server mode, a NOTIFY in the same transaction (PostgreSQL delivers it on COMMIT, never
 *   after a ROLLBACK) carries it to every instance that LISTENs; each one drops its own
 *   notifications, which it has already heard locally. No duplicate, whatever the timing.
 * The embedded database has one instance by construction: no NOTIFY.
 */
import superjson from 'superjson';
import type { AppContext } from '../appContext';
import type { Db, Transaction } from '../db/db';
import type { Change, ChangeReason, EventBus } from './bus';

export const CHANGE_CHANNEL = 'lienthong_changed';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7999;

type Announcer = Pick<AppContext, 'db' | 'bus' | 'instanceId'>;

interface Wire {
  instance: string;
  reason: ChangeReason;
}

/** Other instances share the database only on a PostgreSQL server. */
function sharedByInstances(db: Db): boolean {
  return db.mode !== 'embedded-timescaledb';
}

/** Announces a change with the transaction that makes it: delivered on commit, never on rollback. */
export async function announceChange(app: Announcer, tx: Transaction, reason: ChangeReason): Promise<void> {
  let notified: Promise<unknown> | undefined;
  if (sharedByInstances(app.db)) {
    // superjson keeps the dates (period bounds, alert times) as dates across the wire.
    const payload = superjson.stringify({ instance: app.instanceId, reason } satisfies Wire);
    // The reasons carry KPI and province ids, never unit ids, so they stay small; a larger one is a bug.
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`a ${reason.kind} announcement of ${Buffer.byteLength(payload)} bytes exceeds NOTIFY's limit`);
    notified = tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload]);
  }
  // Queued at the call (a failed NOTIFY fails the transaction, which then never runs it): in the
  // order of the calls, whether or not the caller waits for each before the next.
  tx.afterCommit(() => deliver(app.bus, { ...reason, origin: 'local' }));
  await notified;
}

/** A listener's failure (alerts, sockets) is theirs to log, not the writer's to hear about. */
function deliver(bus: EventBus, change: Change): void {
  try {
    bus.emit('changed', change);
  } catch (err) {
    console.error(`[bus] a listener failed on ${change.kind}:`, err);
  }
}

/**
 * Server mode: re-emits the other instances' announcements on this instance's bus, and whether
 * they can arrive (bus event `relay`: the LISTEN connection lost, or back after a PostgreSQL
 * restart, when whatever was announced meanwhile is gone); returns the stop function.
 */
export async function relayRemoteChanges(app: Announcer): Promise<() => Promise<void>> {
  if (!sharedByInstances(app.db)) return async () => undefined;
  const stopWatching = app.db.onListenState((state) => app.bus.emit('relay', state));
  const unlisten = await app.db.listen(CHANGE_CHANNEL, (payload) => {
    let wire: Wire;
    try {
      wire = superjson.parse<Wire>(payload);
    } catch (err) {
      console.error('[bus] unreadable notification:', (err as Error).message);
      return;
    }
    if (wire.instance === app.instanceId) return; // heard already, after its commit
    deliver(app.bus, { ...wire.reason, origin: 'remote' });
  });
  return async () => {
    stopWatching();
    await unlisten();
  };
}
