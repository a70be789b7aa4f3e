/**
 * What the app depends on, said honestly: `/api/health` (liveness: the process answers, and the
 * body says which part is down) always answers 200; `/api/ready` answers 503 while a part the
 * instance needs is down, so a load balancer sends no one to an instance that cannot serve them
 * fresh numbers (database unreachable, the relay of the other instances' changes lost, or the
 * Redis that carries live pushes between instances gone).
 */
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import { sendJson } from './respond';

export type PartState = 'up' | 'down' | 'unused';

/** What the HTTP layer cannot read from the app context: the live server starts after it. */
export interface HealthSources {
  redis: () => PartState;
}

/** An instance without Redis (one instance, or instances relaying through the database alone). */
export const WITHOUT_REDIS: HealthSources = { redis: () => 'unused' };

export interface HealthReport {
  ok: boolean;
  db: AppContext['db']['mode'];
  database: PartState;
  /** server mode: the LISTEN connection that brings the other instances' changes */
  relay: PartState;
  redis: PartState;
  /** the embedded database: what its one connection is doing (see databaseState) */
  embedded?: EmbeddedLoad;
  /** now on the app's clock (CLOCK_START moves it) */
  time: string;
}

export interface EmbeddedLoad {
  /** statements and transactions waiting for the connection */
  queued: number;
  /** a transaction holds the connection */
  inTransaction: boolean;
  /** ms the statement in progress has run, null between statements */
  runningMs: number | null;
  /** ms since the last statement finished, null before the first */
  lastStatementAgoMs: number | null;
}

/** A database that does not answer this fast is down for a reader. */
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * Whether the database answers a reader. A server (PostgreSQL): `SELECT 1` answers within the
 * timeout. The embedded database (one connection in a worker thread): its worker answers a
 * liveness ping within the timeout and says the database is open. The ping is answered between
 * two statements, not behind the queued writes, so under a feed it measures neither the queue nor
 * the transaction in progress; since PGlite runs a statement without a break, a statement running
 * longer than the timeout still makes it 'down', as a reader would wait as long. The queue and
 * the statement in progress are reported beside it (`embedded`).
 */
async function databaseState(app: AppContext): Promise<{ state: PartState; embedded?: EmbeddedLoad }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ state: PartState }>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'down' }), DATABASE_TIMEOUT_MS);
  });
  const asked = Date.now();
  const probe = app.db.liveness
    ? app.db.liveness().then(
        (l): { state: PartState; embedded: EmbeddedLoad } => ({
          state: l.open ? 'up' : 'down',
          embedded: {
            queued: l.queuedStatements + l.queuedTransactions,
            inTransaction: l.inTransaction,
            runningMs: l.runningSince === null ? null : Math.max(0, asked - l.runningSince),
            lastStatementAgoMs: l.lastCompletedAt === null ? null : Math.max(0, asked - l.lastCompletedAt),
          },
        }),
        () => ({ state: 'down' as const }),
      )
    : app.db.query('SELECT 1').then(
        () => ({ state: 'up' as const }),
        () => ({ state: 'down' as const }),
      );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(app: AppContext, sources: HealthSources): Promise<HealthReport> {
  // the relay and Redis as they are now, before the probe waits on the database
  const relay: PartState = app.db.mode === 'embedded-timescaledb' ? 'unused' : app.db.listenState().state;
  const redis = sources.redis();
  const { state: database, embedded } = await databaseState(app);
  return {
    ok: database === 'up' && relay !== 'down' && redis !== 'down',
    db: app.db.mode,
    database,
    relay,
    redis,
    ...(embedded ? { embedded } : {}),
    time: appNow().toISOString(),
  };
}

export async function handleHealth(app: AppContext, sources: HealthSources, res: ServerResponse, readiness: boolean): Promise<void> {
  const report = await checkHealth(app, sources);
  res.setHeader('cache-control', 'no-store');
  sendJson(res, readiness && !report.ok ? 503 : 200, report);
}
