/**
 * Takes a batch of measurements from any entry point (HTTP, tRPC, forms, imports, the simulator):
 * validate every row, then land the whole batch in one transaction or nothing, announced with it
 * (delivered on commit). An Idempotency-Key makes a retried batch land once.
 */
import { appNow, realNowMs } from '../clock';
import { createHash } from 'node:crypto';
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import { findBatchByIdempotencyKey, insertIngestBatch, landMeasurements, type BatchSource } from '../db/queries/measurements';
import { validateMeasurementBatch, type ValidMeasurement } from '../../shared/domain/validateMeasurementBatch';
import { findReportedCells } from '../db/queries/reports';
import { AppError, type RowProblem } from '../../shared/errors';
import type { Transaction } from '../db/db';
import { settledAll } from '../db/settledAll';
import { announceChange } from '../realtime/announceChange';
import { oweAlertChecks } from './alerts';
import type { ChangeOf, ChangeReason } from '../realtime/bus';
import { periodStart } from '../../shared/domain/periods';

/** The most rows one call takes; larger files go through the bulk import in parts. */
export const MAX_BATCH_ROWS = 100_000;

export interface IngestResult {
  batchId: number;
  rowCount: number;
  /** rows that replaced an existing value (kept in measurement_revision) */
  replaced: number;
  /** true when this was a retry of a batch that had already landed */
  replayed: boolean;
}

export interface IngestOptions {
  source: BatchSource;
  idempotencyKey?: string | null;
  now?: Date;
}

export async function ingestMeasurements(
  app: AppContext,
  principal: Principal,
  inputs: readonly unknown[],
  options: IngestOptions,
): Promise<IngestResult> {
  if (inputs.length === 0) {
    throw new AppError('BAD_REQUEST', { vi: 'Lô số liệu không có dòng nào', en: 'The batch has no rows' });
  }
  if (inputs.length > MAX_BATCH_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      vi: `Một lô tối đa ${MAX_BATCH_ROWS.toLocaleString('vi-VN')} dòng; lô này có ${inputs.length.toLocaleString('vi-VN')} dòng`,
      en: `A batch takes at most ${MAX_BATCH_ROWS.toLocaleString('en-GB')} rows; this one has ${inputs.length.toLocaleString('en-GB')}`,
    });
  }
  const idempotencyKey = options.idempotencyKey?.trim() || null;
  if (idempotencyKey !== null && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
    throw new AppError('BAD_REQUEST', {
      vi: 'Idempotency-Key phải gồm 1–200 ký tự ASCII in được',
      en: 'Idempotency-Key must be 1–200 printable ASCII characters',
    });
  }

  const now = options.now ?? appNow();
  const validation = validateMeasurementBatch(inputs, {
    catalogue: app.catalogue,
    tree: app.orgUnits(),
    scopeUnitId: principal.scopeUnitId,
    now,
    earliest: app.earliestMeasurement,
  });
  if (!validation.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      {
        vi: `Lô số liệu bị từ chối: ${validation.errors.length} lỗi; không dòng nào được ghi`,
        en: `Batch refused: ${validation.errors.length} error(s); no row was written`,
      },
      { rowErrors: validation.errors },
    );
  }
  const rows = validation.rows;
  const contentHash = hashRows(rows);

  if (idempotencyKey) {
    const earlier = await findBatchByIdempotencyKey(app.db, principal.name, idempotencyKey);
    if (earlier) return replayOf(earlier, contentHash);
  }

  const written = await app.db.transaction((tx) => writeBatch(app, tx, principal, rows, { source: options.source, idempotencyKey, contentHash, now, refuseReportedCells: true }));
  if (!written) {
    const winner = await findBatchByIdempotencyKey(app.db, principal.name, idempotencyKey!);
    if (!winner) throw new Error('idempotency conflict without a winning batch');
    return replayOf(winner, contentHash);
  }
  return { batchId: written.batchId, rowCount: rows.length, replaced: written.replaced, replayed: false };
}

export interface WrittenBatch {
  batchId: number;
  replaced: number;
}

/**
 * Writes validated rows as one batch inside the caller's transaction (so a form can land its
 * reports and their measurements together), and announces it there: the bus is told and the
 * roll-ups refreshed after the commit (live rows told first, late rows once refreshed), never for
 * a rollback; the alert checks it owes are recorded
 * with it and run in the background (services/alerts.ts). Returns undefined when a concurrent
 * request with the same Idempotency-Key won.
 */
export async function writeBatch(
  app: AppContext,
  tx: Transaction,
  principal: Principal,
  rows: readonly ValidMeasurement[],
  options: {
    source: BatchSource;
    idempotencyKey?: string | null;
    contentHash?: string | null;
    now?: Date;
    /** a raw feed: a cell staff reported refuses the batch (see reportedCellsProblem); a form lands its own reports' cells */
    refuseReportedCells?: boolean;
  },
): Promise<WrittenBatch | undefined> {
  const batch = await insertIngestBatch(tx, {
    principal: principal.name,
    source: options.source,
    idempotencyKey: options.idempotencyKey ?? null,
    contentHash: options.contentHash ?? null,
    rowCount: rows.length,
  });
  if (!batch) return undefined;
  const landed: Extract<ChangeReason, { kind: 'measurementsLanded' }> = { kind: 'measurementsLanded', batchId: batch.id, ...summarise(rows) };
  // queued before anything else of the batch: runs right after the COMMIT, and the announcement
  // (which reads `landed` when it is delivered) carries the instant
  tx.afterCommit(() => void (landed.committedAt = realNowMs()));
  // Live rows are announced right after the commit; late rows after the roll-up refresh that the
  // write queues, so that whoever hears of them reads them (see announcedBeforeRefresh).
  const early = announcedBeforeRefresh(landed.from, options.now ?? appNow());
  // Everything the batch sends goes at once, and the transaction's statements run in the order
  // sent: first what needs no KPI's turn (the announcement of a live batch, the alert checks owed;
  // landMeasurements sends its refresh record before the turn), then the turn and the rows, then
  // what must follow the write (the reported cells, the announcement of late rows). The turn is
  // held until the commit: sent together, the statements after it keep it for what they take, not
  // for a round trip each through this thread's event loop (busy with frames under a live feed),
  // and the batch makes one round trip where it made five (bench/ingestThroughput.ts, server
  // mode, quiet machine: one-row ack p99 59 → 29 ms, 50,000 rows a batch 18.0k → 22.9k rows/s).
  const nothing = Promise.resolve(undefined);
  const [, , replaced, reported] = await settledAll([
    early ? announceChange(app, tx, landed) : nothing,
    oweAlertChecks(app, tx, rows, options.now),
    landMeasurements(tx, batch.id, rows),
    // after the write, not before: see reportedCellsProblem
    options.refuseReportedCells ? findReportedCells(tx, { kpiIds: rows.map((r) => r.kpiId), orgUnitIds: rows.map((r) => r.orgUnitId), times: rows.map((r) => r.ts) }) : Promise.resolve([]),
    early ? nothing : announceChange(app, tx, landed),
  ] as const);
  if (reported.length > 0) throw reportedCellsProblem(rows, reported);
  return { batchId: batch.id, replaced };
}

/**
 * Whether a batch whose earliest row is at `from` may be announced before the roll-up refresh its
 * write queues for after the commit: when every row is in the current hour (or later), hence in the
 * current bucket of every roll-up. Those buckets are never materialised (a refresh stops at the
 * current bucket's start), so the roll-ups read them from the raw rows, and the province and nation
 * sums are kept in the writing transaction: the new numbers are readable the instant it commits.
 * What the refresh still does for such a batch (materialising buckets that have ended since) moves
 * nothing a reader sees. A row in an earlier bucket may fall in a materialised one, invisible until
 * refreshed: that batch is announced after the refresh. (Other instances hear every batch from
 * PostgreSQL's NOTIFY at the commit in any case.) Under load the refresh's statements queue behind
 * other work on the database, and waiting for them held the announcement of a live batch — and so
 * its frames — by hundreds of milliseconds (bench/freshness.ts).
 */
export function announcedBeforeRefresh(from: Date, now: Date): boolean {
  return from.getTime() >= periodStart('hour', now).getTime();
}

/**
 * A period's value that staff submitted through a report is changed only through that report
 * (a correction, with a reason and an audit trail), never overwritten by a raw feed: the batch is
 * refused, naming each row.
 *
 * Asked in the writing transaction after the rows are written, never before: the write holds the
 * measurement rows' locks, and a report's submission writes the same rows. A submission that
 * committed first is seen here (each statement reads what is committed when it starts); one that
 * commits later waits for this batch's locks and then overwrites its rows with the reported
 * values. Checked before the write, a submission committing in between would be overwritten.
 */
function reportedCellsProblem(rows: readonly ValidMeasurement[], reported: ReadonlyArray<{ kpi_id: string; org_unit_id: number; period_start: Date }>): AppError {
  const key = (kpiId: string, unitId: number, ts: Date) => `${kpiId}|${unitId}|${ts.getTime()}`;
  const locked = new Set(reported.map((r) => key(r.kpi_id, r.org_unit_id, r.period_start)));
  const problems: RowProblem[] = rows.flatMap((r, index) =>
    locked.has(key(r.kpiId, r.orgUnitId, r.ts))
      ? [{
          index,
          field: 'time',
          code: 'reported_period',
          message: {
            vi: 'Kỳ này đã có báo cáo do cán bộ nộp; chỉ sửa được qua biểu mẫu báo cáo («Điều chỉnh», có lý do)',
            en: 'Staff have reported this period; it can only be changed through the report form ("Correct", with a reason)',
          },
        }]
      : [],
  );
  return new AppError(
    'VALIDATION_FAILED',
    { vi: `Lô số liệu bị từ chối: ${problems.length} lỗi; không dòng nào được ghi`, en: `Batch refused: ${problems.length} error(s); no row was written` },
    { rowErrors: problems },
  );
}

function replayOf(batch: { id: number; row_count: number; content_hash: string | null }, contentHash: string): IngestResult {
  if (batch.content_hash !== contentHash) {
    throw new AppError('IDEMPOTENCY_CONFLICT', {
      vi: 'Idempotency-Key này đã được dùng cho một lô số liệu khác',
      en: 'This Idempotency-Key was already used for a different batch',
    });
  }
  return { batchId: batch.id, rowCount: batch.row_count, replaced: 0, replayed: true };
}

function hashRows(rows: readonly ValidMeasurement[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.kpiId}|${r.orgUnitId}|${r.ts.toISOString()}|${r.num}|${r.den}\n`);
  return hash.digest('hex');
}

function summarise(rows: readonly ValidMeasurement[]): Omit<ChangeOf<'measurementsLanded'>, 'kind' | 'batchId' | 'origin'> {
  let from = rows[0]!.ts;
  let to = rows[0]!.ts;
  const kpiIds = new Set<string>();
  const provinceIds = new Set<number>();
  for (const r of rows) {
    if (r.ts < from) from = r.ts;
    if (r.ts > to) to = r.ts;
    kpiIds.add(r.kpiId);
    provinceIds.add(r.provinceId);
  }
  return { rowCount: rows.length, kpiIds: [...kpiIds], provinceIds: [...provinceIds], from, to };
}
