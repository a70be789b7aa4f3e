/**
 * The large export: one commune KPI for every commune (3,321) × 24 months, through the view and
 * the streaming writers the route uses, into a sink that reads as fast as a local client. Prints
 * time, bytes, rows and the process's peak memory (RSS and heap, sampled every 20 ms) per format,
 * in the embedded TimescaleDB. Asserts nothing.
 *   npx tsx bench/exportLarge.ts [months=24]
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { kpiCatalogue } from '../kpi-definitions';
import { createAppContext } from '../server/appContext';
import type { Principal } from '../server/auth/principal';
import { openDb } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import type { ExportFormat } from '../server/export/exportDocument';
import { buildExportDocument } from '../server/export/exportViews';
import { writeExport } from '../server/export/writeExport';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';

const months = Number(process.argv[2] ?? 24);
const KPI = 'data_reused';

const db = await openDb({});
await migrate(db);
await seedOrgUnits(db);
const app = await createAppContext(db, new EventEmitter());
const now = new Date();
const t0 = performance.now();
const seeded = await seedHistory(db, kpiCatalogue, app.orgUnits(), { now, months, kpiIds: [KPI] });
console.log(`seeded ${seeded.toLocaleString('en')} measurements of ${KPI} over ${months} months in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const planner: Principal = { kind: 'user', name: 'user:bench', scopeUnitId: app.orgUnits().nation.id, role: 'planner' };
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

console.log('\nformat | rows    | MB    | seconds | rows/s  | peak RSS MB | peak heap MB (baseline heap MB)');
for (const format of ['csv', 'xlsx'] as ExportFormat[]) {
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const start = performance.now();
  const doc = await buildExportDocument('communes', { app, principal: planner, who: 'bench', locale: 'vi', now, params: new URLSearchParams({ kpi: KPI, months: String(months) }) });
  const rows = await writeExport(doc, format, sink);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  console.log(
    `${format.padEnd(6)} | ${String(rows).padEnd(7)} | ${mb(bytes).padEnd(5)} | ${seconds.toFixed(1).padEnd(7)} | ${String(Math.round(rows / seconds)).padEnd(7)} | ${mb(peakRss).padEnd(11)} | ${mb(peakHeap)} (${mb(baseline.heapUsed)})`,
  );
}
await db.close();
