/**
 * Seeding functions, used by the start-up seed, the seed command, benchmarks and tests alike.
 * History goes through the same write path as ingestion (ingest_batch + upsertMeasurements), minus
 * validation: the generator only makes valid rows, and the tests check that it does.
 */
import type { KpiCatalogue } from '../kpi-definitions';
import type { Db } from '../server/db/db';
import { insertIngestBatch, upsertMeasurements } from '../server/db/queries/measurements';
import { upsertOrgUnits } from '../server/db/queries/orgUnits';
import type { OrgUnitTree } from '../server/domain/orgUnitTree';
import { refreshAllRollups } from '../server/jobs/rollupMaintenance';
import { countHistoryRows, generateHistory, type HistoryOptions } from './history';
import { buildSeedOrgUnits } from './orgUnits';

export async function seedOrgUnits(db: Db): Promise<void> {
  await db.transaction((tx) => upsertOrgUnits(tx, buildSeedOrgUnits()));
}

export interface SeedProgress {
  written: number;
  /** approximate total */
  total: number;
}

/** Writes generated history in batches of 50,000 rows, each in its own transaction; returns rows written. */
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
      await upsertMeasurements(tx, batch!.id, rows);
    });
    written += rows.length;
    onProgress?.({ written, total });
  }
  await refreshAllRollups(db, options.now);
  await db.query('ANALYZE measurement');
  return written;
}
