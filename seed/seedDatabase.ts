/**
 * Seeding functions, used by the start-up seed, the seed command, benchmarks and tests alike.
 * History goes through the same write path as ingestion (ingest_batch + upsertMeasurements), minus
 * validation: the generator only makes valid rows, and the tests check that it does.
 */
import type { KpiCatalogue } from '../kpi-definitions';
import type { Db } from '../server/db/db';
import { rebuildLevelSums } from '../server/db/queries/levelSums';
import { insertIngestBatch, upsertMeasurements } from '../server/db/queries/measurements';
import { insertDemoReports, type DemoReportRow } from '../server/db/queries/reports';
import type { ValidMeasurement } from '../shared/domain/validateMeasurementBatch';
import { upsertOrgUnits } from '../server/db/queries/orgUnits';
import type { OrgUnitTree } from '../shared/domain/orgUnitTree';
import { refreshAllRollups } from '../server/jobs/rollupMaintenance';
import { demoInputs, demoReport, inReportWindow } from './demoReports';
import { countHistoryRows, DEFAULT_SEED, generateHistory, type HistoryOptions } from './history';
import { buildSeedOrgUnits } from './orgUnits';

export async function seedOrgUnits(db: Db): Promise<void> {
  await db.transaction((tx) => upsertOrgUnits(tx, buildSeedOrgUnits()));
}

export interface SeedProgress {
  written: number;
  /** approximate total */
  total: number;
}

/** The reports behind a batch of generated rows (with `options.reports`): those in the report window. */
function reportsOf(catalogue: KpiCatalogue, tree: OrgUnitTree, options: HistoryOptions, rows: readonly ValidMeasurement[]): DemoReportRow[] {
  if (!options.reports) return [];
  const seed = options.seed ?? DEFAULT_SEED;
  const measured = new Map(catalogue.measured.map((k) => [k.id, k]));
  const out: DemoReportRow[] = [];
  for (const row of rows) {
    const kpi = measured.get(row.kpiId)!;
    if (!inReportWindow(kpi, row.ts, options.now)) continue;
    const unit = tree.get(row.orgUnitId);
    const report = demoReport(seed, kpi, unit, tree.get(row.provinceId).code, row.ts, options.now);
    // the generator made no value for a report that is not in
    if (!report) throw new Error(`seed: a value without its report (${row.kpiId}, ${unit.code}, ${row.ts.toISOString()})`);
    out.push({ kpiId: row.kpiId, orgUnitId: row.orgUnitId, periodStart: row.ts, inputs: demoInputs(kpi, row), ...report });
  }
  return out;
}

/**
 * Writes generated history in batches of 50,000 rows, each in its own transaction with the
 * reports behind its rows (with `options.reports`); returns rows written.
 */
export async function seedHistory(
  db: Db,
  catalogue: KpiCatalogue,
  tree: OrgUnitTree,
  options: HistoryOptions,
  onProgress?: (p: SeedProgress) => void,
): Promise<number> {
  const total = countHistoryRows(catalogue, tree, options);
  let written = 0;
  for (const rows of generateHistory(catalogue, tree, options)) {
    await db.transaction(async (tx) => {
      const batch = await insertIngestBatch(tx, {
        principal: 'system:seed',
        source: 'seed',
        idempotencyKey: null,
        contentHash: null,
        rowCount: rows.length,
      });
      // the province and nation sums are computed once at the end: 2–3× faster than row by row
      await upsertMeasurements(tx, batch!.id, rows, { sums: 'rebuildAfter' });
      await insertDemoReports(tx, reportsOf(catalogue, tree, options, rows));
    });
    written += rows.length;
    onProgress?.({ written, total });
  }
  await db.transaction((tx) => rebuildLevelSums(tx));
  await refreshAllRollups(db, options.now);
  await db.query('ANALYZE measurement');
  if (options.reports) await db.query('ANALYZE report');
  return written;
}
