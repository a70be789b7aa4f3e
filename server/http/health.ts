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
  /** now on the app's clock (CLOCK_START moves it) */
  time: string;
}

/** A database that does not answer this fast is down for a reader. */
const DATABASE_TIMEOUT_MS = 2_000;

async function databaseState(app: AppContext): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PartState>((resolve) => {
    timer = setTimeout(() => resolve('down'), DATABASE_TIMEOUT_MS);
  });
  const probe = app.db.query('SELECT 1').then(
    (): PartState => 'up',
    (): PartState => 'down',
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
  const database = await databaseState(app);
  return {
    ok: database === 'up' && relay !== 'down' && redis !== 'down',
    db: app.db.mode,
    database,
    relay,
    redis,
    time: appNow().toISOString(),
  };
}

export async function handleHealth(app: AppContext, sources: HealthSources, res: ServerResponse, readiness: boolean): Promise<void> {
  const report = await checkHealth(app, sources);
  res.setHeader('cache-control', 'no-store');
  sendJson(res, readiness && !report.ok ? 503 : 200, report);
}
