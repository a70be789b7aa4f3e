import type { Queryable, Transaction } from '../db';
import { oweRefreshAfterCommit } from '../rollupRefresh';
import type { ValidMeasurement } from '../../../shared/domain/validateMeasurementBatch';

/** where a batch came from; 'system': measures the app computes itself (the scoring of its own forecasts) */
export type BatchSource = 'api' | 'trpc' | 'seed' | 'simulator' | 'form' | 'import' | 'system';

export interface IngestBatchRow {
  id: number;
  principal: string;
  source: BatchSource;
  idempotency_key: string | null;
  content_hash: string | null;
  row_count: number;
  received_at: Date;
}

export async function findBatchByIdempotencyKey(
  db: Queryable,
  principal: string,
  idempotencyKey: string,
): Promise<IngestBatchRow | undefined> {
  const rows = await db.query<IngestBatchRow>(
    `SELECT id, principal, source, idempotency_key, content_hash, row_count, received_at
     FROM ingest_batch WHERE principal = $1 AND idempotency_key = $2`,
    [principal, idempotencyKey],
  );
  return rows[0];
}

/**
 * Records a batch. With an idempotency key already taken by a concurrent request, returns
 * undefined instead of failing, so the caller can answer with the batch that won.
 */
export async function insertIngestBatch(
  db: Queryable,
  batch: { principal: string; source: BatchSource; idempotencyKey: string | null; contentHash: string | null; rowCount: number },
): Promise<IngestBatchRow | undefined> {
  const rows = await db.query<IngestBatchRow>(
    `INSERT INTO ingest_batch (principal, source, idempotency_key, content_hash, row_count)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (principal, idempotency_key) DO NOTHING
     RETURNING id, principal, source, idempotency_key, content_hash, row_count, received_at`,
    [batch.principal, batch.source, batch.idempotencyKey, batch.contentHash, batch.rowCount],
  );
  return rows[0];
}

/**
 * Writes rows with one statement. A row whose (KPI, unit, time) exists replaces the value; the
 * trigger keep_measurement_revision moves the old one to measurement_revision. Returns how many
 * rows replaced a value.
 */
export async function upsertMeasurements(db: Queryable, batchId: number, rows: readonly ValidMeasurement[]): Promise<number> {
  if (rows.length === 0) return 0;
  await db.query(
    `INSERT INTO measurement (kpi_id, org_unit_id, province_id, ts, num, den, batch_id)
     SELECT kpi_id, org_unit_id, province_id, ts, num, den, $7
     FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::float8[], $6::float8[])
       AS t(kpi_id, org_unit_id, province_id, ts, num, den)
     ON CONFLICT (kpi_id, org_unit_id, ts) DO UPDATE
       SET num = excluded.num, den = excluded.den, province_id = excluded.province_id, batch_id = excluded.batch_id`,
    [
      rows.map((r) => r.kpiId),
      rows.map((r) => r.orgUnitId),
      rows.map((r) => r.provinceId),
      rows.map((r) => r.ts),
      rows.map((r) => r.num),
      rows.map((r) => r.den),
      batchId,
    ],
  );
  const replaced = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement_revision WHERE superseded_by = $1', [batchId]);
  return replaced[0]?.n ?? 0;
}

/**
 * Lands a batch's rows in the writing transaction, with the record of the roll-up refresh they owe,
 * and queues that refresh for after its commit (before anything queued later, such as the announcement of the
 * batch, so whoever hears of it reads the new numbers). Returns how many rows replaced a value.
 */
export async function landMeasurements(tx: Transaction, batchId: number, rows: readonly ValidMeasurement[]): Promise<number> {
  const replaced = await upsertMeasurements(tx, batchId, rows);
  if (rows.length > 0) {
    let from = rows[0]!.ts;
    let to = rows[0]!.ts;
    for (const r of rows) {
      if (r.ts < from) from = r.ts;
      if (r.ts > to) to = r.ts;
    }
    await oweRefreshAfterCommit(tx, from, to);
  }
  return replaced;
}

export async function countMeasurements(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement');
  return rows[0]?.n ?? 0;
}
