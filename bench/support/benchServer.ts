/**
 * The app's HTTP server without the pages, as a process of its own for benchmarks whose load
 * generator must not share its event loop: the real request listener (ingestion API, tRPC,
 * health) and, with BENCH_SOCKETS=1, the live server. No Next.js, so no build is needed; a page
 * request answers 404. Started by bench/support/spawnBenchServer.ts, which reads its first line.
 *
 * Environment: PORT; BENCH_TOKEN (a nation-wide API token registered at start);
 * BENCH_DATABASE_URL (an empty PostgreSQL database; unset: the embedded database, in memory);
 * BENCH_SOCKETS=1 (BENCH_SPREAD=0: socket.io writes each frame to all sockets in one loop, as it
 * did before server/realtime/chunkedEmit.ts); BENCH_UNLIMITED_INGEST=1 lifts the per-token request budget (the budget is a
 * policy; the benchmark measures what the path can carry).
 *
 * BENCH_PAGES=1 serves the pages too (Next.js, production build in NEXT_DIST_DIR or .next);
 * BENCH_JOBS=1 runs what the real server runs on the live path beside the sockets (the relay of
 * other instances' changes, the background alert checks and the warm-up of reads after a change).
 *
 * GET /bench/stats answers { rss, heapUsed, lagP50, lagP99, lagMax, sockets } (bytes, ms) since the
 * previous call, after a garbage collection when node runs with --expose-gc.
 * GET /bench/units answers { nation: id, provinces: [{ id, code, communes: [code…] }] }.
 * GET /bench/commits answers the batches landed since the previous call, as the bus heard them:
 * [{ batchId, committedAt, announcedAt }] (ms since the epoch on the real clock: the instant the
 * transaction committed, the instant its announcement reached the bus).
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createAppContext, setAppContext } from '../../server/appContext';
import { realNowMs } from '../../server/clock';
import { ensureApiToken } from '../../server/auth/apiTokens';
import { openDb } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { createAppRequestListener } from '../../server/http/appRequestListener';
import { TokenBucketLimiter } from '../../server/http/rateLimit';
import { relayRemoteChanges } from '../../server/realtime/announceChange';
import { startSocketServer, type LiveServer } from '../../server/realtime/socketServer';
import { watchForAlerts } from '../../server/services/alerts';
import { warmReadsAfterChanges } from '../../server/services/warmReads';
import { seedOrgUnits } from '../../seed/seedDatabase';

const port = Number(process.env.PORT ?? 0);
const db = await openDb(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {});
await migrate(db);
await seedOrgUnits(db);
const app = await createAppContext(db, undefined, { cacheReads: true });
if (process.env.BENCH_UNLIMITED_INGEST === '1') app.ingestLimiter = new TokenBucketLimiter({ ratePerSecond: 1e9, burst: 1e9 });
if (process.env.BENCH_TOKEN) await ensureApiToken(db, 'bench', process.env.BENCH_TOKEN, app.orgUnits().nation.id);

// heard before the sockets' listener (registered when they start): the instant the bus has it
const commits: Array<{ batchId: number; committedAt: number | null; announcedAt: number }> = [];
app.bus.on('changed', (change) => {
  if (change.kind !== 'measurementsLanded' || change.origin !== 'local') return;
  commits.push({ batchId: change.batchId, committedAt: change.committedAt ?? null, announcedAt: realNowMs() });
  if (commits.length > 100_000) commits.splice(0, 50_000); // a benchmark that never asks keeps the newest only
});
if (process.env.BENCH_JOBS === '1') {
  // server mode: the other instances' changes (none here), and the LISTEN state the pages are told
  await relayRemoteChanges(app);
  watchForAlerts(app, { sweepSeconds: 10 });
  warmReadsAfterChanges(app);
}
let handleNext: http.RequestListener = (_req, res) => void res.writeHead(404).end();
// what the tRPC handler (and the pages) read the app from, as startServer does
setAppContext(app);
if (process.env.BENCH_PAGES === '1') {
  const { default: next } = await import('next');
  const nextApp = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  handleNext = (req, res) => void handle(req, res);
}

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let io: LiveServer | undefined;
const gc = (globalThis as { gc?: () => void }).gc;
const listener = createAppRequestListener(app, { handleNext, dev: false, https: false });
const json = (res: http.ServerResponse, body: unknown) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const server = http.createServer((req, res) => {
  if (req.url === '/bench/commits') return json(res, commits.splice(0));
  if (req.url === '/bench/units') {
    const tree = app.orgUnits();
    return json(res, { nation: tree.nation.id, provinces: tree.provinces().map((p) => ({ id: p.id, code: p.code, communes: tree.childrenOf(p.id).map((c) => c.code) })) });
  }
  if (req.url !== '/bench/stats') return listener(req, res);
  gc?.();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const mem = process.memoryUsage();
  const body = { rss: mem.rss, heapUsed: mem.heapUsed, lagP50: ms(lag.percentile(50)), lagP99: ms(lag.percentile(99)), lagMax: ms(lag.max), sockets: io?.engine.clientsCount ?? 0 };
  lag.reset();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
});
// many idle sockets: the default backlog drops connections during a burst of handshakes
server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
  void (async () => {
    if (process.env.BENCH_SOCKETS === '1') io = (await startSocketServer(app, server, { spreadWrites: process.env.BENCH_SPREAD !== '0' })).io;
    console.log(JSON.stringify({ ready: true, port: (server.address() as { port: number }).port, mode: db.mode }));
  })();
});
process.on('SIGTERM', () => {
  void db.close().finally(() => process.exit(0));
});
