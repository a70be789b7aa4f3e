/**
 * Forecast timings and backtest quality on the demo history: seeds a fresh embedded database (or
 * BENCH_DATABASE_URL, an empty PostgreSQL database) with the demo generator's 24 months for every
 * province and commune, or opens BENCH_DATA_DIR, a data folder `npm start` seeded (stopped), then times
 * - every monthly KPI (and the index read monthly) for all 34 provinces, cold and cached;
 * - the commune-level monthly KPIs for a sample of communes (all of them with `communes=all`);
 * - the daily KPIs with Tết and a 90-day horizon for a few provinces;
 * and prints, per KPI over the provinces, the chosen models, the backtest MAPE and MASE, the
 * seasonal-naive MAPE and the coverage of the 80 % / 95 % intervals before and after calibration.
 * Then, through the background jobs and their worker threads (server/forecast/forecastJobs.ts), cold,
 * with the event loop's lag (p50 / p99 / max) while they run, against the same work on the main thread:
 * - every monthly KPI for the 34 provinces (15 jobs asked at once);
 * - one daily KPI for the 34 provinces;
 * - one monthly commune KPI for all 3,321 communes;
 * - a daily KPI for all 3,321 communes: the demo history has daily KPIs at provinces only, so each
 *   commune's daily history is its province's, scaled and jittered, sent to the pool directly.
 *   npx tsx bench/forecast.ts [communes=300|all] [dailyProvinces=3] [dailyCommunes=all|N]
 *   BENCH_DATA_DIR=./data npx tsx bench/forecast.ts 100 2      (on a stopped server's seeded data)
 */
import { EventEmitter } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { kpiCatalogue } from '../kpi-definitions';
import type { Frequency, KpiDefinition } from '../kpi-definitions/schema';
import { createAppContext, type AppContext } from '../server/appContext';
import { openDb } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { getDataVersion } from '../server/db/queries/dataVersion';
import { forecastCacheOf } from '../server/forecast/forecastCache';
import { chunksOf, runChunks } from '../server/forecast/chunkedRun';
import { forecastJobsOf } from '../server/forecast/forecastJobs';
import { forecastSeries } from '../server/forecast/forecastSeries';
import { forecastWorkerPool } from '../server/forecast/forecastWorkerPool';
import { computeSeries, DEFAULT_HORIZON, getAttainmentByChildren, type ComputedSeries } from '../server/forecast/forecastService';
import { loadChildHistories, type LoadedHistory } from '../server/forecast/seriesHistory';
import { transformFor } from '../server/forecast/transforms';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { prng } from '../seed/random';
import type { OrgUnit } from '../shared/domain/orgUnitTree';

const communeArg = process.argv[2] ?? '300';
const dailyProvinces = Number(process.argv[3] ?? 3);
/** communes of the synthetic daily run through the pool (all 3,321 take minutes on one thread) */
const dailyCommunesArg = process.argv[4] ?? 'all';
const NOW = new Date('2026-11-27T10:00:00+07:00');

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

async function open(): Promise<AppContext> {
  const url = process.env.BENCH_DATABASE_URL;
  const dataDir = process.env.BENCH_DATA_DIR;
  const db = await openDb(url ? { databaseUrl: url } : dataDir ? { dataDir } : {});
  await migrate(db);
  if (dataDir) {
    console.log(`opened the seeded data in ${dataDir} (${db.mode})`);
    return createAppContext(db, new EventEmitter());
  }
  await seedOrgUnits(db);
  const app = await createAppContext(db, new EventEmitter());
  const t0 = performance.now();
  const rows = await seedHistory(db, kpiCatalogue, app.orgUnits(), { now: NOW, months: 24 });
  console.log(`seeded ${rows.toLocaleString('en')} measurements (24 months) in ${seconds(performance.now() - t0)} s (${db.mode})`);
  return app;
}

/**
 * Times a set of series, cold; returns them with the time spent in the engine alone. With
 * `batched`, a KPI's histories (the composite index's too) are read for all the units' siblings at once
 * (loadChildHistories, as the scorecard's attainmentByChildren does); else one getSeries per unit.
 */
/** Runs `work` while sampling the event loop's delay; returns its time and the lag it caused. */
async function withLag<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; lag: { p50: number; p99: number; max: number } }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // the histogram's first tick only sets its baseline: let it happen before the work blocks the loop
  await new Promise((r) => setTimeout(r, 25));
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  // Work that never yields to the timers (the embedded database answers in microtasks) shows as one
  // long delay, recorded once the loop turns: let it turn before reading the histogram.
  await new Promise((r) => setTimeout(r, 25));
  h.disable();
  const lag = { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  return { value, ms, lag };
}

const lagText = (lag: { p50: number; p99: number; max: number }) => `${lag.p50.toFixed(0)} / ${lag.p99.toFixed(0)} / ${lag.max.toFixed(0)}`;

async function timeSeries(app: AppContext, jobs: Array<{ kpi: KpiDefinition; unit: OrgUnit; frequency: Frequency }>, batched = false) {
  const version = await getDataVersion(app.db);
  const t0 = performance.now();
  const out: Array<{ kpi: KpiDefinition; frequency: Frequency; c: ComputedSeries }> = [];
  const reads = new Map<string, Promise<Map<number, LoadedHistory> | null>>();
  for (const j of jobs) {
    const parent = app.orgUnits().get(j.unit.parentId!);
    const preload = batched
      ? async (at: Date) => {
          const key = `${j.kpi.id}|${parent.id}`;
          if (!reads.has(key)) reads.set(key, loadChildHistories(app, j.kpi, parent, j.frequency, at));
          return (await reads.get(key))?.get(j.unit.id);
        }
      : undefined;
    out.push({ kpi: j.kpi, frequency: j.frequency, c: await computeSeries(app, j.kpi, j.unit, j.frequency, DEFAULT_HORIZON[j.frequency], version, preload) });
  }
  const total = performance.now() - t0;
  const t1 = performance.now();
  for (const { kpi, frequency, c } of out) {
    forecastSeries({ frequency, periods: c.loaded.periods, values: c.loaded.values, transform: transformFor(kpi, c.loaded.values), horizon: DEFAULT_HORIZON[frequency] });
  }
  const engine = performance.now() - t1;
  const t2 = performance.now();
  for (const j of jobs) await computeSeries(app, j.kpi, j.unit, j.frequency, DEFAULT_HORIZON[j.frequency], version);
  const cached = performance.now() - t2;
  return { out, total, engine, cached };
}

function quality(label: string, rows: Array<{ kpi: KpiDefinition; c: ComputedSeries }>) {
  const byKpi = new Map<string, ComputedSeries[]>();
  for (const r of rows) byKpi.set(r.kpi.id, [...(byKpi.get(r.kpi.id) ?? []), r.c]);
  const table = [...byKpi].map(([kpiId, cs]) => {
    const scored = cs.filter((c) => c.result.backtest);
    const models = new Map<string, number>();
    for (const c of scored) models.set(c.result.model!.id, (models.get(c.result.model!.id) ?? 0) + 1);
    const bt = scored.map((c) => c.result.backtest!);
    return {
      kpi: kpiId,
      series: cs.length,
      ok: cs.filter((c) => c.result.verdict === 'ok').length,
      too_noisy: cs.filter((c) => c.result.verdict === 'too_noisy').length,
      too_short: cs.filter((c) => c.result.verdict === 'too_short').length,
      models: [...models].map(([m, n]) => `${m}:${n}`).join(' '),
      'MAPE %': mean(bt.map((b) => b.mape)).toFixed(2),
      MASE: mean(bt.map((b) => b.mase)).toFixed(2),
      'naive MAPE %': mean(bt.map((b) => b.baselineMape)).toFixed(2),
      'raw cov80/95': `${mean(scored.map((c) => c.result.rawCoverage80)).toFixed(2)}/${mean(scored.map((c) => c.result.rawCoverage95)).toFixed(2)}`,
      'cov80/95': `${mean(bt.map((b) => b.coverage80)).toFixed(2)}/${mean(bt.map((b) => b.coverage95)).toFixed(2)}`,
      'widen80/95': `${mean(scored.map((c) => c.result.model!.intervalWidening)).toFixed(2)}/${mean(scored.map((c) => c.result.model!.intervalWidening95 ?? 1)).toFixed(2)}`,
    };
  });
  console.log(`\n${label}: backtest on each unit's own history (means over the units)`);
  console.table(table);
}

/** one series to time */
function job(kpi: KpiDefinition, unit: OrgUnit, frequency: Frequency) {
  return { kpi, unit, frequency };
}

const app = await open();
const tree = app.orgUnits();
const provinces = tree.provinces();
const monthly = kpiCatalogue.all.filter((k) => k.frequency === 'monthly');
const index = kpiCatalogue.get('service_index');

// 1. every monthly KPI (and the index, monthly) for the 34 provinces
const provinceJobs = [...monthly, index].flatMap((kpi) => provinces.map((unit) => job(kpi, unit, 'monthly')));
const onMain = await withLag(() => timeSeries(app, provinceJobs, true));
const p = onMain.value;
console.log(`\n${provinceJobs.length} province series (${monthly.length} monthly KPIs + the index read monthly × ${provinces.length} provinces, horizon 12; every KPI, the index too, read for all provinces at once):`);
console.table([{ 'cold (s)': seconds(p.total), 'engine alone (s)': seconds(p.engine), 'reads (s)': seconds(p.total - p.engine), 'per series (ms)': (p.total / provinceJobs.length).toFixed(1), 'cached (s)': seconds(p.cached), 'event-loop lag p50/p99/max (ms)': lagText(onMain.lag) }]);
quality('Provinces, monthly', p.out);

// 2. the scorecard's column: every province's chance of reaching the index target (cached by now)
const t3 = performance.now();
await getAttainmentByChildren(app, { parentId: tree.nation.id, kpiId: 'service_index' });
console.log(`\nattainmentByChildren(nation, service_index), after the above: ${seconds(performance.now() - t3)} s`);

// 3. communes: the commune-level monthly KPIs for a sample (or all)
const communes = provinces.flatMap((pr) => tree.childrenOf(pr.id));
const random = prng(9);
const sample = communeArg === 'all' ? communes : [...communes].sort(() => random() - 0.5).slice(0, Number(communeArg));
const communeKpis = monthly.filter((k) => k.submittedAt === 'commune');
const communeJobs = communeKpis.flatMap((kpi) => sample.map((unit) => job(kpi, unit, 'monthly')));
const c = await timeSeries(app, communeJobs, true);
console.log(`\n${communeJobs.length} commune series (${communeKpis.length} commune-level monthly KPIs × ${sample.length} of ${communes.length} communes):`);
console.table([{ 'cold (s)': seconds(c.total), 'engine alone (s)': seconds(c.engine), 'per series (ms)': (c.total / communeJobs.length).toFixed(1), [`all ${communes.length} communes, estimated (s)`]: seconds((c.total / sample.length) * communes.length) }]);
quality('Communes, monthly', c.out);

// 4. daily KPIs (and the daily index), Tết modelled, 90 days ahead, for a few provinces
const daily = kpiCatalogue.all.filter((k) => k.frequency === 'daily');
const dailyJobs = daily.flatMap((kpi) => provinces.slice(0, dailyProvinces).map((unit) => job(kpi, unit, 'daily')));
const d = await timeSeries(app, dailyJobs);
console.log(`\n${dailyJobs.length} daily series (${daily.length} daily KPIs × ${dailyProvinces} provinces, horizon 90):`);
console.table([{ 'cold (s)': seconds(d.total), 'engine alone (s)': seconds(d.engine), 'per series (ms)': (d.total / dailyJobs.length).toFixed(0), 'all 34 provinces, estimated (s)': seconds((d.total / dailyJobs.length) * daily.length * provinces.length) }]);
quality('Provinces, daily', d.out);
console.log(`\ncache entries: ${forecastCacheOf(app).size}`);

// 5. the same kind of work through the background jobs: the fits in worker threads, the reads and
//    stores on the main thread; the cache emptied first, so every series is computed
const pool = forecastWorkerPool();
const jobs = forecastJobsOf(app);
const throughJobs = async (specs: Array<Parameters<typeof jobs.start>[0]>) => {
  for (const spec of specs) jobs.start(spec);
  const ends = [];
  for (const spec of specs) ends.push((await jobs.finished(spec))!);
  return { series: ends.reduce((n, e) => n + e.total, 0), computed: ends.reduce((n, e) => n + e.computed, 0), failed: ends.reduce((n, e) => n + e.failed, 0) };
};
const workerRows: Array<Record<string, string | number>> = [];
const timeJobs = async (label: string, specs: Array<Parameters<typeof jobs.start>[0]>) => {
  forecastCacheOf(app).clear();
  const r = await withLag(() => throughJobs(specs));
  workerRows.push({ work: label, series: r.value.series, computed: r.value.computed, failed: r.value.failed, 'time (s)': seconds(r.ms), 'per series (ms)': (r.ms / r.value.series).toFixed(1), 'event-loop lag p50/p99/max (ms)': lagText(r.lag) });
};
const nation = tree.nation;
await timeJobs(`${monthly.length} monthly KPIs × 34 provinces`, monthly.map((k) => ({ kpiId: k.id, parentId: nation.id, level: 'province' as const })));
await timeJobs('dossiers_on_time (daily, 90 days) × 34 provinces', [{ kpiId: 'dossiers_on_time', parentId: nation.id, level: 'province' }]);
await timeJobs(`data_reused (monthly) × all ${communes.length} communes`, [{ kpiId: 'data_reused', parentId: nation.id, level: 'commune' }]);

// a daily KPI for every commune, from its province's daily history (see the header), straight to the pool
const dailyKpi = kpiCatalogue.get('dossiers_on_time');
const provinceDaily = await loadChildHistories(app, dailyKpi, nation, 'daily', NOW);
const jitter = prng(17);
const dailyCommunes = dailyCommunesArg === 'all' ? communes : communes.filter((_, i) => i % Math.ceil(communes.length / Number(dailyCommunesArg)) === 0);
const communeDaily = dailyCommunes.flatMap((commune) => {
  const base = provinceDaily?.get(commune.provinceId!);
  if (!base || base.values.length === 0) return [];
  const level = 0.9 + 0.1 * jitter();
  const values = base.values.map((v) => Math.min(99.5, Math.max(0.5, v * level + (jitter() - 0.5) * 2)));
  return [{ frequency: 'daily' as const, periods: base.periods, values, transform: transformFor(dailyKpi, values).id, horizon: DEFAULT_HORIZON.daily }];
});
const daily3321 = await withLag(async () => {
  let done = 0;
  await runChunks(chunksOf(communeDaily, 2), { maxInFlight: pool.size + 1, run: (chunk) => pool.run(chunk), settle: (chunk) => void (done += chunk.length) });
  return done;
});
workerRows.push({ work: `dossiers_on_time (daily, 90 days) × ${communeDaily.length} communes, synthetic histories`, series: daily3321.value, computed: daily3321.value, failed: 0, 'time (s)': seconds(daily3321.ms), 'per series (ms)': (daily3321.ms / daily3321.value).toFixed(1), 'event-loop lag p50/p99/max (ms)': lagText(daily3321.lag) });

console.log(`\nThrough the background jobs (${pool.size} worker thread${pool.size === 1 ? '' : 's'} on ${(await import('node:os')).availableParallelism()} cores), cold cache:`);
console.table(workerRows);
await pool.close();
await app.db.close();
