/**
 * What N viewers of the overview cost the server: the procedures `/` prefetches (app/page.tsx and
 * the layout: the index, the cards' current values, the ranking, open alerts, the alert badge,
 * the catalogue) run for 1 and for 100 concurrent viewers, through the tRPC router in process,
 * with and without the read cache (server/services/readCache.ts), just after a change (nothing
 * cached yet: the first viewers after a live frame) and again (warm). Counts the SQL statements
 * run and the wall time. The baseline is the same load without the cache, in the same run.
 * Without the cache the cost is N times one viewer's (every statement runs per viewer): it is
 * measured up to `baselineViewers` (default 10), which keeps the run short on the embedded
 * database. Prints a table; asserts nothing.
 *   npx tsx bench/overviewFanOut.ts [dataDir|-] [viewers=100] [baselineViewers=10]
 * dataDir: a copy of a seeded embedded data folder (e.g. `cp -a data /tmp/bench-data` with the
 * server stopped); without it, a small in-memory database is seeded (a month of history).
 */
import { EventEmitter } from 'node:events';
import { kpiCatalogue } from '../kpi-definitions';
import { createAppContext, type AppContext } from '../server/appContext';
import { openDb, type Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { loadOrgUnits } from '../server/db/queries/orgUnits';
import { serverCallerContext } from '../server/trpc/init';
import { createCaller } from '../server/trpc/root';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { OrgUnitTree } from '../shared/domain/orgUnitTree';

const dataDir = process.argv[2] && process.argv[2] !== '-' ? process.argv[2] : undefined;
const viewers = Number(process.argv[3] ?? 100);
const baselineViewers = Number(process.argv[4] ?? 10);

/** Counts the statements run through a database handle. */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const counted: Db = {
    ...db,
    mode: db.mode,
    timescale: db.timescale,
    query: (text, params) => {
      n += 1;
      return db.query(text, params);
    },
    transaction: (work) => db.transaction(work),
  };
  return { db: counted, statements: () => n };
}

/** One viewer's first load of `/`: every procedure the layout and the page prefetch. */
async function overviewLoad(app: AppContext): Promise<void> {
  const trpc = createCaller(serverCallerContext(app));
  const nation = app.orgUnits().nation;
  await Promise.all([
    trpc.catalogue.kpis(),
    trpc.alerts.list({ state: 'open', pageSize: 1 }),
    trpc.values.current({ orgUnitId: nation.id, kpiIds: ['service_index'] }),
    trpc.values.ranking({ kpiId: 'service_index', parentId: nation.id }),
    trpc.alerts.open({ limit: 8 }),
    trpc.values.current({ orgUnitId: nation.id }),
  ]);
}

async function measure(app: AppContext, statements: () => number, n: number): Promise<{ statements: number; ms: number }> {
  const before = statements();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, () => overviewLoad(app)));
  return { statements: statements() - before, ms: Math.round(performance.now() - t0) };
}

const raw = await openDb(dataDir ? { dataDir } : {});
if (!dataDir) {
  await migrate(raw);
  await seedOrgUnits(raw);
  const tree = new OrgUnitTree(await loadOrgUnits(raw));
  await seedHistory(raw, kpiCatalogue, tree, { now: new Date(), months: 1, scale: 1, reports: false }, () => undefined);
}
const { db, statements } = counting(raw);
const uncached = await createAppContext(db, new EventEmitter());
const cached = await createAppContext(db, new EventEmitter(), { cacheReads: true });

// One load first: the planner's and the process's first-use costs are not the figures.
await overviewLoad(uncached);

const rows: Array<Record<string, string | number>> = [];
for (const n of [...new Set([1, baselineViewers, viewers])]) {
  if (n <= baselineViewers) {
    const without = await measure(uncached, statements, n);
    rows.push({ 'read cache': 'off (baseline)', viewers: n, when: '-', 'SQL statements': without.statements, 'wall time (ms)': without.ms });
  }
  cached.readCache!.dataChanged(); // a change was announced: nothing is cached
  const cold = await measure(cached, statements, n);
  rows.push({ 'read cache': 'on', viewers: n, when: 'just after a change', 'SQL statements': cold.statements, 'wall time (ms)': cold.ms });
  const warm = await measure(cached, statements, n);
  rows.push({ 'read cache': 'on', viewers: n, when: 'again (warm)', 'SQL statements': warm.statements, 'wall time (ms)': warm.ms });
}
console.log(`the overview's first load (layout + page procedures), ${dataDir ? `data in ${dataDir}` : 'a month of seeded history in memory'}, ${raw.mode}`);
console.table(rows);
console.log('statements per viewer stay those of the two alert lists (not cached: one indexed query each) once the numbers are cached');
await raw.close();
