/**
 * Ingestion figures, in both database modes (benchmark 3 of issue 10). Prints two tables; asserts
 * nothing.
 * 1. Through the endpoint: POST /api/v1/measurements of a server process of its own
 *    (bench/support/benchServer.ts: the real request listener, token check, JSON parsing,
 *    validation, the write, the roll-up refresh and the announcement) from this process, one
 *    request at a time, at batch sizes 1, 100, 1,000, 10,000 and 50,000. The one-row batch is the
 *    baseline (what a feed sending each measurement as it happens gets); the bare write of the
 *    same rows (the ingest's one INSERT … SELECT FROM unnest, in a transaction, nothing else) in
 *    the same database engine is the physical reference. The per-token request budget is lifted:
 *    it is a policy (20 requests/s), and the benchmark measures what the path can carry.
 *    Each size's request bodies are serialised before its clock starts (the client's work).
 * 2. In process: batches of N rows through ingestMeasurements, then the reads a dashboard makes.
 *   npx tsx bench/ingestThroughput.ts [rows-per-batch=50000] [batches=4] [endpoint rows per size=100000] [modes=embedded,server]
 * (the endpoint posts each size at least once, and 300 one-row batches)
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { kpiCatalogue } from '../kpi-definitions';
import { createAppContext, type AppContext } from '../server/appContext';
import type { Principal } from '../server/auth/principal';
import { openDb, type Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { ingestMeasurements } from '../server/services/ingestMeasurements';
import { insertIngestBatch, upsertMeasurements } from '../server/db/queries/measurements';
import { loadOrgUnits } from '../server/db/queries/orgUnits';
import { OrgUnitTree } from '../shared/domain/orgUnitTree';
import type { ValidMeasurement } from '../shared/domain/validateMeasurementBatch';
import { freshServerDatabase, spawnBenchServer } from './support/spawnBenchServer';
import { getChildRanking, getCurrentValues, getSeries } from '../server/services/kpiValues';
import { generateHistory } from '../seed/history';
import { seedOrgUnits } from '../seed/seedDatabase';

const rowsPerBatch = Number(process.argv[2] ?? 50_000);
const batches = Number(process.argv[3] ?? 4);
const endpointRowsPerSize = Number(process.argv[4] ?? 100_000);
const modes = (process.argv[5] ?? 'embedded,server').split(',') as Array<'embedded' | 'server'>;
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

async function openMode(mode: 'embedded' | 'server'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (mode === 'embedded') {
    const db = await openDb({});
    return { db, drop: () => db.close() };
  }
  const name = `lienthong_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Rows as a client would send them, made by the demo generator (commune-level monthly KPIs). */
function wireRows(app: AppContext, count: number, skipMonths: number): unknown[] {
  const tree = app.orgUnits();
  const out: unknown[] = [];
  const now = new Date(Date.now() - skipMonths * 31 * 86_400_000);
  for (const chunk of generateHistory(kpiCatalogue, tree, { now, months: 1, kpiIds: ['data_reused', 'fees_paid_online', 'dossiers_digitised', 'records_match_population_db'] }, count)) {
    for (const r of chunk) {
      out.push({ kpiId: r.kpiId, orgUnitCode: tree.get(r.orgUnitId).code, time: r.ts.toISOString(), numerator: r.num, denominator: r.den });
      if (out.length === count) return out;
    }
  }
  return out;
}

/** The batch sizes of the endpoint table; 1 is the baseline. */
const ENDPOINT_SIZES = [1, 100, 1_000, 10_000, 50_000] as const;
/** One-row posts, bounded: enough for a p99. */
const SINGLE_ROW_POSTS = 300;
const COMMUNE_MONTHLY_KPIS = ['data_reused', 'fees_paid_online', 'dossiers_digitised', 'records_match_population_db'];

/**
 * Distinct rows, all in last month (a month's commune reports arriving): 12 observations per
 * commune and KPI, so that no row of the run replaces another.
 */
function rowPool(tree: OrgUnitTree, count: number): ValidMeasurement[] {
  const out: ValidMeasurement[] = [];
  for (const chunk of generateHistory(kpiCatalogue, tree, { now: new Date(), months: 1, scale: 40, kpiIds: COMMUNE_MONTHLY_KPIS })) {
    out.push(...chunk.slice(0, count - out.length));
    if (out.length === count) break;
  }
  return out;
}

/** CPU time (user + system) a process has used, in ms; 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s (CLK_TCK)
  } catch {
    return 0;
  }
}

/** CPU time of the PostgreSQL backends serving a database (except the asking one), by pid. */
async function backendCpu(client: pg.Client | undefined): Promise<Map<number, number>> {
  if (!client) return new Map();
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return new Map(rows.map((r) => [r.pid, cpuMsOf(r.pid)]));
}
const cpuSince = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((ms, [pid, now]) => ms + now - (before.get(pid) ?? 0), 0);

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

/** The bare write: the ingest's statement alone, in a transaction per batch, in a database of its own. */
async function bareWrite(mode: 'embedded' | 'server', batchRows: number, times: number): Promise<{ rowsPerS: number; cpuUsPerRow: number; tree: OrgUnitTree }> {
  const fresh = mode === 'server' ? await freshServerDatabase() : undefined;
  const db = await openDb(fresh ? { databaseUrl: fresh.url } : {});
  try {
    await migrate(db);
    await seedOrgUnits(db);
    const tree = new OrgUnitTree(await loadOrgUnits(db));
    const pool = rowPool(tree, batchRows * times);
    let ms = 0;
    let cpuMs = 0;
    for (let b = 0; b < times; b++) {
      const rows = pool.slice(b * batchRows, (b + 1) * batchRows);
      const t0 = performance.now();
      // the database's CPU: the backend's in server mode, this process's (the embedded worker) otherwise
      const c0 = process.cpuUsage();
      await db.transaction(async (tx) => {
        const [{ pid }] = mode === 'server' ? ((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }]) : [{ pid: 0 }];
        const k0 = pid ? cpuMsOf(pid) : 0;
        const batch = await insertIngestBatch(tx, { principal: 'bench', source: 'api', idempotencyKey: null, contentHash: null, rowCount: rows.length });
        await upsertMeasurements(tx, batch!.id, rows);
        if (pid) cpuMs += cpuMsOf(pid) - k0;
      });
      ms += performance.now() - t0;
      if (mode === 'embedded') {
        const c = process.cpuUsage(c0);
        cpuMs += (c.user + c.system) / 1000;
      }
    }
    return { rowsPerS: rate(batchRows * times, ms), cpuUsPerRow: (1000 * cpuMs) / (batchRows * times), tree };
  } finally {
    await db.close();
    await fresh?.drop();
  }
}

async function endpointTable(): Promise<void> {
  const table: Array<Record<string, string>> = [];
  for (const mode of modes) {
    const reference = await bareWrite(mode, 50_000, 1);
    const tree = reference.tree;
    const plan = ENDPOINT_SIZES.map((size) => ({ size, posts: size === 1 ? SINGLE_ROW_POSTS : Math.max(1, Math.ceil(endpointRowsPerSize / size)) }));
    const pool = rowPool(tree, plan.reduce((n, p) => n + p.size * p.posts, 0));
    const wire = pool.map((r) => ({ kpiId: r.kpiId, orgUnitCode: tree.get(r.orgUnitId).code, time: r.ts.toISOString(), numerator: r.num, denominator: r.den }));
    const server = await spawnBenchServer(mode, { unlimitedIngest: true });
    const watcher = server.databaseUrl ? new pg.Client({ connectionString: server.databaseUrl }) : undefined;
    await watcher?.connect();
    let next = 0;
    let baseline = 0;
    try {
      for (const { size, posts } of plan) {
        const acks: number[] = [];
        let failed = 0;
        // the bodies are made before the clock starts: their serialisation is the client's work, not the server's
        const bodies = Array.from({ length: posts }, (_, i) => JSON.stringify(wire.slice(next + i * size, next + (i + 1) * size)));
        next += size * posts;
        const serverCpu0 = cpuMsOf(server.pid);
        const backends0 = await backendCpu(watcher);
        const t0 = performance.now();
        for (const body of bodies) {
          const s0 = performance.now();
          const res = await fetch(`${server.url}/api/v1/measurements`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body });
          await res.arrayBuffer();
          acks.push(performance.now() - s0);
          if (res.status !== 201) failed += 1;
        }
        const rowsPerS = rate(size * posts, performance.now() - t0);
        // CPU per row: steadier than wall time on a shared machine (the endpoint's process; its database's backends)
        const serverCpuUs = (1000 * (cpuMsOf(server.pid) - serverCpu0)) / (size * posts);
        const databaseCpuUs = (1000 * cpuSince(backends0, await backendCpu(watcher))) / (size * posts);
        if (size === 1) baseline = rowsPerS;
        acks.sort((a, b) => a - b);
        table.push({
          mode: server.mode,
          'rows/batch': size.toLocaleString('en-GB'),
          posts: String(posts),
          'rows/s': rowsPerS.toLocaleString('en-GB'),
          '× one-row': (rowsPerS / baseline).toFixed(1),
          'ack p50 (ms)': percentile(acks, 50).toFixed(1),
          'ack p99 (ms)': percentile(acks, 99).toFixed(1),
          'server CPU µs/row': serverCpuUs.toFixed(0),
          'PostgreSQL CPU µs/row': mode === 'server' ? databaseCpuUs.toFixed(0) : '–',
          'bare write rows/s (50,000/tx)': reference.rowsPerS.toLocaleString('en-GB'),
          'bare write CPU µs/row': reference.cpuUsPerRow.toFixed(0),
          'of bare write': `${((100 * rowsPerS) / reference.rowsPerS).toFixed(0)} %`,
          failed: String(failed),
        });
        // a line as each figure is in, so that a run stopped at its time limit still shows what it measured
        console.log(
          `[ingest] ${server.mode} ${size} rows/batch × ${posts}: ${rowsPerS} rows/s, ack p50 ${percentile(acks, 50).toFixed(0)} ms, p99 ${percentile(acks, 99).toFixed(0)} ms, ` +
            `CPU µs/row server ${serverCpuUs.toFixed(0)}${mode === 'server' ? ` + PostgreSQL ${databaseCpuUs.toFixed(0)}` : ''} ` +
            `(bare write ${reference.rowsPerS} rows/s, ${reference.cpuUsPerRow.toFixed(0)} µs/row)`,
        );
      }
    } finally {
      await watcher?.end();
      await server.stop();
    }
  }
  console.log('\nIngest through POST /api/v1/measurements (one client, sequential; goal: ≥ 50,000/s into the server, ≥ 20× one-row, one-row ack p99 ≤ 50 ms)');
  console.table(table);
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`[ingest] load average at the start: ${loadAverage()}`);
await endpointTable();
console.log(`[ingest] load average after the endpoint table: ${loadAverage()}`);

const results: Array<Record<string, string>> = [];
for (const mode of modes) {
  const { db, drop } = await openMode(mode);
  try {
    await migrate(db);
    await seedOrgUnits(db);
    const app = await createAppContext(db, new EventEmitter());
    const principal: Principal = { kind: 'system', name: 'system:bench', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const rates: number[] = [];
    for (let b = 0; b < batches; b++) {
      const rows = wireRows(app, rowsPerBatch, b * 2);
      const [, ms] = await timed(() => ingestMeasurements(app, principal, rows, { source: 'api' }));
      rates.push(rows.length / (ms / 1000));
    }
    const nation = app.orgUnits().nation.id;
    const hcm = app.orgUnits().byCodeOrUndefined('79')!.id;
    const [, currentMs] = await timed(() => getCurrentValues(app, { orgUnitId: nation }));
    const [, rankingMs] = await timed(() => getChildRanking(app, { kpiId: 'service_index', parentId: nation }));
    const [, communeRankingMs] = await timed(() => getChildRanking(app, { kpiId: 'data_reused', parentId: hcm }));
    const [, seriesMs] = await timed(() => getSeries(app, { kpiId: 'data_reused', orgUnitId: nation, from: new Date(Date.now() - 365 * 86_400_000), to: new Date(), resolution: 'month' }));
    results.push({
      mode: db.mode,
      'rows/batch': rowsPerBatch.toLocaleString('en-GB'),
      'ingest rows/s (median)': Math.round(rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]!).toLocaleString('en-GB'),
      'current values (ms)': currentMs.toFixed(0),
      'province ranking, index (ms)': rankingMs.toFixed(0),
      'commune ranking (ms)': communeRankingMs.toFixed(0),
      '12-month series (ms)': seriesMs.toFixed(0),
      'rss (MB)': (process.memoryUsage().rss / 1e6).toFixed(0),
    });
  } finally {
    await drop();
  }
}
console.log('\nIngest in process (ingestMeasurements) and the reads a dashboard makes after it');
console.table(results);
