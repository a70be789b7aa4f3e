import type { Queryable, Transaction } from '../db';
import { oweRefreshAfterCommit } from '../rollupRefresh';
import { LEVEL_SUM_CTES, lockKpis } from './levelSums';
import { settledAll } from '../settledAll';
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

/** An element of a PostgreSQL array literal, quoted: any text, whatever it holds. */
const quoteElement = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The batch's columns as PostgreSQL array literals ($1–$6 of the statements below), made in one
 * pass over the rows, and the distinct KPIs. The drivers' own serialisation of JavaScript arrays
 * converts and escapes every element apart (pg formats each Date in JavaScript): for 50,000 rows,
 * about a third of the node CPU of the write. Here a number is its shortest round-trip text (what
 * the drivers send too), an instant its ISO text in UTC, and a KPI id is quoted once per batch.
 * Both drivers pass a text parameter through unchanged, to be read as the array it spells.
 */
function columnLiterals(rows: readonly ValidMeasurement[]): { columns: string[]; kpiIds: string[] } {
  const quoted = new Map<string, string>();
  const n = rows.length;
  const kpi = new Array<string>(n);
  const unit = new Array<number>(n);
  const province = new Array<number>(n);
  const ts = new Array<string>(n);
  const num = new Array<number>(n);
  const den = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    let id = quoted.get(r.kpiId);
    if (id === undefined) {
      id = quoteElement(r.kpiId);
      quoted.set(r.kpiId, id);
    }
    kpi[i] = id;
    unit[i] = r.orgUnitId;
    province[i] = r.provinceId;
    ts[i] = r.ts.toISOString();
    num[i] = r.num;
    den[i] = r.den;
  }
  const literal = (values: ReadonlyArray<string | number>) => `{${values.join(',')}}`;
  return { columns: [literal(kpi), literal(unit), literal(province), literal(ts), literal(num), literal(den)], kpiIds: [...quoted.keys()] };
}

/** The batch's rows as the statements read them, from one array per column ($1–$6). */
const INCOMING = `incoming AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::float8[], $6::float8[])
         AS t(kpi_id, org_unit_id, province_id, ts, num, den)
     )`;

/** The write of the rows ($7: the batch); a row whose key exists replaces the value. */
const WRITE_ROWS = `INSERT INTO measurement (kpi_id, org_unit_id, province_id, ts, num, den, batch_id)
       SELECT kpi_id, org_unit_id, province_id, ts, num, den, $7 FROM incoming
       ON CONFLICT (kpi_id, org_unit_id, ts) DO UPDATE
         SET num = excluded.num, den = excluded.den, province_id = excluded.province_id, batch_id = excluded.batch_id`;

/**
 * Writes rows in the writing transaction, with the province and nation sums they change, in one
 * statement (the rows sent and unnested once): the sums' part (levelSums.ts, `LEVEL_SUM_CTES`)
 * reads what the rows replace in the statement's snapshot, taken before its write. A row whose
 * (KPI, unit, time) exists replaces the value; the trigger keep_measurement_revision moves the old
 * one to measurement_revision. Returns how many rows replaced a value.
 */
export async function upsertMeasurements(
  tx: Transaction,
  batchId: number,
  rows: readonly ValidMeasurement[],
  options: {
    /** 'rebuildAfter': a bulk load leaves the sums to `rebuildLevelSums`, which the caller runs before anyone reads */
    sums?: 'keep' | 'rebuildAfter';
  } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const { columns, kpiIds } = columnLiterals(rows);
  const params = [...columns, batchId];
  if (options.sums === 'rebuildAfter') {
    await tx.query(`WITH ${INCOMING} ${WRITE_ROWS}`, params);
    const replaced = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement_revision WHERE superseded_by = $1', [batchId]);
    return replaced[0]?.n ?? 0;
  }
  // The writers of these KPIs take turns: the sums read "what is there" with no other write in
  // between. The write is sent with the turn, not after its answer (statements run in the order
  // sent): the turn is held for what the statements take, not also for a round trip through this
  // thread's event loop, which a live feed keeps busy while the next batch waits for the turn.
  const [, written] = await settledAll([
    lockKpis(tx, kpiIds, { forWrite: true }),
    tx.query<{ replaced: number }>(
      `WITH ${INCOMING},${LEVEL_SUM_CTES},
       written AS (
         ${WRITE_ROWS}
       )
       SELECT count(*)::int AS replaced FROM replaced`,
      params,
    ),
  ] as const);
  return written[0]?.replaced ?? 0;
}

/**
 * Lands a batch's rows in the writing transaction, with the record of the roll-up refresh they owe,
 * and queues that refresh for after its commit (before anything queued later, such as the announcement of the
 * batch, so whoever hears of it reads the new numbers). Returns how many rows replaced a value.
 * Its statements are sent at once, the record first (it needs no KPI's turn): a statement the
 * caller sends after calling it, without waiting, runs after the write.
 */
export async function landMeasurements(tx: Transaction, batchId: number, rows: readonly ValidMeasurement[]): Promise<number> {
  if (rows.length === 0) return 0;
  // getTime, not `<` on the Dates (which converts each through valueOf): 50,000 rows are compared here
  let from = rows[0]!.ts.getTime();
  let to = from;
  for (const r of rows) {
    const t = r.ts.getTime();
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const [, replaced] = await settledAll([oweRefreshAfterCommit(tx, new Date(from), new Date(to)), upsertMeasurements(tx, batchId, rows)] as const);
  return replaced;
}

export async function countMeasurements(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement');
  return rows[0]?.n ?? 0;
}
