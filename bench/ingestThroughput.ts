/**
 * Ingestion and read figures, in both database modes: batches of N rows through the real
 * ingestion path (validation, one multi-row statement, announcement), then the reads a dashboard
 * makes. Prints a table; asserts nothing.
 *   npx tsx bench/ingestThroughput.ts [rows-per-batch=50000] [batches=4]
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { kpiCatalogue } from '../kpi-definitions';
import { createAppContext, type AppContext } from '../server/appContext';
import type { Principal } from '../server/auth/principal';
import { openDb, type Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { ingestMeasurements } from '../server/services/ingestMeasurements';
import { getChildRanking, getCurrentValues, getSeries } from '../server/services/kpiValues';
import { generateHistory } from '../seed/history';
import { seedOrgUnits } from '../seed/seedDatabase';

const rowsPerBatch = Number(process.argv[2] ?? 50_000);
const batches = Number(process.argv[3] ?? 4);
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

const results: Array<Record<string, string>> = [];
for (const mode of ['embedded', 'server'] as const) {
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
console.table(results);
