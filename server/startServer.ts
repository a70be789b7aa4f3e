/**
 * The custom server: one HTTP server and port for Next.js (pages), tRPC (/api/trpc), the
 * ingestion API (/api/v1/measurements), socket.io (live push) and the background jobs. Started by
 * the entry point (main.ts), which brings what server/ does not hold: the demo data and simulator.
 */
import http from 'node:http';
import next from 'next';
import { createAppContext, setAppContext } from './appContext';
import { ensureApiToken } from './auth/apiTokens';
import { ensureBootstrapAdmin } from './auth/sessions';
import { openDb } from './db/db';
import { env } from './env';
import { createAppRequestListener } from './http/appRequestListener';
import { scheduleForecastScoring } from './jobs/forecastScoring';
import type { PartState } from './http/health';
import { ensureServerPolicies, schedulePendingRefreshes, scheduleRollupMaintenance } from './jobs/rollupMaintenance';
import { runOnOneInstance } from './jobs/oneInstance';
import { prepareData, type DataSeeder } from './prepareData';
import { relayRemoteChanges } from './realtime/announceChange';
import { startSocketServer } from './realtime/socketServer';
import { watchForAlerts } from './services/alerts';
import { warmReadsAfterChanges } from './services/warmReads';
import type { AppContext } from './appContext';

/** s: how often owed alert checks are swept (a failed pass, an instance that died before its pass) */
const ALERT_SWEEP_S = 10;

export interface ServerParts {
  seeder: DataSeeder;
  /** starts the demo feed (when SIMULATOR is on); returns its stop */
  startSimulator: (app: AppContext) => () => unknown;
}

export async function startServer(parts: ServerParts): Promise<void> {
  const t0 = Date.now();
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  console.log(
    `[db] mode: ${db.mode}${db.mode === 'embedded-timescaledb' ? ` (data in ${env.DATA_DIR})` : ''}${db.timescale ? '' : ' — no hypertables, continuous aggregates or compression'}`,
  );
  await prepareData(db, { seeder: parts.seeder, seedDemo: env.SEED_DEMO, seedScale: env.SEED_SCALE, dataDir: env.DATA_DIR });
  const app = await createAppContext(db, undefined, {
    publicUrl: env.PUBLIC_URL,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    earliestMeasurement: new Date(`${env.MEASUREMENTS_EARLIEST}T00:00:00+07:00`),
    cacheReads: true,
  });
  setAppContext(app);
  if (env.BOOTSTRAP_API_TOKEN) await ensureApiToken(db, 'bootstrap', env.BOOTSTRAP_API_TOKEN, app.orgUnits().nation.id);
  if (env.BOOTSTRAP_ADMIN_PASSWORD) await ensureBootstrapAdmin(app, env.BOOTSTRAP_ADMIN_PASSWORD);

  const stopJobs: Array<() => unknown> = [];
  if (db.mode === 'embedded-timescaledb') stopJobs.push(scheduleRollupMaintenance(db, env.REFRESH_INTERVAL_S));
  else stopJobs.push(runOnOneInstance(db, 'pending-rollup-refresh', () => schedulePendingRefreshes(db, env.REFRESH_INTERVAL_S)));
  if (db.mode === 'server-timescaledb') await ensureServerPolicies(db);
  stopJobs.push(await relayRemoteChanges(app));

  const dev = env.NODE_ENV === 'development';
  const nextApp = next({ dev, dir: process.cwd(), hostname: 'localhost', port: env.PORT });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();
  // the live server needs the HTTP server, and health asks the live server about Redis
  let redisState = (): PartState => (env.REDIS_URL ? 'down' : 'unused');
  const health = { redis: () => redisState() };
  const server = http.createServer(createAppRequestListener(app, { handleNext, dev, https: env.PUBLIC_URL?.startsWith('https:') ?? false, health }));

  const live = await startSocketServer(app, server, { redisUrl: env.REDIS_URL, redisStream: env.REDIS_STREAM });
  redisState = () => live.redisState();
  stopJobs.push(watchForAlerts(app, { sweepSeconds: ALERT_SWEEP_S }));
  stopJobs.push(warmReadsAfterChanges(app));
  stopJobs.push(runOnOneInstance(db, 'forecast-scoring', () => scheduleForecastScoring(app)));
  // one demo feed for the whole deployment, however many instances run
  if (env.SIMULATOR) stopJobs.push(runOnOneInstance(db, 'simulator', () => parts.startSimulator(app)));

  server.listen(env.PORT, env.HOST, () => {
    console.log(`[server] Liên Thông ready on http://localhost:${env.PORT} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${dev ? 'development' : 'production'})`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: closing`);
    for (const stop of stopJobs) await stop();
    server.closeAllConnections();
    await live.close(); // closes the HTTP server too
    // The embedded database must be closed cleanly so that its data folder is consistent.
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
