/**
 * Bulk upload of period reports from a CSV or XLSX file, for provincial and commune staff.
 * `previewReportFile` checks every row and writes nothing; `commitReportFile` checks again and
 * lands every row or none: reports submitted (new ones inserted, drafts and earlier submissions
 * updated with their version incremented), one history event each, and the measurements as one
 * batch, all in one transaction, announced with it (delivered on commit). A file submits, so it
 * changes only the reports the lifecycle lets a submission change (shared/domain/reportLifecycle):
 * approved reports are locked (corrections go through the form, with a reason), and a returned
 * one comes back revised.
 *
 * The same rules as the form (server/services/reports.ts): validateKpiInputs for the inputs, the
 * outlier tests against the unit's previous periods with an explanation required, canSubmit for
 * the scope. The database is asked three times whatever the file's size: existing reports by key,
 * history per frequency, and the write.
 */
import type { Frequency } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import { canSubmit, requireCan } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { findReportsByKeys, insertSubmitEvents, upsertSubmittedReports, type ReportKey, type ReportState } from '../db/queries/reports';
import { getUnitPeriodSums } from '../db/queries/rollups';
import { MIN_EXPLANATION_LENGTH } from '../../shared/domain/writtenReasons';
import { valueFromSums } from '../../shared/domain/aggregate';
import { describeUnit } from '../../shared/domain/describeUnit';
import { addPeriods, periodUnitOf } from '../../shared/domain/periods';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import type { ValidMeasurement } from '../../shared/domain/validateMeasurementBatch';
import type { ImportPreview, ImportResult } from '../../shared/domain/reportFileImport';
import { validateReportRows, type PreparedReportRow, type ReportFileColumn, type ReportFileRow } from '../../shared/domain/validateReportRows';
import { reportTransition } from '../../shared/domain/reportLifecycle';
import { sameInputs } from '../../shared/domain/validateKpiInputs';
import { AppError, type LocalizedText, type RowProblem } from '../../shared/errors';
import { announceChange } from '../realtime/announceChange';
import { writeBatch } from './ingestMeasurements';
import { readReportFile, type ReportFileFormat } from './readReportFile';
import { outlierFlags } from '../../shared/domain/outliers';

/** Periods of a unit's own history the outlier tests look at, as on the form. */
const HISTORY_PERIODS = 12;
/** Problems listed in a preview; the count covers them all, and reportFileProblems gives every one. */
const MAX_LISTED_PROBLEMS = 1000;

export interface UploadedReportFile {
  body: Buffer;
  format: ReportFileFormat;
  /** as the browser named it; kept in the reports' history */
  fileName?: string | null;
}

interface CheckedRow extends PreparedReportRow {
  outlier: boolean;
  existing: ReportState | undefined;
}

export interface CheckedFile {
  rows: number;
  /** the file's data rows as read, for the list of problems with their rows */
  fileRows: ReportFileRow[];
  checked: CheckedRow[];
  problems: Array<RowProblem<ReportFileColumn | 'row'>>;
  timings: Record<string, number>;
}

const keyOf = (kpiId: string, orgUnitId: number, periodStart: Date) => `${kpiId}|${orgUnitId}|${periodStart.getTime()}`;

function requireSubmitter(app: AppContext, principal: Principal): void {
  const tree = app.orgUnits();
  requireCan(canSubmit(tree, principal, tree.get(principal.scopeUnitId)), { vi: 'nộp số liệu', en: 'submit data' });
}

/**
 * Each unit's values in the periods before each row's period, from one query per frequency in
 * the file (over all its KPIs, units and periods at once).
 */
async function historyFor(app: AppContext, rows: readonly PreparedReportRow[]): Promise<(row: PreparedReportRow) => number[]> {
  const byFrequency = new Map<Frequency, PreparedReportRow[]>();
  for (const r of rows) {
    const list = byFrequency.get(r.kpi.frequency) ?? [];
    list.push(r);
    byFrequency.set(r.kpi.frequency, list);
  }
  /** kpi|unit → [period start ms, value] */
  const series = new Map<string, Array<[number, number]>>();
  for (const [frequency, list] of byFrequency) {
    let first = list[0]!.periodStart;
    let last = list[0]!.periodStart;
    for (const r of list) {
      if (r.periodStart < first) first = r.periodStart;
      if (r.periodStart > last) last = r.periodStart;
    }
    const sums = await getUnitPeriodSums(app.db, {
      kpiIds: [...new Set(list.map((r) => r.kpi.id))],
      orgUnitIds: [...new Set(list.map((r) => r.unit.id))],
      granularity: periodUnitOf(frequency),
      from: addPeriods(first, periodUnitOf(frequency), -HISTORY_PERIODS),
      to: last,
    });
    for (const s of sums) {
      const kpi = app.catalogue.byId.get(s.kpi_id);
      if (!kpi || kpi.measure.kind === 'composite') continue;
      const value = valueFromSums(kpi.measure, s.num, s.den);
      if (value === null) continue;
      const key = `${s.kpi_id}|${s.org_unit_id}`;
      const points = series.get(key) ?? [];
      points.push([s.period.getTime(), value]);
      series.set(key, points);
    }
  }
  return (row) => {
    const points = series.get(`${row.kpi.id}|${row.unit.id}`);
    if (!points) return [];
    const from = addPeriods(row.periodStart, periodUnitOf(row.kpi.frequency), -HISTORY_PERIODS).getTime();
    const to = row.periodStart.getTime();
    return points.flatMap(([t, v]) => (t >= from && t < to ? [v] : []));
  };
}

/** Every check, in the order a reader fixes them: the file's rows, then what the database holds. */
export async function checkReportFile(app: AppContext, principal: Principal, file: UploadedReportFile): Promise<CheckedFile> {
  requireSubmitter(app, principal);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  const read = await readReportFile(file.body, file.format);
  lap('read');
  const tree = app.orgUnits();
  const { prepared, problems } = validateReportRows(read.rows, {
    catalogue: app.catalogue,
    tree,
    maySubmit: (unit) => canSubmit(tree, principal, unit),
    now: appNow(),
    earliest: app.earliestMeasurement,
    numbers: read.numbers,
  });
  problems.push(...read.problems);
  lap('validate');

  const existing = new Map(
    (await findReportsByKeys(app.db, prepared.map((r) => ({ kpiId: r.kpi.id, orgUnitId: r.unit.id, periodStart: r.periodStart })))).map((r) => [
      keyOf(r.kpi_id, r.org_unit_id, r.period_start),
      r,
    ]),
  );
  lap('existing');
  const historyOf = await historyFor(app, prepared);
  lap('history');

  const checked: CheckedRow[] = [];
  for (const row of prepared) {
    const fail = (field: ReportFileColumn | 'row', code: string, message: LocalizedText) =>
      problems.push({ index: row.index, line: row.line, field, code, message });
    const current = existing.get(keyOf(row.kpi.id, row.unit.id, row.periodStart));
    const unitName = describeUnit(tree, row.unit);
    const step = reportTransition(current?.status ?? 'new', 'submit');
    const period = formatPeriod(periodUnitOf(row.kpi.frequency), row.periodStart);
    const subject = { vi: `«${row.kpi.name.vi}» của ${unitName.vi} kỳ ${period}`, en: `"${row.kpi.name.en}" for ${unitName.en}, period ${period}` };
    if (!step.ok) {
      fail('row', step.code, { vi: `${subject.vi}: ${step.message.vi}`, en: `${subject.en}: ${step.message.en}` });
      continue;
    }
    if (current && step.requires.includes('revision') && sameInputs(current.inputs, row.inputs) && (current.explanation ?? null) === row.explanation) {
      fail('row', 'not_revised', {
        vi: `${subject.vi}: báo cáo bị trả lại chưa được sửa; hãy sửa số liệu hoặc giải trình theo nhận xét rồi nộp lại`,
        en: `${subject.en}: the returned report has not been revised; change the figures or the explanation as the comment asks, then submit`,
      });
      continue;
    }
    const outlier = row.value !== null && outlierFlags(row.value, historyOf(row)).length > 0;
    if (outlier && (row.explanation?.length ?? 0) < MIN_EXPLANATION_LENGTH) {
      fail('explanation', 'explanation_required', {
        vi: `${row.kpi.name.vi}: giá trị bất thường so với các kỳ trước của ${unitName.vi}; hãy ghi rõ lý do ở cột explanation (ít nhất ${MIN_EXPLANATION_LENGTH} ký tự)`,
        en: `${row.kpi.name.en}: the value is unusual against the previous periods of ${unitName.en}; explain why in the explanation column (${MIN_EXPLANATION_LENGTH} characters at least)`,
      });
      continue;
    }
    checked.push({ ...row, outlier, existing: current });
  }
  lap('rules');
  // File order, and within a row the order the checks were made in.
  problems.sort((a, b) => a.index - b.index);
  return { rows: read.rows.length, fileRows: read.rows, checked, problems, timings };
}

/** What the live views need of the reports a file submitted. */
function statusSummary(rows: readonly PreparedReportRow[]) {
  let from = rows[0]!.periodStart;
  let to = rows[0]!.periodStart;
  for (const r of rows) {
    if (r.periodStart < from) from = r.periodStart;
    if (r.periodStart > to) to = r.periodStart;
  }
  return { kpiIds: [...new Set(rows.map((r) => r.kpi.id))], provinceIds: [...new Set(rows.map((r) => r.unit.provinceId!))], from, to };
}

function distinctCounts(rows: readonly PreparedReportRow[]) {
  return {
    kpis: new Set(rows.map((r) => r.kpi.id)).size,
    units: new Set(rows.map((r) => r.unit.id)).size,
    periods: new Set(rows.map((r) => `${r.kpi.frequency}|${r.periodStart.getTime()}`)).size,
  };
}

function previewOf(file: CheckedFile): ImportPreview {
  const badRows = new Set(file.problems.map((p) => p.index)).size;
  return {
    rows: file.rows,
    valid: file.rows - badRows,
    errors: file.problems.slice(0, MAX_LISTED_PROBLEMS),
    errorCount: file.problems.length,
    ...distinctCounts(file.checked),
    replacing: file.checked.filter((r) => r.existing).length,
  };
}

function logTimings(what: string, file: CheckedFile, extra: Record<string, number> = {}): void {
  const parts = Object.entries({ ...file.timings, ...extra }).map(([k, v]) => `${k} ${v} ms`);
  console.log(`[import] ${what} ${file.rows} row(s), ${file.problems.length} problem(s): ${parts.join(', ')}`);
}

/** Checks every row of the file against every rule and writes nothing. */
export async function previewReportFile(app: AppContext, principal: Principal, file: UploadedReportFile): Promise<ImportPreview> {
  const checked = await checkReportFile(app, principal, file);
  logTimings('preview', checked);
  return previewOf(checked);
}

/** Checks the file again and, when no row has a problem, lands all of it in one transaction. */
export async function commitReportFile(app: AppContext, principal: Principal, file: UploadedReportFile): Promise<ImportResult> {
  const checked = await checkReportFile(app, principal, file);
  if (checked.problems.length > 0) {
    logTimings('refused', checked);
    const preview = previewOf(checked);
    throw new AppError(
      'VALIDATION_FAILED',
      {
        vi: `Chưa ghi: ${preview.errorCount.toLocaleString('vi-VN')} lỗi ở ${(preview.rows - preview.valid).toLocaleString('vi-VN')} dòng; không dòng nào được ghi`,
        en: `Not written: ${preview.errorCount.toLocaleString('en-GB')} problem(s) in ${(preview.rows - preview.valid).toLocaleString('en-GB')} row(s); no row was written`,
      },
      { rowErrors: preview.errors },
    );
  }

  const rows = checked.checked;
  const t0 = performance.now();
  const actor = principal.name;
  const reason = file.fileName ? `Nhập từ tệp ${file.fileName.slice(0, 200)}` : 'Nhập từ tệp';
  const keys: ReportKey[] = rows.map((r) => ({ kpiId: r.kpi.id, orgUnitId: r.unit.id, periodStart: r.periodStart }));
  const at = appNow();
  const { written, inserted } = await app.db.transaction(async (tx) => {
    // Lock what exists, then make sure none was moved since the check to a status a submission cannot change (approved).
    const current = new Map((await findReportsByKeys(tx, keys, { forUpdate: true })).map((r) => [keyOf(r.kpi_id, r.org_unit_id, r.period_start), r]));
    const approvedMeanwhile = [...current.values()].filter((r) => !reportTransition(r.status, 'submit').ok).length;
    const saved = await upsertSubmittedReports(
      tx,
      rows.map((r, i) => ({ ...keys[i]!, inputs: r.inputs, explanation: r.explanation, outlier: r.outlier })),
      actor,
      at,
    );
    if (approvedMeanwhile > 0 || saved.length !== rows.length) {
      throw new AppError('CONFLICT', {
        vi: 'Trong lúc tải lên, một số báo cáo của tệp vừa được phê duyệt; không dòng nào được ghi. Hãy kiểm tra lại tệp.',
        en: 'While uploading, some of the file’s reports were approved; no row was written. Check the file again.',
      });
    }
    const idOf = new Map(saved.map((s) => [keyOf(s.kpi_id, s.org_unit_id, s.period_start), s.id]));
    await insertSubmitEvents(
      tx,
      rows.map((r, i) => {
        const key = keyOf(keys[i]!.kpiId, keys[i]!.orgUnitId, keys[i]!.periodStart);
        const before = current.get(key);
        return { reportId: idOf.get(key)!, fromStatus: before?.status ?? null, oldInputs: before?.inputs ?? null, newInputs: r.inputs };
      }),
      { reason, actor, at },
    );
    const measurements: ValidMeasurement[] = rows.map((r) => ({ kpiId: r.kpi.id, orgUnitId: r.unit.id, provinceId: r.unit.provinceId!, ts: r.periodStart, ...r.parts }));
    const batch = await writeBatch(app, tx, principal, measurements, { source: 'import' });
    if (!batch) throw new Error('an import batch has no idempotency key, so it cannot lose a race');
    await announceChange(app, tx, { kind: 'reportStatusChanged', status: 'submitted', reportCount: rows.length, ...statusSummary(rows) });
    return { written: batch, inserted: rows.length - current.size };
  });
  // the write, the roll-up refresh and the announcement after the commit
  logTimings('committed', checked, { write: Math.round(performance.now() - t0) });
  return {
    rows: rows.length,
    inserted,
    updated: rows.length - inserted,
    batchId: written.batchId,
    replacedMeasurements: written.replaced,
    ...distinctCounts(rows),
  };
}
