/**
 * Forecast timings and backtest quality on the demo history: seeds a fresh embedded database (or
 * BENCH_DATABASE_URL, an empty PostgreSQL database) with the demo generator's 24 months for every
 * province and commune, or opens BENCH_DATA_DIR, a data folder `npm start` seeded (stopped), then times
 * - every monthly KPI (and the index read monthly) for all 34 provinces, cold and cached;
 * - the commune-level monthly KPIs for a sample of communes (all of them with `communes=all`);
 * - the daily KPIs with Tết and a 90-day horizon for a few provinces;
 * and prints, per KPI over the provinces, the chosen models, the backtest MAPE and MASE, the
 * seasonal-naive MAPE and the coverage of the 80 % / 95 % intervals before and after calibration.
 *   npx tsx bench/forecast.ts [communes=300|all] [dailyProvinces=3]
 *   BENCH_DATA_DIR=./data npx tsx bench/forecast.ts 100 2      (on a stopped server's seeded data)
 */
import { EventEmitter } from 'node:events';
import { kpiCatalogue } from '../kpi-definitions';
import type { Frequency, KpiDefinition } from '../kpi-definitions/schema';
import { createAppContext, type AppContext } from '../server/appContext';
import { openDb } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { getDataVersion } from '../server/db/queries/dataVersion';
import { forecastCacheOf } from '../server/forecast/forecastCache';
import { forecastSeries } from '../server/forecast/forecastSeries';
import { computeSeries, DEFAULT_HORIZON, getAttainmentByChildren, type ComputedSeries } from '../server/forecast/forecastService';
import { loadChildHistories, type LoadedHistory } from '../server/forecast/seriesHistory';
import { transformFor } from '../server/forecast/transforms';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { prng } from '../seed/random';
import type { OrgUnit } from '../shared/domain/orgUnitTree';

const communeArg = process.argv[2] ?? '300';
const dailyProvinces = Number(process.argv[3] ?? 3);
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
const p = await timeSeries(app, provinceJobs, true);
console.log(`\n${provinceJobs.length} province series (${monthly.length} monthly KPIs + the index read monthly × ${provinces.length} provinces, horizon 12; every KPI, the index too, read for all provinces at once):`);
console.table([{ 'cold (s)': seconds(p.total), 'engine alone (s)': seconds(p.engine), 'reads (s)': seconds(p.total - p.engine), 'per series (ms)': (p.total / provinceJobs.length).toFixed(1), 'cached (s)': seconds(p.cached) }]);
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
await app.db.close();
