/**
 * The write path end to end, in both database modes: validation refuses a batch whole and writes
 * nothing, Idempotency-Key makes a retry land once, a replaced value keeps its revision, a large
 * batch lands in one call, the bus hears about it after commit, the roll-ups show it at once; then
 * the same through POST /api/v1/measurements and through tRPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { createApiToken } from '../../server/auth/apiTokens';
import type { Principal } from '../../server/auth/principal';
import { revokeApiToken } from '../../server/db/queries/apiTokens';
import { getPeriodSums } from '../../server/db/queries/rollups';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import type { MeasurementField, MeasurementProblemCode } from '../../shared/domain/validateMeasurementBatch';
import type { RowProblem } from '../../shared/errors';
import { handleMeasurementsPost } from '../../server/http/measurementsRoute';
import { refreshAllRollups, runRollupMaintenance } from '../../server/jobs/rollupMaintenance';
import type { Change, ChangeOf } from '../../server/realtime/bus';
import { ingestMeasurements, type IngestResult } from '../../server/services/ingestMeasurements';
import { getCurrentValues } from '../../server/services/kpiValues';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { appErrorOf, localDate, localInstant, writeCounts } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

type Row = Record<string, unknown>;

/** What the ingestion endpoint answers: the batch, or an error naming every bad row. */
interface ApiBody extends Partial<IngestResult> {
  error?: { code: string; message: { vi: string; en: string }; rows?: RowProblem[] };
}

const DAY_MS = 86_400_000;

describe.each(await availableModes())('ingestMeasurements (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const now = new Date();
  const thisMonth = periodStart('month', now);
  const lastMonth = addPeriods(thisMonth, 'month', -1);
  const yesterday = addPeriods(periodStart('day', now), 'day', -1);

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  const unit = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;
  /** the i-th commune (by code) of a province */
  const commune = (provinceCode: string, i: number) => app.orgUnits().childrenOf(unit(provinceCode).id)[i]!;
  const nationPrincipal = (): Principal => ({ kind: 'token', name: 'token:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' });
  const ratioRow = (kpiId: string, orgUnitCode: string, time: string, numerator: unknown, denominator: unknown): Row => ({
    kpiId,
    orgUnitCode,
    time,
    numerator,
    denominator,
  });
  const ingest = (rows: readonly unknown[], idempotencyKey?: string, principal = nationPrincipal()) =>
    ingestMeasurements(app, principal, rows, { source: 'api', idempotencyKey });
  const batchRowCount = async (batchId: number) =>
    (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement WHERE batch_id = $1', [batchId]))[0]!.n;

  describe('validation', () => {
    /** Each case: a valid row at index 0, the bad row at index 1, and the one error it must earn. */
    const cases: Array<{ rule: string; bad: () => unknown; field: MeasurementField | 'row'; code: MeasurementProblemCode; principal?: () => Principal }> = [
      { rule: 'unknown KPI', bad: () => ratioRow('no_such_kpi', commune('01', 1).code, localDate(lastMonth), 1, 2), field: 'kpiId', code: 'unknown_kpi' },
      {
        rule: 'composite KPI',
        bad: () => ({ kpiId: 'service_index', orgUnitCode: '01', time: localDate(yesterday), value: 70 }),
        field: 'kpiId',
        code: 'composite_not_submitted',
      },
      { rule: 'unknown org unit', bad: () => ratioRow('data_reused', 'X99999', localDate(lastMonth), 1, 2), field: 'orgUnitCode', code: 'unknown_org_unit' },
      { rule: 'wrong level', bad: () => ratioRow('data_reused', '01', localDate(lastMonth), 1, 2), field: 'orgUnitCode', code: 'wrong_level' },
      {
        rule: 'out of scope (a Hà Nội token writing to Hồ Chí Minh)',
        bad: () => ratioRow('data_reused', commune('79', 0).code, localDate(lastMonth), 1, 2),
        field: 'orgUnitCode',
        code: 'out_of_scope',
        principal: () => ({ kind: 'token', name: 'token:hanoi', scopeUnitId: unit('01').id, role: 'system' }),
      },
      { rule: 'impossible calendar date', bad: () => ratioRow('data_reused', commune('01', 1).code, '2026-02-30', 1, 2), field: 'time', code: 'invalid_time' },
      { rule: 'vi-VN date format', bad: () => ratioRow('data_reused', commune('01', 1).code, '27/11/2026', 1, 2), field: 'time', code: 'invalid_time' },
      {
        rule: 'instant without a zone',
        bad: () => ratioRow('data_reused', commune('01', 1).code, '2026-10-01T08:00:00', 1, 2),
        field: 'time',
        code: 'invalid_time',
      },
      {
        rule: 'future time',
        bad: () => ratioRow('data_reused', commune('01', 1).code, localDate(new Date(Date.now() + 2 * DAY_MS)), 1, 2),
        field: 'time',
        code: 'future_time',
      },
      { rule: 'not a number', bad: () => ratioRow('data_reused', commune('01', 1).code, localDate(lastMonth), 'mười', 20), field: 'numerator', code: 'not_a_number' },
      { rule: 'not a whole number', bad: () => ratioRow('data_reused', commune('01', 1).code, localDate(lastMonth), 1.5, 20), field: 'numerator', code: 'not_integer' },
      { rule: 'out of range', bad: () => ratioRow('data_reused', commune('01', 1).code, localDate(lastMonth), 0, -1), field: 'denominator', code: 'out_of_range' },
      {
        rule: 'numerator above denominator',
        bad: () => ratioRow('data_reused', commune('01', 1).code, localDate(lastMonth), 11, 10),
        field: 'numerator',
        code: 'numerator_exceeds_denominator',
      },
      {
        rule: 'duplicate key in the batch (same instant written differently)',
        bad: () => ratioRow('data_reused', commune('01', 0).code, lastMonth.toISOString(), 3, 4),
        field: 'time',
        code: 'duplicate',
      },
      { rule: 'missing field', bad: () => ({ kpiId: 'data_reused', time: localDate(lastMonth), numerator: 1, denominator: 2 }), field: 'orgUnitCode', code: 'required' },
      {
        rule: 'field the KPI does not use',
        bad: () => ({ ...ratioRow('data_reused', commune('01', 1).code, localDate(lastMonth), 1, 2), value: 3 }),
        field: 'value',
        code: 'not_used',
      },
      {
        rule: 'unknown field',
        bad: () => ({ ...ratioRow('data_reused', commune('01', 1).code, localDate(lastMonth), 1, 2), comment: 'x' }),
        field: 'row',
        code: 'unknown_field',
      },
      { rule: 'a row that is not an object', bad: () => 42, field: 'row', code: 'required' },
    ];

    it.each(cases)('refuses the whole batch for $rule, naming the row and field, and writes nothing', async ({ bad, field, code, principal }) => {
      const valid = ratioRow('data_reused', commune('01', 0).code, localDate(lastMonth), 5, 10);
      const before = await writeCounts(app.db);
      const err = await appErrorOf(ingest([valid, bad()], undefined, principal?.()));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.httpStatus).toBe(422);
      expect(err.rowErrors).toEqual([{ index: 1, field, code, message: { vi: expect.any(String), en: expect.any(String) } }]);
      expect(await writeCounts(app.db)).toEqual(before);
    });

    it('refuses a row for a unit that is no longer active', async () => {
      const closed = commune('96', 3);
      await app.db.query('UPDATE org_unit SET active = false WHERE id = $1', [closed.id]);
      await app.reloadOrgUnits();
      try {
        const before = await writeCounts(app.db);
        const err = await appErrorOf(ingest([ratioRow('data_reused', closed.code, localDate(lastMonth), 1, 2)]));
        expect(err.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'orgUnitCode', code: 'inactive_org_unit' })]);
        expect(await writeCounts(app.db)).toEqual(before);
      } finally {
        await app.db.query('UPDATE org_unit SET active = true WHERE id = $1', [closed.id]);
        await app.reloadOrgUnits();
      }
    });

    it('lands nothing from a large valid batch with bad rows, and names every bad row', async () => {
      const rows: unknown[] = app
        .orgUnits()
        .childrenOf(unit('01').id)
        .map((c, i) => ratioRow('data_reused', c.code, localDate(lastMonth), i % 7, 10));
      rows.push(ratioRow('data_reused', commune('01', 2).code, localDate(lastMonth), 1, 2)); // duplicate of row 2
      rows[40] = ratioRow('data_reused', 'X99999', localDate(lastMonth), 1, 2);
      const before = await writeCounts(app.db);
      const err = await appErrorOf(ingest(rows));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.rowErrors!.map((e) => [e.index, e.field, e.code])).toEqual([
        [40, 'orgUnitCode', 'unknown_org_unit'],
        [rows.length - 1, 'time', 'duplicate'],
      ]);
      expect(err.userMessage.en).toMatch(/2 error/);
      expect(await writeCounts(app.db)).toEqual(before);
    });

    it('accepts a time a little ahead of the clock (sender clock skew), not more', async () => {
      const row = (aheadMs: number) => ratioRow('dossiers_synced_portal', '20', localInstant(new Date(Date.now() + aheadMs)), 1, 2);
      expect(await ingest([row(2 * 60_000)])).toMatchObject({ rowCount: 1 });
      expect((await appErrorOf(ingest([row(10 * 60_000)]))).rowErrors).toEqual([expect.objectContaining({ field: 'time', code: 'future_time' })]);
    });

    it('refuses an empty batch and a malformed Idempotency-Key', async () => {
      const before = await writeCounts(app.db);
      expect((await appErrorOf(ingest([]))).code).toBe('BAD_REQUEST');
      const row = ratioRow('data_reused', commune('01', 0).code, localDate(lastMonth), 1, 2);
      expect((await appErrorOf(ingest([row], 'khóa-có-dấu'))).code).toBe('BAD_REQUEST');
      expect((await appErrorOf(ingest([row], 'k'.repeat(201)))).code).toBe('BAD_REQUEST');
      expect(await writeCounts(app.db)).toEqual(before);
    });
  });

  describe('idempotency', () => {
    const rowsFor = (numerators: number[]) =>
      numerators.map((n, i) => ratioRow('fees_paid_online', commune('04', i).code, localDate(lastMonth), n, 50));

    it('lands a retried batch once and answers the retry with the same batch', async () => {
      const rows = rowsFor([10, 20, 30]);
      const before = await writeCounts(app.db);
      const first = await ingest(rows, 'retry-key-1');
      expect(first).toEqual({ batchId: expect.any(Number), rowCount: 3, replaced: 0, replayed: false });
      const afterFirst = await writeCounts(app.db);
      expect(afterFirst.measurement - before.measurement).toBe(3);
      expect(afterFirst.ingest_batch - before.ingest_batch).toBe(1);

      const retry = await ingest(rows, 'retry-key-1');
      expect(retry).toEqual({ batchId: first.batchId, rowCount: 3, replaced: 0, replayed: true });
      // surrounding white space is not part of the key
      const padded = await ingest(rows, '  retry-key-1 ');
      expect(padded).toMatchObject({ batchId: first.batchId, replayed: true });
      expect(await writeCounts(app.db)).toEqual(afterFirst);
      expect(await batchRowCount(first.batchId)).toBe(3);
    });

    it('refuses the same key with different content and writes nothing', async () => {
      await ingest(rowsFor([1, 2, 3]), 'retry-key-2');
      const before = await writeCounts(app.db);
      const err = await appErrorOf(ingest(rowsFor([1, 2, 4]), 'retry-key-2'));
      expect(err.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(err.httpStatus).toBe(409);
      expect(await writeCounts(app.db)).toEqual(before);
      const stored = await app.db.query<{ num: number }>(
        `SELECT num FROM measurement WHERE kpi_id = 'fees_paid_online' AND org_unit_id = $1 AND ts = $2`,
        [commune('04', 2).id, lastMonth],
      );
      expect(stored).toEqual([{ num: 3 }]);
    });

    it('lets a client fix a refused batch and resend it with the same key', async () => {
      const before = await writeCounts(app.db);
      const refused = await appErrorOf(ingest([...rowsFor([5]), ratioRow('fees_paid_online', 'X99999', localDate(lastMonth), 1, 2)], 'fix-and-retry'));
      expect(refused.code).toBe('VALIDATION_FAILED');
      const fixed = await ingest(rowsFor([5]), 'fix-and-retry');
      expect(fixed).toMatchObject({ rowCount: 1, replayed: false });
      expect((await writeCounts(app.db)).ingest_batch - before.ingest_batch).toBe(1);
    });

    it('keeps keys apart per principal', async () => {
      const rows = rowsFor([7, 8]);
      const mine = await ingest(rows, 'shared-key');
      const theirs = await ingest(rows, 'shared-key', { kind: 'token', name: 'token:other-system', scopeUnitId: unit('04').id, role: 'system' });
      expect(theirs.replayed).toBe(false);
      expect(theirs.batchId).not.toBe(mine.batchId);
      expect(theirs.replaced).toBe(2);
    });

    it('lands two concurrent retries of one batch once', async () => {
      const rows = rowsFor([11, 12, 13, 14]);
      const before = await writeCounts(app.db);
      const results = await Promise.all([ingest(rows, 'concurrent-key'), ingest(rows, 'concurrent-key')]);
      expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
      expect(results[0].batchId).toBe(results[1].batchId);
      const after = await writeCounts(app.db);
      expect(after.ingest_batch - before.ingest_batch).toBe(1);
      expect(await batchRowCount(results[0].batchId)).toBe(4);
    });
  });

  describe('replacing a value', () => {
    const kpiId = 'records_match_population_db';
    const revisionsOf = (orgUnitId: number) =>
      app.db.query<{ num: number; den: number; batch_id: number; superseded_by: number }>(
        `SELECT num, den, batch_id::int AS batch_id, superseded_by::int AS superseded_by FROM measurement_revision
         WHERE kpi_id = $1 AND org_unit_id = $2 ORDER BY superseded_by`,
        [kpiId, orgUnitId],
      );
    const current = (orgUnitId: number) =>
      app.db.query<{ num: number; den: number; batch_id: number }>(
        'SELECT num, den, batch_id::int AS batch_id FROM measurement WHERE kpi_id = $1 AND org_unit_id = $2',
        [kpiId, orgUnitId],
      );

    it('replaces the value and keeps the old one as a revision superseded by the new batch', async () => {
      const c = commune('08', 0);
      const first = await ingest([ratioRow(kpiId, c.code, localDate(lastMonth), 40, 100)]);
      expect(first.replaced).toBe(0);
      expect(await revisionsOf(c.id)).toEqual([]);

      // the same instant, written as a zoned instant instead of a local date
      const second = await ingest([ratioRow(kpiId, c.code, localInstant(lastMonth), 70, 100)]);
      expect(second.replaced).toBe(1);
      expect(await current(c.id)).toEqual([{ num: 70, den: 100, batch_id: second.batchId }]);
      expect(await revisionsOf(c.id)).toEqual([{ num: 40, den: 100, batch_id: first.batchId, superseded_by: second.batchId }]);

      const third = await ingest([ratioRow(kpiId, c.code, localDate(lastMonth), 80, 90)]);
      expect(third.replaced).toBe(1);
      expect(await current(c.id)).toEqual([{ num: 80, den: 90, batch_id: third.batchId }]);
      expect(await revisionsOf(c.id)).toEqual([
        { num: 40, den: 100, batch_id: first.batchId, superseded_by: second.batchId },
        { num: 70, den: 100, batch_id: second.batchId, superseded_by: third.batchId },
      ]);
    });

    it('counts only the rows that replaced a value', async () => {
      const [a, b, c] = [commune('08', 1), commune('08', 2), commune('08', 3)];
      await ingest([ratioRow(kpiId, a.code, localDate(lastMonth), 1, 2), ratioRow(kpiId, b.code, localDate(lastMonth), 1, 2)]);
      const mixed = await ingest([
        ratioRow(kpiId, a.code, localDate(lastMonth), 2, 2),
        ratioRow(kpiId, c.code, localDate(lastMonth), 1, 2),
        ratioRow(kpiId, b.code, localDate(lastMonth), 0, 2),
      ]);
      expect(mixed).toMatchObject({ rowCount: 3, replaced: 2, replayed: false });
      const superseded = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement_revision WHERE superseded_by = $1', [mixed.batchId]);
      expect(superseded).toEqual([{ n: 2 }]);
    });
  });

  it('lands a batch of 50,000 rows in one call', async () => {
    const kpiId = 'dossiers_digitised';
    const communes = app.orgUnits().provinces().flatMap((p) => app.orgUnits().childrenOf(p.id));
    const rows: Row[] = [];
    const expected = new Map<number, { num: number; den: number }>();
    for (let m = 1; rows.length < 50_000; m++) {
      const month = addPeriods(thisMonth, 'month', -m);
      for (const c of communes) {
        if (rows.length === 50_000) break;
        const den = 20 + (rows.length % 180);
        const num = rows.length % (den + 1);
        rows.push(ratioRow(kpiId, c.code, localDate(month), num, den));
        const sums = expected.get(month.getTime()) ?? { num: 0, den: 0 };
        expected.set(month.getTime(), { num: sums.num + num, den: sums.den + den });
      }
    }
    const before = await writeCounts(app.db);
    const result = await ingest(rows, 'fifty-thousand');
    expect(result).toEqual({ batchId: expect.any(Number), rowCount: 50_000, replaced: 0, replayed: false });
    const after = await writeCounts(app.db);
    expect(after.measurement - before.measurement).toBe(50_000);
    expect(await batchRowCount(result.batchId)).toBe(50_000);
    const batch = await app.db.query<{ row_count: number; source: string }>('SELECT row_count, source FROM ingest_batch WHERE id = $1', [result.batchId]);
    expect(batch).toEqual([{ row_count: 50_000, source: 'api' }]);

    // and the roll-ups add it up, month by month, for the whole country
    const sums = await getPeriodSums(app.db, {
      kpiIds: [kpiId],
      granularity: 'month',
      scope: { level: 'nation' },
      from: addPeriods(thisMonth, 'month', -expected.size),
      to: thisMonth,
    });
    expect(sums.map((s) => ({ period: s.period.getTime(), num: s.num, den: s.den }))).toEqual(
      [...expected].sort(([a], [b]) => a - b).map(([period, s]) => ({ period, ...s })),
    );
  });

  it('announces a landed batch on the bus after commit, and nothing for a refused or replayed one', async () => {
    const kpiId = 'results_published_on_time';
    const events: Array<ChangeOf<'measurementsLanded'>> = [];
    const visibleToListener: Array<Promise<number>> = [];
    const listener = (e: Change) => {
      if (e.kind !== 'measurementsLanded') return;
      events.push(e);
      visibleToListener.push(batchRowCount(e.batchId));
    };
    app.bus.on('changed', listener);
    try {
      const rows = [
        ratioRow(kpiId, commune('11', 0).code, localDate(addPeriods(lastMonth, 'month', -1)), 3, 4),
        ratioRow(kpiId, commune('12', 0).code, localDate(lastMonth), 5, 6),
        ratioRow(kpiId, commune('11', 1).code, localDate(lastMonth), 1, 6),
      ];
      const result = await ingest(rows, 'bus-key');
      expect(events).toHaveLength(1);
      const event = events[0]!;
      expect(event).toMatchObject({ batchId: result.batchId, rowCount: 3, kpiIds: [kpiId], origin: 'local' });
      expect([...event.provinceIds].sort((a, b) => a - b)).toEqual([unit('11').id, unit('12').id].sort((a, b) => a - b));
      expect(event.from).toEqual(addPeriods(lastMonth, 'month', -1));
      expect(event.to).toEqual(lastMonth);
      // whoever hears the event can already read the batch
      expect(await visibleToListener[0]).toBe(3);

      await ingest(rows, 'bus-key'); // replay
      await appErrorOf(ingest([ratioRow(kpiId, 'X99999', localDate(lastMonth), 1, 2)]));
      expect(events).toHaveLength(1);
    } finally {
      app.bus.off('changed', listener);
    }
  });

  it('shows a batch written into an already materialised period at once', async () => {
    const kpiId = 'data_reused';
    const province = unit('33');
    const [a, b] = [commune('33', 0), commune('33', 1)];
    await ingest([ratioRow(kpiId, a.code, localDate(lastMonth), 30, 100)]);
    await refreshAllRollups(app.db);
    if (app.db.timescale) {
      // last month is now materialised in the continuous aggregate, not computed from raw rows
      const [target] = await app.db.query<{ relation: string }>(
        `SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) AS relation
         FROM timescaledb_information.continuous_aggregates WHERE view_name = 'rollup_month'`,
      );
      const materialised = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${target!.relation}`);
      expect(materialised[0]!.n).toBeGreaterThan(0);
    }

    // a late report for another commune and a correction of the first one
    const late = await ingest([ratioRow(kpiId, b.code, localDate(lastMonth), 90, 100), ratioRow(kpiId, a.code, localDate(lastMonth), 50, 100)]);
    expect(late.replaced).toBe(1);

    for (const granularity of ['month', 'day', 'hour'] as const) {
      const sums = await getPeriodSums(app.db, {
        kpiIds: [kpiId],
        granularity,
        scope: { level: 'province', provinceId: province.id },
        from: lastMonth,
        to: thisMonth,
      });
      expect(sums).toEqual([{ kpi_id: kpiId, period: lastMonth, num: 140, den: 200, n: 2, units: 2 }]);
    }
    const [provinceValue] = await getCurrentValues(app, { orgUnitId: province.id, kpiIds: [kpiId] });
    expect(provinceValue).toMatchObject({ kpiId, period: lastMonth, value: expect.closeTo(70, 9), previousValue: null, reportingUnits: 2 });
    const [communeValue] = await getCurrentValues(app, { orgUnitId: a.id, kpiIds: [kpiId] });
    expect(communeValue).toMatchObject({ period: lastMonth, value: 50, reportingUnits: 1 });
    const [nationValue] = await getCurrentValues(app, { orgUnitId: app.orgUnits().nation.id, kpiIds: [kpiId] });
    expect(nationValue).toMatchObject({ period: lastMonth, value: expect.closeTo(70, 9), reportingUnits: 2 });
  });

  it.runIf(mode === 'embedded')('replaces a value in a compressed chunk and keeps its revision', async () => {
    const kpiId = 'results_published_on_time';
    const old = addPeriods(thisMonth, 'month', -5);
    const [a, b] = [commune('38', 0), commune('38', 1)];
    const first = await ingest([ratioRow(kpiId, a.code, localDate(old), 10, 100), ratioRow(kpiId, b.code, localDate(old), 20, 100)]);
    await runRollupMaintenance(app.db);
    // the chunk holding the month is older than the compression age, so maintenance compressed it
    const chunks = await app.db.query<{ is_compressed: boolean }>(
      `SELECT is_compressed FROM timescaledb_information.chunks
       WHERE hypertable_name = 'measurement' AND range_start <= $1 AND range_end > $1`,
      [old],
    );
    expect(chunks).toEqual([{ is_compressed: true }]);

    const correction = await ingest([ratioRow(kpiId, a.code, localDate(old), 50, 100), ratioRow(kpiId, commune('38', 2).code, localDate(old), 70, 100)]);
    expect(correction.replaced).toBe(1);
    const revision = await app.db.query<{ num: number; batch_id: number; superseded_by: number }>(
      `SELECT num, batch_id::int AS batch_id, superseded_by::int AS superseded_by FROM measurement_revision WHERE kpi_id = $1 AND org_unit_id = $2`,
      [kpiId, a.id],
    );
    expect(revision).toEqual([{ num: 10, batch_id: first.batchId, superseded_by: correction.batchId }]);
    const sums = await getPeriodSums(app.db, {
      kpiIds: [kpiId],
      granularity: 'month',
      scope: { level: 'province', provinceId: unit('38').id },
      from: old,
      to: addPeriods(old, 'month', 1),
    });
    expect(sums).toEqual([{ kpi_id: kpiId, period: old, num: 140, den: 300, n: 3, units: 3 }]);
  });

  describe('POST /api/v1/measurements', () => {
    let server: http.Server;
    let url: string;
    let token: string;
    let hanoiToken: string;

    beforeAll(async () => {
      server = http.createServer((req, res) => void handleMeasurementsPost(app, req, res));
      // fetch keeps connections alive; an idle one closed by the server while fetch picks it up
      // fails the request, so the server keeps them open until the suite ends
      server.keepAliveTimeout = 10 * 60_000;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/measurements`;
      token = (await createApiToken(app.db, `http-nation-${mode}`, app.orgUnits().nation.id)).token;
      hanoiToken = (await createApiToken(app.db, `http-hanoi-${mode}`, unit('01').id)).token;
    });
    afterAll(async () => {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    });

    const post = async (body: string, headers: Record<string, string> = {}, bearer: string | null = token) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }), ...headers },
        body,
      });
      return { status: res.status, body: (await res.json()) as ApiBody };
    };
    const tripsRow = (orgUnitCode: string, value: number, weight: number, month = lastMonth): Row => ({
      kpiId: 'office_trips_per_procedure',
      orgUnitCode,
      time: localDate(month),
      value,
      weight,
    });
    /** the rows a batch wrote, by org unit code (no join: without statistics, the embedded planner loops over every unit) */
    const stored = async (batchId: number) =>
      (await app.db.query<{ org_unit_id: number; num: number; den: number }>('SELECT org_unit_id, num, den FROM measurement WHERE batch_id = $1', [batchId]))
        .map((r) => ({ code: app.orgUnits().get(r.org_unit_id).code, num: r.num, den: r.den }))
        .sort((a, b) => a.code.localeCompare(b.code));

    it('answers 401 without a token, with a wrong one and with a revoked one, and writes nothing', async () => {
      const body = JSON.stringify([tripsRow(commune('14', 0).code, 1, 10)]);
      const revoked = await createApiToken(app.db, `http-revoked-${mode}`, app.orgUnits().nation.id);
      await revokeApiToken(app.db, `http-revoked-${mode}`);
      const before = await writeCounts(app.db);
      for (const bearer of [null, 'lt_not-a-real-token', 'not-even-the-prefix', revoked.token]) {
        const res = await post(body, {}, bearer);
        expect(res.status).toBe(401);
        expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: { vi: expect.any(String), en: expect.any(String) } });
      }
      expect(await writeCounts(app.db)).toEqual(before);
    });

    it('takes a JSON array (201)', async () => {
      const res = await post(JSON.stringify([tripsRow(commune('14', 0).code, 1.5, 10), tripsRow(commune('14', 1).code, 2, 4)]));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ batchId: expect.any(Number), rowCount: 2, replaced: 0, replayed: false });
      expect(await stored(res.body.batchId!)).toEqual([
        { code: commune('14', 0).code, num: 15, den: 10 },
        { code: commune('14', 1).code, num: 8, den: 4 },
      ]);
    });

    it('takes {"rows": [...]} (201)', async () => {
      const res = await post(JSON.stringify({ rows: [tripsRow(commune('14', 2).code, 0.5, 8)] }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ rowCount: 1, replayed: false });
      expect(await stored(res.body.batchId!)).toEqual([{ code: commune('14', 2).code, num: 4, den: 8 }]);
    });

    it('takes CSV with a header line (201)', async () => {
      const [c3, c4] = [commune('14', 3).code, commune('14', 4).code];
      const csv = [
        '\uFEFFkpiId,orgUnitCode,time,value,weight',
        `office_trips_per_procedure,${c3},${localDate(lastMonth)},1.25,40`,
        // an empty weight counts as one observation
        `office_trips_per_procedure,${c4},${localInstant(lastMonth)},3,`,
        '',
      ].join('\r\n');
      const res = await post(csv, { 'content-type': 'text/csv; charset=utf-8' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ rowCount: 2, replayed: false });
      expect(await stored(res.body.batchId!)).toEqual([
        { code: c3, num: 50, den: 40 },
        { code: c4, num: 3, den: 1 },
      ]);
    });

    it('answers 400 for a CSV header with an unknown column', async () => {
      const res = await post(`kpiId,orgUnitCode,time,amount\noffice_trips_per_procedure,${commune('14', 5).code},${localDate(lastMonth)},1\n`, {
        'content-type': 'text/csv',
      });
      expect(res.status).toBe(400);
      expect(res.body.error!.code).toBe('BAD_REQUEST');
      expect(res.body.error!.message.en).toMatch(/amount/);
    });

    it('answers 422 naming every bad row, and writes nothing', async () => {
      const before = await writeCounts(app.db);
      const res = await post(
        JSON.stringify([
          tripsRow(commune('14', 6).code, 1, 10),
          tripsRow(commune('14', 7).code, 25, 10), // more than 20 trips
          { kpiId: 'office_trips_per_procedure', orgUnitCode: '14', time: localDate(lastMonth), value: 1 },
        ]),
      );
      expect(res.status).toBe(422);
      expect(res.body.error!.code).toBe('VALIDATION_FAILED');
      expect(res.body.error!.rows).toEqual([
        { index: 1, field: 'value', code: 'out_of_range', message: { vi: expect.stringMatching(/0–20/), en: expect.stringMatching(/between 0 and 20/) } },
        { index: 2, field: 'orgUnitCode', code: 'wrong_level', message: { vi: expect.any(String), en: expect.any(String) } },
      ]);
      expect(await writeCounts(app.db)).toEqual(before);
    });

    it('answers 422 out_of_scope when a provincial token writes to another province', async () => {
      const res = await post(JSON.stringify([tripsRow(commune('01', 0).code, 1, 1), tripsRow(commune('79', 0).code, 1, 1)]), {}, hanoiToken);
      expect(res.status).toBe(422);
      expect(res.body.error!.rows).toEqual([expect.objectContaining({ index: 1, field: 'orgUnitCode', code: 'out_of_scope' })]);
    });

    it('answers a retry with the same Idempotency-Key with 200 and the same batch, and a changed one with 409', async () => {
      const body = JSON.stringify([tripsRow(commune('14', 8).code, 1, 3)]);
      const first = await post(body, { 'idempotency-key': 'http-retry-1' });
      expect(first.status).toBe(201);
      const counts = await writeCounts(app.db);
      const retry = await post(body, { 'idempotency-key': 'http-retry-1' });
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ batchId: first.body.batchId, rowCount: 1, replaced: 0, replayed: true });
      const changed = await post(JSON.stringify([tripsRow(commune('14', 8).code, 2, 3)]), { 'idempotency-key': 'http-retry-1' });
      expect(changed.status).toBe(409);
      expect(changed.body.error!.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(await writeCounts(app.db)).toEqual(counts);
    });

    it('recognises a retry by its content, not its encoding: the same rows as CSV replay the JSON batch', async () => {
      const code = commune('14', 10).code;
      const json = await post(JSON.stringify([{ kpiId: 'office_trips_per_procedure', orgUnitCode: code, time: localDate(lastMonth), value: 2.5, weight: 4 }]), {
        'idempotency-key': 'same-content',
      });
      expect(json.status).toBe(201);
      const csv = await post(`kpiId,orgUnitCode,time,value,weight\noffice_trips_per_procedure,${code},${localInstant(lastMonth)},2.50,4\n`, {
        'content-type': 'text/csv',
        'idempotency-key': 'same-content',
      });
      expect(csv.status).toBe(200);
      expect(csv.body).toMatchObject({ batchId: json.body.batchId, replayed: true });
    });

    it('answers 413 before reading a body that declares more than the limit', async () => {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(url, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': String(65 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
            req.destroy();
          });
        });
        // once answered, the server may close the connection while the body is still being sent
        req.on('error', (err) => reject(err));
        req.write('[');
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    });

    it('answers 400 for a body that is not JSON, not rows, or of another content type', async () => {
      const before = await writeCounts(app.db);
      const notJson = await post('[{"kpiId": "office_trips_per_procedure",');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error).toMatchObject({ code: 'BAD_REQUEST', message: { en: 'The body is not valid JSON' } });
      const notRows = await post(JSON.stringify({ data: [] }));
      expect(notRows.status).toBe(400);
      const plain = await post(JSON.stringify([tripsRow(commune('14', 9).code, 1, 3)]), { 'content-type': 'text/plain' });
      expect(plain.status).toBe(400);
      expect(plain.body.error!.message.en).toMatch(/Content-Type/);
      const empty = await post('[]');
      expect(empty.status).toBe(400);
      expect(await writeCounts(app.db)).toEqual(before);
    });

    it('answers 413 for a batch of more than 100,000 rows', async () => {
      const rows = Array.from({ length: 100_001 }, () => ({}));
      const res = await post(JSON.stringify(rows));
      expect(res.status).toBe(413);
      expect(res.body.error!.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('takes a province-level daily KPI for every province', async () => {
      const rows = app
        .orgUnits()
        .provinces()
        .map((p, i) => ratioRow('dossiers_filed_online', p.code, localDate(yesterday), 100 + i, 200));
      const res = await post(JSON.stringify(rows));
      expect(res.status).toBe(201);
      const sums = await getPeriodSums(app.db, {
        kpiIds: ['dossiers_filed_online'],
        granularity: 'day',
        scope: { level: 'nation' },
        from: yesterday,
        to: addPeriods(yesterday, 'day', 1),
      });
      expect(sums).toEqual([{ kpi_id: 'dossiers_filed_online', period: yesterday, num: 34 * 100 + (33 * 34) / 2, den: 34 * 200, n: 34, units: 34 }]);
    });
  });

  describe('tRPC', () => {
    const kpiId = 'processing_time_mean';
    const row = (time: Date, value: number, weight: number): Row => ({ kpiId, orgUnitCode: '46', time: localDate(time), value, weight });

    it('refuses measurements.ingest without a principal and takes it with one; values.current reads it back', async () => {
      const anonymous = createCaller(serverCallerContext(app));
      const before = await writeCounts(app.db);
      await expect(anonymous.measurements.ingest({ rows: [row(yesterday, 10, 30)] })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await writeCounts(app.db)).toEqual(before);

      const caller = createCaller(serverCallerContext(app, nationPrincipal()));
      const landed = await caller.measurements.ingest({ rows: [row(yesterday, 10, 30), row(addPeriods(yesterday, 'day', 1), 20, 10)] });
      expect(landed).toMatchObject({ rowCount: 2, replaced: 0, replayed: false });
      const source = await app.db.query<{ source: string }>('SELECT source FROM ingest_batch WHERE id = $1', [landed.batchId]);
      expect(source).toEqual([{ source: 'trpc' }]);

      for (const orgUnitId of [unit('46').id, app.orgUnits().nation.id]) {
        const values = await anonymous.values.current({ orgUnitId, kpiIds: [kpiId] });
        expect(values).toEqual([
          expect.objectContaining({ kpiId, period: addPeriods(yesterday, 'day', 1), value: 20, previousValue: 10, reportingUnits: 1 }),
        ]);
      }
    });

    it('turns a refused batch into UNPROCESSABLE_CONTENT with the rows as the cause', async () => {
      const caller = createCaller(serverCallerContext(app, nationPrincipal()));
      const err = await caller.measurements.ingest({ rows: [row(yesterday, -1, 30)] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe('UNPROCESSABLE_CONTENT');
      expect((err as TRPCError).cause).toMatchObject({ code: 'VALIDATION_FAILED', rowErrors: [expect.objectContaining({ index: 0, field: 'value', code: 'out_of_range' })] });
    });
  });
});
