/**
 * How long values.explainChange takes on seeded history (embedded TimescaleDB, in process): the
 * national service index (34 provinces × its 14 components), a national ratio, and a province's
 * index (its communes). Seeds `months` of history for the given provinces first. Prints the
 * median and the slowest of the runs per case; asserts nothing about time.
 *   npx tsx bench/explainChange.ts [months=3] [runs=9] [province codes=all]
 */
import { performance } from 'node:perf_hooks';
import { explainChange } from '../server/services/explainChange';
import { seedHistory } from '../seed/seedDatabase';
import { kpiCatalogue, openTestApp } from '../tests/helpers/testDb';

const months = Number(process.argv[2] ?? 3);
const runs = Number(process.argv[3] ?? 9);
const provinceCodes = process.argv[4]?.split(',');
const now = new Date('2026-11-27T10:00:00+07:00');

const { app, close } = await openTestApp('embedded');
const seedStart = performance.now();
const rows = await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now, months, ...(provinceCodes ? { provinceCodes } : {}) });
console.log(`seeded ${rows.toLocaleString('en')} measurements (${months} months, ${provinceCodes?.join(',') ?? 'all provinces'}) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const nation = app.orgUnits().nation;
const province = app.orgUnits().byCodeOrUndefined(provinceCodes?.[0] ?? '79')!;
const cases: Array<[string, { kpiId: string; orgUnitId: number }]> = [
  ['nation · service_index (by province)', { kpiId: 'service_index', orgUnitId: nation.id }],
  ['nation · dossiers_on_time (by province)', { kpiId: 'dossiers_on_time', orgUnitId: nation.id }],
  [`${province.code} · service_index (by commune)`, { kpiId: 'service_index', orgUnitId: province.id }],
  [`${province.code} · data_reused (by commune)`, { kpiId: 'data_reused', orgUnitId: province.id }],
];
console.log(`${'case'.padEnd(42)} ${'rows'.padStart(5)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)}`);
for (const [name, q] of cases) {
  const times: number[] = [];
  let children = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await explainChange(app, { ...q, period: now });
    times.push(performance.now() - t0);
    children = r.children.length;
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(42)} ${String(children).padStart(5)} ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(10)} ${times.at(-1)!.toFixed(1).padStart(8)}`);
}
await close();
