/**
 * Alert checks after a batch, embedded, on the demo's data (24 months of every KPI by default, and
 * the day's demo feed so far):
 * the time per batch of the full check that ran before (every KPI of the batch read for the whole
 * country over its history window, then the batch's provinces picked out) against the incremental
 * pass that runs now (the (KPI, province) series the batch touched, read alone, from the records its
 * transaction wrote). Both run in the same process on the same data after each batch, so the ratio
 * holds on a noisy machine. The baseline is measured read-and-judge only (it stores no alert), so
 * it is if anything a little cheap. Prints a table; asserts nothing.
 *   npx tsx bench/alertEvaluation.ts [months=24] [batches-per-size=8]
 */
import { EventEmitter } from 'node:events';
import { kpiCatalogue } from '../kpi-definitions';
import type { MeasuredKpi } from '../kpi-definitions/schema';
import { createAppContext, type AppContext } from '../server/appContext';
import type { Principal } from '../server/auth/principal';
import { openDb } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { getActiveAlerts } from '../server/db/queries/alerts';
import { getChildSums, type ChildSumRow } from '../server/db/queries/rollups';
import { evaluatePendingAlerts } from '../server/services/alerts';
import { ingestMeasurements } from '../server/services/ingestMeasurements';
import { generateHistory } from '../seed/history';
import { prng } from '../seed/random';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { createSimulatorFeed } from '../seed/simulator';
import { valueFromSums } from '../shared/domain/aggregate';
import { hasRecovered, judgeValue } from '../shared/domain/alertRules';
import { addPeriods, periodStart, periodUnitOf } from '../shared/domain/periods';

const months = Number(process.argv[2] ?? 24);
const batchesPerSize = Number(process.argv[3] ?? 8);
const HISTORY_PERIODS = { daily: 30, monthly: 24, quarterly: 8 } as const;

/** The check as it was before: per KPI of the batch, the whole country's series, then its provinces. */
async function fullCheck(app: AppContext, batch: { kpiIds: string[]; provinceIds: number[] }, now: Date): Promise<number> {
  const kpis = batch.kpiIds.map((id) => app.catalogue.byId.get(id)).filter((k): k is MeasuredKpi => !!k && k.measure.kind !== 'composite');
  const provinces = new Set(batch.provinceIds);
  let judged = 0;
  for (const kpi of kpis) {
    const unit = periodUnitOf(kpi.frequency);
    const current = periodStart(unit, now);
    const rows = await getChildSums(app.db, { kpiIds: [kpi.id], granularity: unit, parent: { level: 'nation' }, from: addPeriods(current, unit, -HISTORY_PERIODS[kpi.frequency]), to: addPeriods(current, unit, 1) });
    const byProvince = new Map<number, ChildSumRow[]>();
    for (const r of rows) if (provinces.has(r.child_id)) byProvince.set(r.child_id, [...(byProvince.get(r.child_id) ?? []), r]);
    const active = await getActiveAlerts(app.db, { kpiIds: [...byProvince.keys()].map(() => kpi.id), orgUnitIds: [...byProvince.keys()] });
    for (const [provinceId, series] of byProvince) {
      const values = series.map((r) => valueFromSums(kpi.measure, r.num, r.den)).filter((v): v is number => v !== null);
      const latest = values.at(-1);
      if (latest === undefined) continue;
      const history = values.slice(0, -1);
      for (const a of active.filter((x) => x.org_unit_id === provinceId)) hasRecovered(kpi, a, latest, history);
      judgeValue(kpi, latest, history);
      judged += 1;
    }
  }
  return judged;
}

const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);

const db = await openDb({});
await migrate(db);
await seedOrgUnits(db);
const app = await createAppContext(db, new EventEmitter());
const now = new Date();
const t0 = performance.now();
const seeded = await seedHistory(db, kpiCatalogue, app.orgUnits(), { now, months });
console.log(`[bench] embedded, ${seeded.toLocaleString('en-GB')} seeded rows (${months} months, every KPI) in ${(ms(t0) / 1000).toFixed(0)} s`);

const principal: Principal = { kind: 'system', name: 'system:bench', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
const tree = app.orgUnits();
const feed = createSimulatorFeed(app, prng(11));

// The demo's day so far: the feed has run since the day began (at most the last FEED_HOURS), a
// tick every three seconds. Today's buckets are read from raw rows (real-time aggregation): what a
// country-wide check pays for on every batch.
const FEED_HOURS = 6;
const feedFrom = Math.max(periodStart('day', now).getTime(), now.getTime() - FEED_HOURS * 3600_000);
const t1 = performance.now();
let fed = 0;
for (let tick = feedFrom; tick < now.getTime() - 120_000; ) {
  const rows = [];
  for (let k = 0; k < 200 && tick < now.getTime() - 120_000; k++, tick += 3_000) rows.push(...feed(new Date(tick)));
  await ingestMeasurements(app, principal, rows, { source: 'simulator' });
  fed += rows.length;
}
while ((await evaluatePendingAlerts(app, now)).more);
console.log(`[bench] ${fed.toLocaleString('en-GB')} rows of today's demo feed (since ${new Date(feedFrom).toISOString()}) in ${(ms(t1) / 1000).toFixed(0)} s`);
/** One row of the demo feed: a province's daily KPI. */
const oneRow = (i: number) => feed(new Date(now.getTime() - 100_000 + i * 1000)).slice(0, 1);
/** 1,000 commune rows of the latest month seeded, on four monthly KPIs (a commune import), upserted again. */
const monthlyRows = [...generateHistory(kpiCatalogue, tree, { now, months: 2, kpiIds: ['data_reused', 'fees_paid_online', 'dossiers_digitised', 'records_match_population_db'] })].flat();
const latestMonth = periodStart('month', new Date(Math.max(...monthlyRows.map((r) => r.ts.getTime()))));
const communeRows = monthlyRows
  .filter((r) => r.ts >= latestMonth)
  .map((r) => ({ kpiId: r.kpiId, orgUnitCode: tree.get(r.orgUnitId).code, time: r.ts.toISOString(), numerator: r.num, denominator: r.den }));
if (communeRows.length < 1000) throw new Error(`only ${communeRows.length} commune rows in the latest month`);
const thousandRows = (i: number) => Array.from({ length: 1000 }, (_, k) => communeRows[(i * 1000 + k) % communeRows.length]!);

const results: Array<Record<string, string>> = [];
for (const [label, rowsOf] of [['1 row', oneRow], ['1,000 rows', thousandRows]] as const) {
  const full: number[] = [];
  const incremental: number[] = [];
  const ingest: number[] = [];
  let series = 0;
  let judgedFull = 0;
  for (let i = 0; i < batchesPerSize; i++) {
    const rows = rowsOf(i);
    const t = performance.now();
    await ingestMeasurements(app, principal, rows, { source: 'api' });
    ingest.push(ms(t));
    const kpiIds = [...new Set(rows.map((r) => String(r.kpiId)))];
    const provinceIds = [...new Set(rows.map((r) => tree.byCodeOrUndefined(String(r.orgUnitCode))!.provinceId!))];
    // alternate the order, so neither always finds the other's pages cached
    const runFull = async () => {
      const t1 = performance.now();
      judgedFull = await fullCheck(app, { kpiIds, provinceIds }, now);
      full.push(ms(t1));
    };
    const runIncremental = async () => {
      const t1 = performance.now();
      series = (await evaluatePendingAlerts(app, now)).evaluated.length;
      incremental.push(ms(t1));
    };
    if (i % 2 === 0) {
      await runFull();
      await runIncremental();
    } else {
      await runIncremental();
      await runFull();
    }
  }
  results.push({
    batch: label,
    'series checked': String(series),
    'provinces judged (full)': String(judgedFull),
    'ingest (ms, median)': median(ingest).toFixed(0),
    'full check (ms, median)': median(full).toFixed(1),
    'full (ms, max)': max(full).toFixed(1),
    'incremental (ms, median)': median(incremental).toFixed(1),
    'incremental (ms, max)': max(incremental).toFixed(1),
    'ratio (median)': `${(median(full) / median(incremental)).toFixed(1)}×`,
  });
}
console.table(results);
await db.close();
