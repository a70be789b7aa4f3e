/**
 * A period report's life through the services, in both database modes: a draft, a submission that
 * lands in the dashboards at once (provisional), an approval, the lock on approved data, a
 * correction with a reason that keeps the old value, and the record of every step. Then the
 * guards: a correction without a reason, two editors on one version, an outlier without an
 * explanation — each refused with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { getReport, listReportEvents, type ReportInputs, type ReportRow } from '../../server/db/queries/reports';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { getCompleteness } from '../../server/services/completeness';
import { getCurrentValues } from '../../server/services/kpiValues';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { approveReports, correctReport, getReportForm, getReportHistory, listApprovalQueue, returnReportForRevision, saveReports } from '../../server/services/reports';
import { databaseState } from '../helpers/databaseState';
import { appErrorOf } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

/** a commune-level monthly ratio (percent) */
const KPI = 'data_reused';
/** a commune-level monthly mean */
const MEAN_KPI = 'office_trips_per_procedure';

describe.each(await availableModes())('report lifecycle (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const thisMonth = periodStart('month', TEST_NOW);
  const lastMonth = addPeriods(thisMonth, 'month', -1);

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  const province = () => app.orgUnits().byCodeOrUndefined('22')!;
  /** Each test reports for its own commune of province 22, so none meets another's data. */
  const commune = (i: number) => app.orgUnits().childrenOf(province().id)[i]!;
  const communeStaff = (i: number): Principal => ({ kind: 'user', name: `user:canbo.${commune(i).code.toLowerCase()}`, scopeUnitId: commune(i).id, role: 'commune_staff' });
  const provinceStaff = (): Principal => ({ kind: 'user', name: 'user:canbo.qn', scopeUnitId: province().id, role: 'province_staff' });

  const save = (i: number, q: { period?: Date; submit: boolean; inputs: ReportInputs; expectedVersion: number | null; explanation?: string | null; kpiId?: string }, principal = communeStaff(i)) =>
    saveReports(app, principal, {
      orgUnitId: commune(i).id,
      frequency: 'monthly',
      period: q.period ?? lastMonth,
      submit: q.submit,
      entries: [{ kpiId: q.kpiId ?? KPI, inputs: q.inputs, explanation: q.explanation ?? null, expectedVersion: q.expectedVersion }],
    });

  const measurementOf = (orgUnitId: number, ts: Date, kpiId = KPI) =>
    app.db.query<{ num: number; den: number; batch_id: number }>(
      'SELECT num, den, batch_id::int AS batch_id FROM measurement WHERE kpi_id = $1 AND org_unit_id = $2 AND ts = $3',
      [kpiId, orgUnitId, ts],
    );
  const revisionsOf = (orgUnitId: number, ts: Date) =>
    app.db.query<{ num: number; den: number; batch_id: number; superseded_by: number }>(
      `SELECT num, den, batch_id::int AS batch_id, superseded_by::int AS superseded_by FROM measurement_revision
       WHERE kpi_id = $1 AND org_unit_id = $2 AND ts = $3 ORDER BY superseded_at`,
      [KPI, orgUnitId, ts],
    );
  const snapshotOf = async (orgUnitId: number) => {
    const [snapshot] = await getCurrentValues(app, { orgUnitId, kpiIds: [KPI] });
    return snapshot!;
  };

  it('goes draft → submitted (provisional) → approved → locked → corrected with a reason, every step on record', async () => {
    const unit = commune(0);
    const staff = communeStaff(0);

    // an empty form
    const empty = await getReportForm(app, staff, { orgUnitId: unit.id, frequency: 'monthly', period: lastMonth });
    expect(empty.periodStart).toEqual(lastMonth);
    expect(empty.entries.find((e) => e.kpi.id === KPI)).toMatchObject({ report: null, history: [] });

    // a draft: stored, but no measurement yet
    const beforeDraft = await databaseState(app.db);
    const draft = await save(0, { submit: false, inputs: { numerator: 30, denominator: 80 }, expectedVersion: null });
    expect(draft.batchId).toBeNull();
    const [d] = draft.reports;
    expect(d).toMatchObject({ status: 'draft', version: 1, inputs: { numerator: 30, denominator: 80 }, submitted_at: null, updated_by: staff.name });
    expect(await measurementOf(unit.id, lastMonth)).toEqual([]);
    const afterDraft = await databaseState(app.db);
    expect(afterDraft.measurements).toBe(beforeDraft.measurements);
    expect(afterDraft.ingestBatches).toBe(beforeDraft.ingestBatches);
    // the form now shows the draft
    const withDraft = await getReportForm(app, staff, { orgUnitId: unit.id, frequency: 'monthly', period: lastMonth });
    expect(withDraft.entries.find((e) => e.kpi.id === KPI)!.report).toMatchObject({ id: d!.id, status: 'draft', version: 1 });

    // submitting: the measurement lands in the same transaction, and the value shows at once, provisional
    const submitted = await save(0, { submit: true, inputs: { numerator: 40, denominator: 80 }, expectedVersion: 1 });
    expect(submitted.reports[0]).toMatchObject({ id: d!.id, status: 'submitted', version: 2, submitted_by: staff.name, outlier: false });
    expect(submitted.reports[0]!.submitted_at).toBeInstanceOf(Date);
    expect(await measurementOf(unit.id, lastMonth)).toEqual([{ num: 40, den: 80, batch_id: submitted.batchId }]);
    const batch = await app.db.query<{ source: string; principal: string }>('SELECT source, principal FROM ingest_batch WHERE id = $1', [submitted.batchId]);
    expect(batch).toEqual([{ source: 'form', principal: staff.name }]);
    expect(await snapshotOf(unit.id)).toMatchObject({ period: lastMonth, value: 50, reportingUnits: 1, provisional: true });
    expect(await snapshotOf(province().id)).toMatchObject({ period: lastMonth, provisional: true });

    // a submission cannot go back to a draft
    const backToDraft = await appErrorOf(save(0, { submit: false, inputs: { numerator: 1, denominator: 80 }, expectedVersion: 2 }));
    expect(backToDraft.code).toBe('BAD_REQUEST');

    // approval by the province: the value stays, the provisional mark goes
    const [approved] = await approveReports(app, provinceStaff(), [{ reportId: d!.id, expectedVersion: 2 }]);
    expect(approved).toMatchObject({ status: 'approved', version: 3, approved_by: 'user:canbo.qn' });
    expect(approved!.approved_at).toBeInstanceOf(Date);
    expect(await snapshotOf(unit.id)).toMatchObject({ value: 50, provisional: false });
    expect(await snapshotOf(province().id)).toMatchObject({ provisional: false });

    // approved data is locked against saving, as a submission or a draft
    const beforeLocked = await databaseState(app.db);
    for (const submit of [true, false]) {
      const locked = await appErrorOf(save(0, { submit, inputs: { numerator: 60, denominator: 80 }, expectedVersion: 3 }));
      expect(locked.code).toBe('BAD_REQUEST');
      expect(locked.userMessage.en).toMatch(/approved data is locked/);
      expect(locked.userMessage.vi).toMatch(/Điều chỉnh/);
    }
    expect(await databaseState(app.db)).toEqual(beforeLocked);
    expect(await getReport(app.db, d!.id)).toEqual(approved);

    // a correction with a reason reopens it: the new value replaces the old, which is kept as a revision
    const reason = 'Nhập nhầm mẫu số tháng trước';
    const corrected = await correctReport(app, staff, { reportId: d!.id, expectedVersion: 3, inputs: { numerator: 60, denominator: 80 }, reason });
    expect(corrected.reports[0]).toMatchObject({ status: 'submitted', version: 4, inputs: { numerator: 60, denominator: 80 }, approved_at: null, approved_by: null });
    expect(await measurementOf(unit.id, lastMonth)).toEqual([{ num: 60, den: 80, batch_id: corrected.batchId }]);
    expect(await revisionsOf(unit.id, lastMonth)).toEqual([{ num: 40, den: 80, batch_id: submitted.batchId, superseded_by: corrected.batchId }]);
    expect(await snapshotOf(unit.id)).toMatchObject({ value: 75, provisional: true });

    // the record: who did what, from which inputs to which, and why
    const events = await listReportEvents(app.db, d!.id);
    expect(events.map(({ action, from_status, to_status, old_inputs, new_inputs, reason: why, actor }) => ({ action, from_status, to_status, old_inputs, new_inputs, reason: why, actor }))).toEqual([
      { action: 'draft', from_status: null, to_status: 'draft', old_inputs: null, new_inputs: { numerator: 30, denominator: 80 }, reason: null, actor: staff.name },
      { action: 'submit', from_status: 'draft', to_status: 'submitted', old_inputs: { numerator: 30, denominator: 80 }, new_inputs: { numerator: 40, denominator: 80 }, reason: null, actor: staff.name },
      { action: 'approve', from_status: 'submitted', to_status: 'approved', old_inputs: null, new_inputs: null, reason: null, actor: 'user:canbo.qn' },
      { action: 'correct', from_status: 'approved', to_status: 'submitted', old_inputs: { numerator: 40, denominator: 80 }, new_inputs: { numerator: 60, denominator: 80 }, reason, actor: staff.name },
    ]);
    const history = await getReportHistory(app, provinceStaff(), d!.id);
    expect(history.events).toEqual(events);
    expect(history.report).toMatchObject({ id: d!.id, version: 4 });
  });

  it('refuses a period with a mistyped year (1970) and writes nothing', async () => {
    const period = new Date('1970-10-01T00:00:00+07:00');
    const err = await appErrorOf(save(9, { period, submit: true, inputs: { numerator: 40, denominator: 80 }, expectedVersion: null }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.userMessage.vi).toMatch(/quá xa/);
    expect(await measurementOf(commune(9).id, period)).toEqual([]);
    const [reports] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report WHERE org_unit_id = $1', [commune(9).id]);
    expect(reports!.n).toBe(0);
  });

  it('refuses a correction without a reason (or a too short one) and changes nothing', async () => {
    const { reports } = await save(1, { submit: true, inputs: { numerator: 10, denominator: 20 }, expectedVersion: null });
    const [approved] = await approveReports(app, provinceStaff(), [{ reportId: reports[0]!.id, expectedVersion: reports[0]!.version }]);
    const before = await databaseState(app.db);
    for (const reason of ['', '   ', 'sai']) {
      const err = await appErrorOf(correctReport(app, communeStaff(1), { reportId: approved!.id, expectedVersion: approved!.version, inputs: { numerator: 15, denominator: 20 }, reason }));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.rowErrors).toEqual([{ index: 0, field: 'reason', code: 'reason_required', message: { vi: expect.stringMatching(/lý do/), en: expect.stringMatching(/reason/) } }]);
    }
    expect(await databaseState(app.db)).toEqual(before);
    expect(await getReport(app.db, approved!.id)).toEqual(approved);
    expect(await measurementOf(commune(1).id, lastMonth)).toEqual([expect.objectContaining({ num: 10, den: 20 })]);
  });

  it('refuses a correction with invalid inputs, even with a reason, and changes nothing', async () => {
    const { reports } = await save(2, { submit: true, inputs: { numerator: 10, denominator: 20 }, expectedVersion: null });
    const before = await databaseState(app.db);
    const err = await appErrorOf(correctReport(app, communeStaff(2), { reportId: reports[0]!.id, expectedVersion: reports[0]!.version, inputs: { numerator: 30, denominator: 20 }, reason: 'Sửa theo sổ' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.rowErrors).toEqual([expect.objectContaining({ field: `${KPI}.numerator`, code: 'numerator_exceeds_denominator' })]);
    expect(await databaseState(app.db)).toEqual(before);
  });

  describe('two editors on one report', () => {
    it('lets the first save of version v land and refuses the second with CONFLICT, changing nothing', async () => {
      const created = await save(3, { submit: false, inputs: { numerator: 1, denominator: 10 }, expectedVersion: null });
      const form = () => getReportForm(app, communeStaff(3), { orgUnitId: commune(3).id, frequency: 'monthly', period: lastMonth });
      const versionIn = async () => (await form()).entries.find((e) => e.kpi.id === KPI)!.report!.version;
      const seenByA = await versionIn();
      const seenByB = await versionIn();
      expect(seenByA).toBe(created.reports[0]!.version);
      expect(seenByB).toBe(seenByA);

      const first = await save(3, { submit: false, inputs: { numerator: 2, denominator: 10 }, expectedVersion: seenByA });
      expect(first.reports[0]).toMatchObject({ version: seenByA + 1, inputs: { numerator: 2, denominator: 10 } });

      const before = await databaseState(app.db);
      const second = await appErrorOf(save(3, { submit: true, inputs: { numerator: 3, denominator: 10 }, expectedVersion: seenByB }));
      expect(second.code).toBe('CONFLICT');
      expect(second.httpStatus).toBe(409);
      expect(second.userMessage.vi).toMatch(/tải lại/);
      expect(await databaseState(app.db)).toEqual(before);
      expect(await getReport(app.db, created.reports[0]!.id)).toEqual(first.reports[0]);
      expect(await measurementOf(commune(3).id, lastMonth)).toEqual([]);
    });

    it('refuses the second of two editors who both opened an empty form', async () => {
      const first = await save(4, { submit: true, inputs: { numerator: 4, denominator: 10 }, expectedVersion: null });
      const before = await databaseState(app.db);
      const second = await appErrorOf(save(4, { submit: true, inputs: { numerator: 9, denominator: 10 }, expectedVersion: null }));
      expect(second.code).toBe('CONFLICT');
      expect(await databaseState(app.db)).toEqual(before);
      expect(await measurementOf(commune(4).id, lastMonth)).toEqual([{ num: 4, den: 10, batch_id: first.batchId }]);
    });

    it('lands one of two concurrent submissions of the same version', async () => {
      const created = await save(5, { submit: false, inputs: { numerator: 1, denominator: 10 }, expectedVersion: null });
      const version = created.reports[0]!.version;
      const results = await Promise.allSettled([
        save(5, { submit: true, inputs: { numerator: 5, denominator: 10 }, expectedVersion: version }),
        save(5, { submit: true, inputs: { numerator: 6, denominator: 10 }, expectedVersion: version }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
      const winner = results.find((r) => r.status === 'fulfilled')!.value.reports[0]!;
      expect(await getReport(app.db, created.reports[0]!.id)).toMatchObject({ version: version + 1, inputs: winner.inputs });
      expect(await listReportEvents(app.db, created.reports[0]!.id)).toHaveLength(2);
    });
  });

  describe('outliers against the unit’s own history', () => {
    /** eight steady months, oldest first: median 50 %, MAD 1 point */
    const STEADY = [50, 51, 49, 50, 52, 48, 50, 51];

    const buildHistory = async (i: number) => {
      for (const [k, percent] of STEADY.entries()) {
        const period = addPeriods(thisMonth, 'month', -(STEADY.length + 1 - k)); // 9 … 2 months ago
        const { reports } = await save(i, { period, submit: true, inputs: { numerator: percent, denominator: 100 }, expectedVersion: null });
        expect(reports[0]).toMatchObject({ status: 'submitted', outlier: false });
      }
      const form = await getReportForm(app, communeStaff(i), { orgUnitId: commune(i).id, frequency: 'monthly', period: lastMonth });
      expect(form.entries.find((e) => e.kpi.id === KPI)!.history.map((h) => h.value)).toEqual(STEADY);
    };

    it('refuses an unusual value without an explanation, naming the field, and changes nothing; takes it with one', async () => {
      await buildHistory(6);
      const before = await databaseState(app.db);
      for (const explanation of [null, '', 'ok']) {
        const err = await appErrorOf(save(6, { submit: true, inputs: { numerator: 95, denominator: 100 }, expectedVersion: null, explanation }));
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.rowErrors).toEqual([
          { index: 0, field: `${KPI}.explanation`, code: 'explanation_required', message: { vi: expect.stringMatching(/bất thường/), en: expect.stringMatching(/unusual/) } },
        ]);
      }
      expect(await databaseState(app.db)).toEqual(before);

      const explanation = 'Xã triển khai kết nối CSDL dân cư từ đầu tháng';
      const landed = await save(6, { submit: true, inputs: { numerator: 95, denominator: 100 }, expectedVersion: null, explanation });
      expect(landed.reports[0]).toMatchObject({ status: 'submitted', outlier: true, explanation });
      expect(await measurementOf(commune(6).id, lastMonth)).toEqual([{ num: 95, den: 100, batch_id: landed.batchId }]);
      expect(await snapshotOf(commune(6).id)).toMatchObject({ period: lastMonth, value: 95, previousValue: 51, provisional: true });
    });

    it('takes a usual value without an explanation', async () => {
      await buildHistory(7);
      const { reports } = await save(7, { submit: true, inputs: { numerator: 52, denominator: 100 }, expectedVersion: null });
      expect(reports[0]).toMatchObject({ status: 'submitted', outlier: false, explanation: null });
    });

    it('does not ask for an explanation of a draft', async () => {
      await buildHistory(8);
      const { reports } = await save(8, { submit: false, inputs: { numerator: 95, denominator: 100 }, expectedVersion: null });
      expect(reports[0]).toMatchObject({ status: 'draft', outlier: false });
    });
  });

  it('stores a mean KPI’s inputs as parts: value × weight over weight', async () => {
    const { reports, batchId } = await save(9, { kpiId: MEAN_KPI, submit: true, inputs: { value: 2.5, weight: 4 }, expectedVersion: null });
    expect(reports[0]).toMatchObject({ kpi_id: MEAN_KPI, inputs: { value: 2.5, weight: 4 } });
    expect(await measurementOf(commune(9).id, lastMonth, MEAN_KPI)).toEqual([{ num: 10, den: 4, batch_id: batchId }]);
  });

  it('refuses a raw feed that would overwrite a reported period, and changes nothing', async () => {
    await save(20, { submit: true, inputs: { numerator: 40, denominator: 80 }, expectedVersion: null });
    const system: Principal = { kind: 'token', name: 'token:feed', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const before = await databaseState(app.db);
    const error = await appErrorOf(
      ingestMeasurements(app, system, [{ kpiId: KPI, orgUnitCode: commune(20).code, time: lastMonth.toISOString(), numerator: 1, denominator: 80 }], { source: 'api' }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'time', code: 'reported_period' })]);
    expect(await databaseState(app.db)).toEqual(before);
    expect(await measurementOf(commune(20).id, lastMonth)).toEqual([expect.objectContaining({ num: 40, den: 80 })]);
  });

  it('refuses a KPI that the unit does not report, and changes nothing', async () => {
    const before = await databaseState(app.db);
    const err = await appErrorOf(save(10, { kpiId: 'complaints_resolved_on_time', submit: true, inputs: { numerator: 1, denominator: 2 }, expectedVersion: null }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.rowErrors).toEqual([expect.objectContaining({ field: 'kpiId', code: 'not_due' })]);
    expect(await databaseState(app.db)).toEqual(before);
  });

  it('refuses a period that has not started', async () => {
    const err = await appErrorOf(save(10, { period: addPeriods(thisMonth, 'month', 1), submit: false, inputs: { numerator: 1, denominator: 2 }, expectedVersion: null }));
    expect(err.code).toBe('BAD_REQUEST');
  });

  it('approves only at the version the approver saw', async () => {
    const { reports } = await save(11, { submit: true, inputs: { numerator: 3, denominator: 4 }, expectedVersion: null });
    const report: ReportRow = reports[0]!;
    const before = await databaseState(app.db);
    const stale = await appErrorOf(approveReports(app, provinceStaff(), [{ reportId: report.id, expectedVersion: report.version - 1 }]));
    expect(stale.code).toBe('CONFLICT');
    expect(await databaseState(app.db)).toEqual(before);
    const [approved] = await approveReports(app, provinceStaff(), [{ reportId: report.id, expectedVersion: report.version }]);
    expect(approved).toMatchObject({ status: 'approved' });
    // approving twice is refused: it no longer awaits approval
    const again = await appErrorOf(approveReports(app, provinceStaff(), [{ reportId: report.id, expectedVersion: approved!.version }]));
    expect(again.code).toBe('BAD_REQUEST');
  });

  describe('return for revision', () => {
    it('sends a submitted report back with a comment that the submitter sees on the form and in the history; edited and resubmitted, it can be approved', async () => {
      const unit = commune(13);
      const staff = communeStaff(13);
      const { reports } = await save(13, { submit: true, inputs: { numerator: 30, denominator: 60 }, expectedVersion: null });
      const submitted = reports[0]!;
      const comment = 'Mẫu số không khớp sổ theo dõi hồ sơ, đề nghị kiểm tra lại';

      const reportsIn = async () => (await getCompleteness(app, staff, { frequency: 'monthly', level: 'commune', period: lastMonth })).total.submitted;
      expect(await reportsIn()).toBe(1);

      const returned = await returnReportForRevision(app, provinceStaff(), { reportId: submitted.id, expectedVersion: submitted.version, comment: `  ${comment} ` });
      expect(returned).toMatchObject({ status: 'returned', version: submitted.version + 1, returned_by: 'user:canbo.qn', return_comment: comment });
      expect(returned.returned_at).toBeInstanceOf(Date);
      // the figures stay on the dashboards, provisional, until the unit submits again
      expect(await measurementOf(unit.id, lastMonth)).toEqual([expect.objectContaining({ num: 30, den: 60 })]);
      expect(await snapshotOf(unit.id)).toMatchObject({ period: lastMonth, value: 50, provisional: true });
      // it is not in any more for completeness, and it leaves the approval queue
      expect(await reportsIn()).toBe(0);
      expect((await listApprovalQueue(app, provinceStaff())).map((r) => r.id)).not.toContain(submitted.id);

      // the submitter sees it returned, with the comment, on the form of that unit and period and in the history
      const form = await getReportForm(app, staff, { orgUnitId: unit.id, frequency: 'monthly', period: lastMonth });
      expect(form.entries.find((e) => e.kpi.id === KPI)!.report).toMatchObject({ id: submitted.id, status: 'returned', return_comment: comment, returned_by: 'user:canbo.qn' });
      const history = await getReportHistory(app, staff, submitted.id);
      expect(history.events.at(-1)).toMatchObject({ action: 'return', from_status: 'submitted', to_status: 'returned', reason: comment, actor: 'user:canbo.qn' });

      // a returned report cannot be approved as it is, nor go back to a draft
      expect((await appErrorOf(approveReports(app, provinceStaff(), [{ reportId: submitted.id, expectedVersion: returned.version }]))).code).toBe('BAD_REQUEST');
      expect((await appErrorOf(save(13, { submit: false, inputs: { numerator: 31, denominator: 60 }, expectedVersion: returned.version }))).code).toBe('BAD_REQUEST');

      // sent again unchanged (figures and explanation as returned), it is refused: nothing was revised
      const unrevised = await appErrorOf(save(13, { submit: true, inputs: { numerator: 30, denominator: 60 }, expectedVersion: returned.version }));
      expect(unrevised.code).toBe('BAD_REQUEST');
      expect(unrevised.userMessage.vi).toMatch(/chưa được sửa/);
      expect(await reportsIn()).toBe(0);

      // edited and submitted again, it waits for approval and can be approved
      const resubmitted = await save(13, { submit: true, inputs: { numerator: 30, denominator: 75 }, expectedVersion: returned.version });
      expect(resubmitted.reports[0]).toMatchObject({ status: 'submitted', version: returned.version + 1, inputs: { numerator: 30, denominator: 75 } });
      expect(await measurementOf(unit.id, lastMonth)).toEqual([expect.objectContaining({ num: 30, den: 75 })]);
      expect((await listApprovalQueue(app, provinceStaff())).map((r) => r.id)).toContain(submitted.id);
      expect(await reportsIn()).toBe(1);
      const [approved] = await approveReports(app, provinceStaff(), [{ reportId: submitted.id, expectedVersion: resubmitted.reports[0]!.version }]);
      expect(approved).toMatchObject({ status: 'approved' });
      expect((await listReportEvents(app.db, submitted.id)).map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'approve']);
    });

    it('refuses a return without a comment, at a stale version, of a report not awaiting approval, or by someone who may not approve it — and changes nothing', async () => {
      const { reports } = await save(14, { submit: true, inputs: { numerator: 5, denominator: 10 }, expectedVersion: null });
      const report = reports[0]!;
      const before = await databaseState(app.db);
      for (const comment of ['', '   ', 'sai']) {
        const err = await appErrorOf(returnReportForRevision(app, provinceStaff(), { reportId: report.id, expectedVersion: report.version, comment }));
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.rowErrors).toEqual([expect.objectContaining({ field: 'comment', code: 'comment_required' })]);
      }
      expect((await appErrorOf(returnReportForRevision(app, provinceStaff(), { reportId: report.id, expectedVersion: report.version - 1, comment: 'Kiểm tra lại số liệu' }))).code).toBe('CONFLICT');
      const err = await appErrorOf(returnReportForRevision(app, communeStaff(14), { reportId: report.id, expectedVersion: report.version, comment: 'Kiểm tra lại số liệu' }));
      expect(err.code).toBe('FORBIDDEN');
      expect(await databaseState(app.db)).toEqual(before);
      const { reports: drafts } = await save(15, { submit: false, inputs: { numerator: 5, denominator: 10 }, expectedVersion: null });
      expect((await appErrorOf(returnReportForRevision(app, provinceStaff(), { reportId: drafts[0]!.id, expectedVersion: drafts[0]!.version, comment: 'Kiểm tra lại số liệu' }))).code).toBe('BAD_REQUEST');
    });
  });

  describe('four eyes', () => {
    const otherProvinceStaff = (): Principal => ({ kind: 'user', name: 'user:canbo.qn2', scopeUnitId: province().id, role: 'province_staff' });

    it('refuses the approval of a report by the officer who submitted it, in Vietnamese first, and the queue says so', async () => {
      const { reports } = await save(16, { submit: true, inputs: { numerator: 7, denominator: 10 }, expectedVersion: null }, provinceStaff());
      const report = reports[0]!;
      expect(report.submitted_by).toBe(provinceStaff().name);
      const queued = (await listApprovalQueue(app, provinceStaff())).find((r) => r.id === report.id);
      expect(queued).toMatchObject({ ownWork: true });
      expect((await listApprovalQueue(app, otherProvinceStaff())).find((r) => r.id === report.id)).toMatchObject({ ownWork: false });

      const before = await databaseState(app.db);
      const err = await appErrorOf(approveReports(app, provinceStaff(), [{ reportId: report.id, expectedVersion: report.version }]));
      expect(err.code).toBe('FORBIDDEN');
      expect(err.userMessage.vi).toMatch(/^Nguyên tắc bốn mắt: bạn không thể phê duyệt báo cáo do chính mình nộp hoặc sửa/);
      expect(err.userMessage.en).toMatch(/four-eyes/i);
      expect(await databaseState(app.db)).toEqual(before);
      // a batch holding one of one's own reports is refused whole
      const { reports: theirs } = await save(17, { submit: true, inputs: { numerator: 7, denominator: 10 }, expectedVersion: null });
      const batch = await appErrorOf(
        approveReports(app, provinceStaff(), [
          { reportId: theirs[0]!.id, expectedVersion: theirs[0]!.version },
          { reportId: report.id, expectedVersion: report.version },
        ]),
      );
      expect(batch.code).toBe('FORBIDDEN');
      expect(await getReport(app.db, theirs[0]!.id)).toMatchObject({ status: 'submitted' });
      // another officer approves it
      const [approved] = await approveReports(app, otherProvinceStaff(), [{ reportId: report.id, expectedVersion: report.version }]);
      expect(approved).toMatchObject({ status: 'approved', approved_by: otherProvinceStaff().name });
    });

    it('refuses the approval of a correction by the officer who made it, and of a report they edited as a draft', async () => {
      // submitted by the commune, approved by the province, corrected by the province's officer
      const { reports } = await save(18, { submit: true, inputs: { numerator: 4, denominator: 10 }, expectedVersion: null });
      const [approved] = await approveReports(app, provinceStaff(), [{ reportId: reports[0]!.id, expectedVersion: reports[0]!.version }]);
      const corrected = await correctReport(app, provinceStaff(), { reportId: approved!.id, expectedVersion: approved!.version, inputs: { numerator: 6, denominator: 10 }, reason: 'Sửa theo biên bản kiểm tra' });
      const correction = corrected.reports[0]!;
      const before = await databaseState(app.db);
      const err = await appErrorOf(approveReports(app, provinceStaff(), [{ reportId: correction.id, expectedVersion: correction.version }]));
      expect(err.code).toBe('FORBIDDEN');
      expect(err.userMessage.vi).toMatch(/bốn mắt/);
      expect(await databaseState(app.db)).toEqual(before);
      expect((await approveReports(app, otherProvinceStaff(), [{ reportId: correction.id, expectedVersion: correction.version }]))[0]).toMatchObject({ status: 'approved' });

      // a draft typed by the province's officer and submitted by the commune: the officer edited it
      const draft = await save(19, { submit: false, inputs: { numerator: 2, denominator: 10 }, expectedVersion: null }, provinceStaff());
      const sent = await save(19, { submit: true, inputs: { numerator: 3, denominator: 10 }, expectedVersion: draft.reports[0]!.version });
      expect((await appErrorOf(approveReports(app, provinceStaff(), [{ reportId: sent.reports[0]!.id, expectedVersion: sent.reports[0]!.version }]))).code).toBe('FORBIDDEN');
      // the one who approved an earlier round may approve a later one they did not edit
      const [first] = await approveReports(app, otherProvinceStaff(), [{ reportId: sent.reports[0]!.id, expectedVersion: sent.reports[0]!.version }]);
      const recorrected = await correctReport(app, communeStaff(19), { reportId: first!.id, expectedVersion: first!.version, inputs: { numerator: 4, denominator: 10 }, reason: 'Bổ sung hồ sơ cuối tháng' });
      expect((await approveReports(app, provinceStaff(), [{ reportId: first!.id, expectedVersion: recorrected.reports[0]!.version }]))[0]).toMatchObject({ status: 'approved' });
    });
  });
});
