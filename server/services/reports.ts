/**
 * Period reports from staff: the form of a unit and period, saving drafts, submitting, approving
 * and correcting. A submission lands in the same transaction as its measurements, so the
 * dashboards show it at once (marked provisional until approved); nothing is ever overwritten
 * without a trace — every change is a report_event, every replaced value a measurement_revision.
 */
import type { Frequency, MeasuredKpi } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import { canApprove, canSee, canSubmit, requireCan } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/db';
import { getPeriodSums } from '../db/queries/rollups';
import {
  approveReport,
  findReports,
  getReport,
  insertReport,
  insertReportEvent,
  listReportEditors,
  listReportEvents,
  listSubmittedReports,
  lockReports,
  returnReport,
  updateReport,
  type ReportInputs,
  type ReportRow,
} from '../db/queries/reports';
import { valueFromSums } from '../../shared/domain/aggregate';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { outlierFlags } from '../../shared/domain/outliers';
import { addPeriods, periodStart, reportDeadline, periodUnitOf } from '../../shared/domain/periods';
import { MIN_CORRECTION_REASON_LENGTH, MIN_EXPLANATION_LENGTH, MIN_RETURN_COMMENT } from '../../shared/domain/writtenReasons';
import { INPUT_FIELDS, sameInputs, validateKpiInputs } from '../../shared/domain/validateKpiInputs';
import type { ValidMeasurement } from '../../shared/domain/validateMeasurementBatch';
import { reportTransition, type ReportAction, type ReportActor, type ReportTransition } from '../../shared/domain/reportLifecycle';
import { AppError, type LocalizedText, type RowProblem } from '../../shared/errors';
import type { Transaction } from '../db/db';
import { announceChange } from '../realtime/announceChange';
import { writeBatch, type WrittenBatch } from './ingestMeasurements';

/** Periods of the unit's own history shown beside each input and used for the outlier checks. */
const HISTORY_PERIODS = 12;

function requireUnit(app: AppContext, id: number): OrgUnit {
  const unit = app.orgUnits().byIdOrUndefined(id);
  if (!unit) throw new AppError('NOT_FOUND', { vi: 'Không tìm thấy đơn vị', en: 'Org unit not found' });
  return unit;
}

/** The KPIs a unit reports at a frequency. */
function kpisDue(app: AppContext, unit: OrgUnit, frequency: Frequency): MeasuredKpi[] {
  return app.catalogue.measured.filter((k) => k.submittedAt === unit.level && k.frequency === frequency);
}

async function historyOf(app: AppContext, unit: OrgUnit, kpis: readonly MeasuredKpi[], frequency: Frequency, period: Date) {
  if (kpis.length === 0) return new Map<string, Array<{ period: Date; value: number | null }>>();
  const rows = await getPeriodSums(app.db, {
    kpiIds: kpis.map((k) => k.id),
    granularity: periodUnitOf(frequency),
    scope: unit.level === 'province' ? { level: 'province', provinceId: unit.id } : { level: 'commune', orgUnitId: unit.id },
    from: addPeriods(period, periodUnitOf(frequency), -HISTORY_PERIODS),
    to: period,
  });
  const out = new Map<string, Array<{ period: Date; value: number | null }>>();
  for (const k of kpis) {
    out.set(
      k.id,
      rows.filter((r) => r.kpi_id === k.id).map((r) => ({ period: r.period, value: valueFromSums(k.measure, r.num, r.den) })),
    );
  }
  return out;
}

interface ReportFormEntry {
  kpi: MeasuredKpi;
  report: ReportRow | null;
  /** the unit's values in the periods before, oldest first */
  history: Array<{ period: Date; value: number | null }>;
}

export interface ReportForm {
  unit: OrgUnit;
  frequency: Frequency;
  periodStart: Date;
  deadline: Date;
  canApprove: boolean;
  entries: ReportFormEntry[];
}

export async function getReportForm(app: AppContext, principal: Principal, q: { orgUnitId: number; frequency: Frequency; period: Date }): Promise<ReportForm> {
  const tree = app.orgUnits();
  const unit = requireUnit(app, q.orgUnitId);
  requireCan(canSee(tree, principal, unit), { vi: `xem số liệu của ${unit.name}`, en: `see ${unit.name}'s reports` });
  const start = periodStart(periodUnitOf(q.frequency), q.period);
  const kpis = kpisDue(app, unit, q.frequency);
  const reports = await findReports(app.db, { orgUnitId: unit.id, periodStart: start, kpiIds: kpis.map((k) => k.id) });
  const history = await historyOf(app, unit, kpis, q.frequency, start);
  return {
    unit,
    frequency: q.frequency,
    periodStart: start,
    deadline: reportDeadline(periodUnitOf(q.frequency), start, Math.max(0, ...kpis.map((k) => k.deadlineDaysAfterPeriod))),
    canApprove: canApprove(tree, principal, unit),
    entries: kpis.map((kpi) => ({ kpi, report: reports.find((r) => r.kpi_id === kpi.id) ?? null, history: history.get(kpi.id) ?? [] })),
  };
}

export interface ReportEntryInput {
  kpiId: string;
  inputs: ReportInputs;
  explanation?: string | null;
  /** the version the editor loaded; null for a report that did not exist */
  expectedVersion: number | null;
}

export interface SaveResult {
  reports: ReportRow[];
  batchId: number | null;
}

function normaliseInputs(inputs: ReportInputs): ReportInputs {
  const out: ReportInputs = {};
  for (const f of INPUT_FIELDS) if (inputs[f] !== undefined && inputs[f] !== null) out[f] = inputs[f];
  return out;
}

const REPORT_NOT_FOUND = { vi: 'Không tìm thấy báo cáo', en: 'Report not found' };

const CONFLICT = {
  vi: 'Số liệu này vừa được người khác cập nhật. Hãy tải lại để xem bản mới nhất trước khi sửa.',
  en: 'Someone else has just updated this report. Reload to see the latest version before editing.',
};

/**
 * Saves the entries of one unit and period as drafts, or submits them: all entries land or none.
 * Submitting validates every input and asks an explanation for any outlier; approved reports are
 * locked (use `correctReport`).
 */
export async function saveReports(
  app: AppContext,
  principal: Principal,
  q: { orgUnitId: number; frequency: Frequency; period: Date; entries: ReportEntryInput[]; submit: boolean; reason?: string | null },
  options: { correction?: boolean } = {},
): Promise<SaveResult> {
  const tree = app.orgUnits();
  const unit = requireUnit(app, q.orgUnitId);
  requireCan(canSubmit(tree, principal, unit), { vi: `nộp số liệu cho ${unit.name}`, en: `submit data for ${unit.name}` });
  if (!unit.active) throw new AppError('BAD_REQUEST', { vi: `${unit.name} không còn hoạt động`, en: `${unit.name} is no longer active` });
  const at = appNow();
  const start = periodStart(periodUnitOf(q.frequency), q.period);
  if (start > at) throw new AppError('BAD_REQUEST', { vi: 'Kỳ báo cáo chưa bắt đầu', en: 'The reporting period has not started' });
  if (start < app.earliestMeasurement) {
    throw new AppError('BAD_REQUEST', { vi: 'Kỳ báo cáo quá xa trong quá khứ: có thể gõ nhầm năm', en: 'The reporting period is too far back: probably a mistyped year' });
  }
  const due = new Map(kpisDue(app, unit, q.frequency).map((k) => [k.id, k]));
  // only a submission is checked for outliers; historyOf asks nothing for no KPIs
  const history = await historyOf(app, unit, q.submit ? [...due.values()] : [], q.frequency, start);

  // Check every entry before touching anything.
  const problems: RowProblem[] = [];
  const prepared = q.entries.map((entry, index) => {
    const kpi = due.get(entry.kpiId);
    if (!kpi) {
      problems.push({ index, field: 'kpiId', code: 'not_due', message: { vi: `Chỉ số «${entry.kpiId}» không thuộc báo cáo này`, en: `KPI "${entry.kpiId}" is not part of this report` } });
      return null;
    }
    const inputs = normaliseInputs(entry.inputs);
    const explanation = entry.explanation?.trim() || null;
    let parts: { num: number; den: number } | null = null;
    let outlier = false;
    if (q.submit) {
      const checked = validateKpiInputs(kpi, inputs);
      for (const e of checked.errors) problems.push({ index, field: `${kpi.id}.${e.field}`, code: e.code, message: { vi: `${kpi.name.vi}: ${e.message.vi}`, en: `${kpi.name.en}: ${e.message.en}` } });
      parts = checked.parts;
      const value = parts && valueFromSums(kpi.measure, parts.num, parts.den);
      const past = (history.get(kpi.id) ?? []).flatMap((h) => (h.value === null ? [] : [h.value]));
      outlier = value !== null && value !== undefined && outlierFlags(value, past).length > 0;
      if (outlier && (!explanation || explanation.length < MIN_EXPLANATION_LENGTH)) {
        problems.push({
          index,
          field: `${kpi.id}.explanation`,
          code: 'explanation_required',
          message: {
            vi: `${kpi.name.vi}: giá trị bất thường so với các kỳ trước; hãy ghi rõ lý do (ít nhất ${MIN_EXPLANATION_LENGTH} ký tự)`,
            en: `${kpi.name.en}: the value is unusual against previous periods; explain why (${MIN_EXPLANATION_LENGTH} characters at least)`,
          },
        });
      }
    }
    return { entry, kpi, inputs, explanation, parts, outlier };
  });
  if (options.correction && !(q.reason && q.reason.trim().length >= MIN_CORRECTION_REASON_LENGTH)) {
    problems.push({ index: 0, field: 'reason', code: 'reason_required', message: { vi: `Cần ghi lý do điều chỉnh (ít nhất ${MIN_CORRECTION_REASON_LENGTH} ký tự)`, en: `A correction needs a reason (${MIN_CORRECTION_REASON_LENGTH} characters at least)` } });
  }
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { vi: `Chưa lưu: ${problems.length} lỗi cần sửa`, en: `Not saved: ${problems.length} problem(s) to fix` },
      { rowErrors: problems },
    );
  }

  const actor = principal.name;
  const action: ReportAction = options.correction ? 'correct' : q.submit ? 'submit' : 'draft';
  const { reports, written } = await app.db.transaction(async (tx) => {
    const existing = await findReports(tx, { orgUnitId: unit.id, periodStart: start, kpiIds: prepared.map((p) => p!.kpi.id) });
    const locked = new Map((await lockReports(tx, existing.map((r) => r.id))).map((r) => [r.kpi_id, r]));
    const saved: ReportRow[] = [];
    const moved: ReportRow[] = [];
    for (const p of prepared) {
      const { entry, kpi, inputs, explanation, outlier } = p!;
      const current = locked.get(kpi.id);
      const step = requireTransition(current?.status ?? 'new', action, kpi.name);
      requirePermitted(app, principal, unit, step.by);
      if (!current) {
        if (entry.expectedVersion !== null) throw new AppError('CONFLICT', CONFLICT);
        const created = await insertReport(tx, { kpi_id: kpi.id, org_unit_id: unit.id, period_start: start, status: step.to, inputs, explanation, outlier, updated_by: actor, at });
        if (!created) throw new AppError('CONFLICT', CONFLICT);
        await insertReportEvent(tx, { reportId: created.id, action, fromStatus: null, toStatus: step.to, oldInputs: null, newInputs: inputs, reason: null, actor, at });
        saved.push(created);
        moved.push(created);
        continue;
      }
      if (current.version !== entry.expectedVersion) throw new AppError('CONFLICT', CONFLICT);
      // Sent back means "fix this": the same figures and explanation again answer nothing, and
      // would put the report back in the queue under the sender's name as if revised.
      if (step.requires.includes('revision') && sameInputs(current.inputs, inputs) && (current.explanation ?? null) === explanation) {
        throw new AppError('BAD_REQUEST', {
          vi: `${kpi.name.vi}: báo cáo bị trả lại chưa được sửa; hãy sửa số liệu hoặc ghi giải trình theo nhận xét rồi nộp lại`,
          en: `${kpi.name.en}: the returned report has not been revised; change the figures or the explanation as the comment asks, then submit`,
        });
      }
      const updated = await updateReport(tx, { id: current.id, expectedVersion: current.version, status: step.to, inputs, explanation, outlier, actor, at });
      if (!updated) throw new AppError('CONFLICT', CONFLICT);
      await insertReportEvent(tx, {
        reportId: current.id,
        action,
        fromStatus: current.status,
        toStatus: step.to,
        oldInputs: current.inputs,
        newInputs: inputs,
        reason: q.reason?.trim() || null,
        actor,
        at,
      });
      saved.push(updated);
      if (current.status !== step.to) moved.push(updated);
    }
    let batch: WrittenBatch | undefined;
    if (q.submit) {
      const rows: ValidMeasurement[] = prepared.map((p) => ({ kpiId: p!.kpi.id, orgUnitId: unit.id, provinceId: unit.provinceId!, ts: start, ...p!.parts! }));
      batch = await writeBatch(app, tx, principal, rows, { source: 'form' });
    }
    await announceStatusChange(app, tx, moved);
    return { reports: saved, written: batch };
  });
  return { reports, batchId: written?.batchId ?? null };
}

/** The lifecycle's step for this report and action, or the refusal naming the KPI. */
function requireTransition(from: ReportRow['status'] | 'new', action: ReportAction, subject: LocalizedText): ReportTransition {
  const check = reportTransition(from, action);
  if (!check.ok) throw new AppError('BAD_REQUEST', { vi: `${subject.vi}: ${check.message.vi}`, en: `${subject.en}: ${check.message.en}` });
  return check;
}

/** The permission the lifecycle names for a step: submitting for the unit, or approving its reports. */
function requirePermitted(app: AppContext, principal: Principal, unit: OrgUnit, by: ReportActor): void {
  const tree = app.orgUnits();
  if (by === 'submitter') requireCan(canSubmit(tree, principal, unit), { vi: `nộp số liệu cho ${unit.name}`, en: `submit data for ${unit.name}` });
  else requireCan(canApprove(tree, principal, unit), { vi: `phê duyệt số liệu của ${unit.name}`, en: `approve ${unit.name}'s data` });
}

/** Reopens an approved (or submitted) report with new inputs and a reason; it then waits for approval again. */
export async function correctReport(
  app: AppContext,
  principal: Principal,
  q: { reportId: number; expectedVersion: number; inputs: ReportInputs; explanation?: string | null; reason: string },
): Promise<SaveResult> {
  const tree = app.orgUnits();
  const report = await getReport(app.db, q.reportId);
  if (!report || !canSee(tree, principal, tree.get(report.org_unit_id))) throw new AppError('NOT_FOUND', REPORT_NOT_FOUND);
  const kpi = app.catalogue.get(report.kpi_id) as MeasuredKpi;
  return saveReports(
    app,
    principal,
    {
      orgUnitId: report.org_unit_id,
      frequency: kpi.frequency,
      period: report.period_start,
      entries: [{ kpiId: report.kpi_id, inputs: q.inputs, explanation: q.explanation, expectedVersion: q.expectedVersion }],
      submit: true,
      reason: q.reason,
    },
    { correction: true },
  );
}

/** The reports of `ids` whose current round this principal put figures into (the four-eyes rule). */
async function ownWork(db: Queryable, principal: Principal, ids: readonly number[]): Promise<Set<number>> {
  const editors = await listReportEditors(db, ids);
  return new Set(editors.filter((e) => e.editors.includes(principal.name)).map((e) => e.report_id));
}

/**
 * Four eyes: a report (or a correction) is approved by someone who neither submitted nor edited
 * it. The whole batch is refused when one of its reports is the approver's own work.
 */
export async function approveReports(app: AppContext, principal: Principal, items: Array<{ reportId: number; expectedVersion: number }>): Promise<ReportRow[]> {
  const tree = app.orgUnits();
  const approved = await app.db.transaction(async (tx) => {
    const out: ReportRow[] = [];
    const at = appNow();
    const own = await ownWork(tx, principal, items.map((i) => i.reportId));
    for (const item of items) {
      const report = await getReport(tx, item.reportId);
      if (!report || !canSee(tree, principal, tree.get(report.org_unit_id))) throw new AppError('NOT_FOUND', REPORT_NOT_FOUND);
      const unit = tree.get(report.org_unit_id);
      requireCan(canApprove(tree, principal, unit), { vi: `phê duyệt số liệu của ${unit.name}`, en: `approve ${unit.name}'s data` });
      const step = requireTransition(report.status, 'approve', reportSubject(app, unit, report));
      if (step.requires.includes('fourEyes') && own.has(report.id)) {
        const kpi = app.catalogue.get(report.kpi_id);
        throw new AppError('FORBIDDEN', {
          vi: `Nguyên tắc bốn mắt: bạn không thể phê duyệt báo cáo do chính mình nộp hoặc sửa (${unit.name} – ${kpi.name.vi}); cần một cán bộ khác phê duyệt`,
          en: `Four-eyes rule: you cannot approve a report you submitted or edited yourself (${unit.name} – ${kpi.name.en}); another officer must approve it`,
        });
      }
      const row = await approveReport(tx, report.id, item.expectedVersion, principal.name, at);
      if (!row) throw new AppError('CONFLICT', CONFLICT);
      await insertReportEvent(tx, { reportId: report.id, action: 'approve', fromStatus: report.status, toStatus: step.to, oldInputs: null, newInputs: null, reason: null, actor: principal.name, at });
      out.push(row);
    }
    await announceStatusChange(app, tx, out);
    return out;
  });
  return approved;
}

/**
 * Sends a submitted report back to its unit for revision, with a comment the submitter reads on
 * the form and in the report's history. Its figures stay on the dashboards, provisional, until the
 * unit submits again; meanwhile the report counts as not in for completeness.
 */
export async function returnReportForRevision(app: AppContext, principal: Principal, q: { reportId: number; expectedVersion: number; comment: string }): Promise<ReportRow> {
  const tree = app.orgUnits();
  const comment = q.comment.trim();
  const returned = await app.db.transaction(async (tx) => {
    const report = await getReport(tx, q.reportId);
    if (!report || !canSee(tree, principal, tree.get(report.org_unit_id))) throw new AppError('NOT_FOUND', REPORT_NOT_FOUND);
    const unit = tree.get(report.org_unit_id);
    requireCan(canApprove(tree, principal, unit), { vi: `trả lại báo cáo của ${unit.name}`, en: `return ${unit.name}'s report` });
    const step = requireTransition(report.status, 'return', reportSubject(app, unit, report));
    if (step.requires.includes('comment') && comment.length < MIN_RETURN_COMMENT) {
      throw new AppError(
        'VALIDATION_FAILED',
        { vi: 'Chưa trả lại: cần ghi nhận xét cho đơn vị', en: 'Not returned: the unit needs a comment' },
        {
          rowErrors: [
            {
              index: 0,
              field: 'comment',
              code: 'comment_required',
              message: { vi: `Hãy ghi rõ cần sửa gì (ít nhất ${MIN_RETURN_COMMENT} ký tự)`, en: `Say what to fix (${MIN_RETURN_COMMENT} characters at least)` },
            },
          ],
        },
      );
    }
    const at = appNow();
    const row = await returnReport(tx, { id: report.id, expectedVersion: q.expectedVersion, actor: principal.name, comment, at });
    if (!row) throw new AppError('CONFLICT', CONFLICT);
    await insertReportEvent(tx, { reportId: report.id, action: 'return', fromStatus: report.status, toStatus: step.to, oldInputs: null, newInputs: null, reason: comment, actor: principal.name, at });
    await announceStatusChange(app, tx, [row]);
    return row;
  });
  return returned;
}

/** "Hà Nội – <KPI>": which report a refusal is about. */
function reportSubject(app: AppContext, unit: OrgUnit, report: ReportRow): LocalizedText {
  const kpi = app.catalogue.get(report.kpi_id);
  return { vi: `${unit.name} – ${kpi.name.vi}`, en: `${unit.name} – ${kpi.name.en}` };
}

/**
 * Announces, with the transaction, the reports that moved to a new status (one status per call's
 * reports: approved, returned, or the status a save gave them). A status moves no number, only the
 * provisional mark and completeness: the views look again at what they show.
 */
async function announceStatusChange(app: AppContext, tx: Transaction, reports: readonly ReportRow[]): Promise<void> {
  const tree = app.orgUnits();
  const byStatus = new Map<ReportRow['status'], ReportRow[]>();
  for (const r of reports) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
  for (const [status, group] of byStatus) {
    const times = group.map((r) => r.period_start.getTime());
    await announceChange(app, tx, {
      kind: 'reportStatusChanged',
      status,
      reportCount: group.length,
      kpiIds: [...new Set(group.map((r) => r.kpi_id))],
      // reports are of provinces and communes: every one has a province
      provinceIds: [...new Set(group.flatMap((r) => tree.get(r.org_unit_id).provinceId ?? []))],
      from: new Date(Math.min(...times)),
      to: new Date(Math.max(...times)),
    });
  }
}

export type ApprovalQueueRow = ReportRow & {
  unitName: string;
  unitCode: string;
  /** this principal submitted or edited it: the four-eyes rule keeps them from approving it */
  ownWork: boolean;
};

/** Reports waiting for this principal's approval. */
export async function listApprovalQueue(app: AppContext, principal: Principal): Promise<ApprovalQueueRow[]> {
  const tree = app.orgUnits();
  const scope = tree.get(principal.scopeUnitId);
  const rows = await listSubmittedReports(app.db, {
    provinceId: scope.level === 'nation' ? null : scope.provinceId,
    level: principal.role === 'province_staff' ? 'commune' : null,
    limit: 500,
  });
  const mine = rows.filter((r) => canApprove(tree, principal, tree.get(r.org_unit_id)));
  const own = await ownWork(app.db, principal, mine.map((r) => r.id));
  return mine.map((r) => ({ ...r, unitName: tree.get(r.org_unit_id).name, unitCode: tree.get(r.org_unit_id).code, ownWork: own.has(r.id) }));
}

/** The full history of one report: every save, submission, approval and correction. */
export async function getReportHistory(app: AppContext, principal: Principal, reportId: number) {
  const tree = app.orgUnits();
  const report = await getReport(app.db, reportId);
  // Outside the caller's scope a report does not exist: its id reveals nothing.
  if (!report || !canSee(tree, principal, tree.get(report.org_unit_id))) throw new AppError('NOT_FOUND', REPORT_NOT_FOUND);
  return { report, unit: tree.get(report.org_unit_id), events: await listReportEvents(app.db, reportId) };
}
