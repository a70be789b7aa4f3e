/**
 * Issue 10, benchmark 5: what the dashboards' reads cost. For the overview, the scorecard, a
 * province page and a KPI page, the numbers as the services compute them (through the roll-ups;
 * without the read cache, and with a cold one: see `measure`) against the same sums aggregated from
 * the raw measurement rows by plain SQL (each window filtered on `ts`, so it can use an index), in
 * the same run. Prints p50 / p95 per view and the ratio; asserts nothing.
 *   npx tsx bench/queries.ts [embedded|server] [months=24] [scale=1] [runs=15] [times=1] [profile]
 * server: a fresh database on TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test),
 * dropped at the end. The history is the demo seed's (seed/history.ts) without its reports.
 * times > 1: after measuring the seeded history, it is made `times` times as long in the database
 * itself (bench/support/extendHistory.ts: its last whole years copied further back, set-based, with
 * the sums the writes keep) and every view is measured again in the same run.
 * profile: each view's statements once more (no read cache), with their times (and on PostgreSQL
 * their plans' execution times from EXPLAIN ANALYZE).
 *
 * See BENCHMARKS.md, "5. Queries", for the figures.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { kpiCatalogue } from '../kpi-definitions';
import { isComposite, type MeasuredKpi } from '../kpi-definitions/schema';
import { createAppContext, type AppContext } from '../server/appContext';
import type { Db } from '../server/db/db';
import { getDataVersion } from '../server/db/queries/dataVersion';
import { loadOrgUnits } from '../server/db/queries/orgUnits';
import { getChildRanking, getCurrentValues, getSeries, measuredBehind } from '../server/services/kpiValues';
import { ReadCache } from '../server/services/readCache';
import { getScorecard } from '../server/services/scorecard';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { extendHistory } from './support/extendHistory';
import { OrgUnitTree } from '../shared/domain/orgUnitTree';
import { openTestDb } from '../tests/helpers/testDb';
import { addPeriods, periodStart, periodUnitOf, TIME_ZONE, type PeriodUnit } from '../shared/domain/periods';

const mode = process.argv[2] === 'server' ? 'server' : 'embedded';
const months = Number(process.argv[3] ?? 24);
const scale = Number(process.argv[4] ?? 1);
const runs = Number(process.argv[5] ?? 15);
const times = Math.max(1, Math.round(Number(process.argv[6] ?? 1)));
const profile = process.argv[7] === 'profile';


// ---- the raw baseline: the same windows summed from measurement rows ---------------------------

type Level = 'nation' | { provinceId: number };

/** Sums per KPI (and per child when `byChild`) and period over [from, to), from raw rows. */
function rawSums(db: Db, q: { kpiIds: readonly string[]; unit: PeriodUnit; level: Level; byChild: boolean; from: Date; to: Date }) {
  const child = q.byChild ? (q.level === 'nation' ? 'province_id' : 'org_unit_id') : 'NULL::int';
  const where = q.level === 'nation' ? 'true' : `province_id = ${Number(q.level.provinceId)}`;
  return db.query(
    `SELECT kpi_id, ${child} AS child_id, date_trunc('${q.unit}', ts, '${TIME_ZONE}') AS period,
            sum(num)::float8 AS num, sum(den)::float8 AS den, count(*)::int AS n, count(DISTINCT org_unit_id)::int AS units
     FROM measurement
     WHERE kpi_id = ANY($1::text[]) AND ts >= $2 AND ts < $3 AND ${where}
     GROUP BY 1, 2, 3`,
    [q.kpiIds, q.from, q.to],
  );
}

const LOOKBACK: Record<PeriodUnit, number> = { hour: 24, day: 14, month: 4, quarter: 3 };

/** A unit's current values (every measured KPI, look-back per frequency) and its children's in the last two periods. */
async function rawCurrentAndChildren(db: Db, level: Level, kpis: readonly MeasuredKpi[], now: Date, children: boolean) {
  const units = [...new Set(kpis.map((k) => periodUnitOf(k.frequency)))];
  await Promise.all(
    units.map(async (unit) => {
      const ids = kpis.filter((k) => periodUnitOf(k.frequency) === unit).map((k) => k.id);
      const current = periodStart(unit, now);
      const to = addPeriods(current, unit, 1);
      await rawSums(db, { kpiIds: ids, unit, level, byChild: false, from: addPeriods(current, unit, -LOOKBACK[unit]), to });
      if (children) await rawSums(db, { kpiIds: ids, unit, level, byChild: true, from: addPeriods(current, unit, -1), to });
    }),
  );
}

// ---- the views ---------------------------------------------------------------------------------

interface View {
  name: string;
  app: (app: AppContext) => Promise<unknown>;
  raw: (db: Db) => Promise<unknown>;
}

function views(app: AppContext, now: Date): View[] {
  const tree = app.orgUnits();
  const nation = tree.nation;
  const province = tree.byCodeOrUndefined('79')!;
  const measured = kpiCatalogue.all.filter((k) => !isComposite(k)) as MeasuredKpi[];
  const indexParts = measuredBehind(app, kpiCatalogue.get('service_index'));
  const seriesKpi = 'dossiers_on_time';
  const today = periodStart('day', now);
  const yearAgo = addPeriods(periodStart('month', now), 'month', -11);
  return [
    {
      name: 'overview (nation values + index ranking)',
      app: (a) =>
        Promise.all([
          getCurrentValues(a, { orgUnitId: nation.id, kpiIds: ['service_index'] }),
          getCurrentValues(a, { orgUnitId: nation.id }),
          getChildRanking(a, { kpiId: 'service_index', parentId: nation.id }),
        ]),
      raw: (db) => rawCurrentAndChildren(db, 'nation', measured, now, true),
    },
    {
      name: 'scorecard (34 provinces × index groups)',
      app: (a) => getScorecard(a),
      raw: (db) => rawCurrentAndChildren(db, 'nation', indexParts, now, true),
    },
    {
      name: 'province page (79: values, communes, 30-day index)',
      app: (a) =>
        Promise.all([
          getCurrentValues(a, { orgUnitId: province.id }),
          getChildRanking(a, { kpiId: 'service_index', parentId: province.id }),
          getSeries(a, { kpiId: 'service_index', orgUnitId: province.id, from: addPeriods(today, 'day', -29), to: addPeriods(today, 'day', 1), resolution: 'day' }),
        ]),
      raw: async (db) => {
        await rawCurrentAndChildren(db, { provinceId: province.id }, measured, now, true);
        await Promise.all(
          [...new Set(indexParts.map((k) => periodUnitOf(k.frequency)))].map((unit) =>
            rawSums(db, { kpiIds: indexParts.filter((k) => periodUnitOf(k.frequency) === unit).map((k) => k.id), unit, level: { provinceId: province.id }, byChild: false, from: addPeriods(periodStart(unit, addPeriods(today, 'day', -29)), unit, -LOOKBACK[unit]), to: addPeriods(today, 'day', 1) }),
          ),
        );
      },
    },
    {
      name: `KPI page (${seriesKpi}: nation 12 months, provinces ranked)`,
      app: (a) =>
        Promise.all([
          getCurrentValues(a, { orgUnitId: nation.id, kpiIds: [seriesKpi] }),
          getSeries(a, { kpiId: seriesKpi, orgUnitId: nation.id, from: yearAgo, to: addPeriods(today, 'day', 1), resolution: 'month' }),
          getChildRanking(a, { kpiId: seriesKpi, parentId: nation.id }),
        ]),
      raw: async (db) => {
        const kpi = [kpiCatalogue.get(seriesKpi) as MeasuredKpi];
        await rawCurrentAndChildren(db, 'nation', kpi, now, true);
        await rawSums(db, { kpiIds: [seriesKpi], unit: 'month', level: 'nation', byChild: false, from: yearAgo, to: addPeriods(today, 'day', 1) });
      },
    },
  ];
}

async function timed(work: () => Promise<unknown>): Promise<number[]> {
  await work(); // first use: plans and caches are not the figure
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A Db whose statements are recorded with their times (the profile). */
function recording(db: Db, log: { text: string; params?: readonly unknown[]; ms: number }[]): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return async (text: string, params?: readonly unknown[]) => {
        const t0 = performance.now();
        try {
          return await target.query<unknown>(text, params);
        } finally {
          log.push({ text, params, ms: performance.now() - t0 });
        }
      };
    },
  });
}

/** Each view's statements, once, with their times; on PostgreSQL also EXPLAIN ANALYZE's execution time. */
async function profileViews(db: Db, now: Date): Promise<void> {
  const log: { text: string; params?: readonly unknown[]; ms: number }[] = [];
  const app = await createAppContext(recording(db, log), new EventEmitter());
  for (const v of views(app, now)) {
    log.length = 0;
    await v.app(app);
    const statements = [...log];
    console.log(`\n${v.name}: ${statements.length} statements`);
    for (const s of statements) {
      let plan = '';
      if (db.mode === 'server-postgresql' && /^\s*SELECT/i.test(s.text)) {
        const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${s.text}`, s.params);
        plan = ` (execution ${rows.find((r) => r['QUERY PLAN'].startsWith('Execution Time'))?.['QUERY PLAN'].replace('Execution Time: ', '')})`;
      }
      console.log(`  ${s.ms.toFixed(1).padStart(7)} ms${plan}  ${s.text.replace(/\s+/g, ' ').slice(0, 150)}`);
    }
  }
}

/**
 * Per view: the services without the read cache (every read reaches the database, the same sums
 * as often as the view's procedures ask for them), with a cold one (a new cache per run: each sum
 * read once per view, as a page's render right after a change to every KPI — the production path,
 * whose cache keeps them for the next viewer), and the raw SQL.
 */
async function measure(app: AppContext, now: Date): Promise<Record<string, Record<string, string | number>>> {
  const table: Record<string, Record<string, string | number>> = {};
  const coldApp: AppContext = { ...app };
  for (const v of views(app, now)) {
    const a = await timed(() => v.app(app));
    const c = await timed(() => {
      coldApp.readCache = new ReadCache(app.db.mode === 'embedded-timescaledb' ? {} : { externalVersion: () => getDataVersion(app.db) });
      return v.app(coldApp);
    });
    const r = await timed(() => v.raw(app.db));
    table[v.name] = {
      'no cache p50': Math.round(pct(a, 50)),
      'no cache p95': Math.round(pct(a, 95)),
      'cold cache p50': Math.round(pct(c, 50)),
      'cold cache p95': Math.round(pct(c, 95)),
      'raw SQL p50': Math.round(pct(r, 50)),
      'raw SQL p95': Math.round(pct(r, 95)),
      'raw ÷ no cache': Number((pct(r, 50) / pct(a, 50)).toFixed(1)),
      'raw ÷ cold': Number((pct(r, 50) / pct(c, 50)).toFixed(1)),
    };
  }
  return table;
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// a fresh, migrated database (the integration tests' own: in memory, or a new one on the server)
const { db, close: drop } = await openTestDb(mode);
try {
  await seedOrgUnits(db);
  const tree = new OrgUnitTree(await loadOrgUnits(db));
  const now = new Date();
  const t0 = performance.now();
  const rows = await seedHistory(db, kpiCatalogue, tree, { now, months, scale, reports: false });
  const seedSeconds = (performance.now() - t0) / 1000;
  const app = await createAppContext(db, new EventEmitter());
  console.log(`${db.mode}: ${rows.toLocaleString('en-GB')} measurements (${months} months, scale ${scale}) seeded in ${seedSeconds.toFixed(0)} s; ${runs} runs per view (ms); load ${load()}`);
  console.table(await measure(app, now));
  if (profile) await profileViews(db, now);
  if (times > 1) {
    const t1 = performance.now();
    const total = await extendHistory(db, now, months, times);
    console.log(`\n×${times}: ${total.toLocaleString('en-GB')} measurements (about ${months * times} months) in ${((performance.now() - t1) / 1000).toFixed(0)} s; load ${load()}`);
    console.table(await measure(app, now));
    if (profile) await profileViews(db, now);
  }
  console.log(`load at the end ${load()}`);
} finally {
  await drop();
}
