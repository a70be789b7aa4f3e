/**
 * Bulk upload of period reports, in both database modes: a preview that names every bad row and
 * writes nothing, a commit that lands every row (reports submitted, history events, measurements,
 * the bus told) or none, the lock on approved reports, outliers that need an explanation, XLSX
 * read like CSV, the HTTP routes with their authentication and the template, and a
 * 100,000-row file previewed and committed in one call each (timings printed).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAppContext, type AppContext } from '../../server/appContext';
import { createApiToken } from '../../server/auth/apiTokens';
import type { Principal } from '../../server/auth/principal';
import { createUser, CSRF_COOKIE, SESSION_COOKIE, signIn } from '../../server/auth/sessions';
import { listReportEvents, type ReportRow } from '../../server/db/queries/reports';
import { getPeriodSums } from '../../server/db/queries/rollups';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { EXAMPLE_ROW_MARKER, REPORT_FILE_COLUMNS, type ReportFileColumn } from '../../shared/domain/validateReportRows';
import type { RowProblem } from '../../shared/errors';
import { handleApiRequest } from '../../server/http/apiRoutes';
import { XLSX_CONTENT_TYPE } from '../../server/http/importsRoute';
import type { Change } from '../../server/realtime/bus';
import { commitReportFile, previewReportFile, type UploadedReportFile } from '../../server/services/bulkReports';
import type { ImportPreview, ImportResult } from '../../shared/domain/reportFileImport';
import { MAX_SHARED_STRINGS_BYTES } from '../../server/services/checkXlsxZip';
import { PROBLEM_FILE_COLUMNS, reportFileProblems } from '../../server/services/reportFileProblems';
import { approveReports } from '../../server/services/reports';
import { buildZip, minimalWorkbookParts } from '../helpers/buildZip';
import { databaseState } from '../helpers/databaseState';
import { appErrorOf } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

type Cells = Partial<Record<ReportFileColumn, string | number | Date>>;

/** A CSV file of rows, header first, as a spreadsheet would save it. */
function csv(rows: readonly Cells[]): UploadedReportFile {
  const escape = (v: string | number | Date | undefined) => {
    const text = v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [REPORT_FILE_COLUMNS.join(','), ...rows.map((r) => REPORT_FILE_COLUMNS.map((c) => escape(r[c])).join(','))];
  return { body: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'), format: 'csv', fileName: 'so-lieu.csv' };
}

/** The same rows as an XLSX workbook made with exceljs. */
async function xlsx(rows: readonly Cells[]): Promise<UploadedReportFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Số liệu');
  sheet.addRow([...REPORT_FILE_COLUMNS]);
  for (const r of rows) sheet.addRow(REPORT_FILE_COLUMNS.map((c) => r[c] ?? null));
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), format: 'xlsx', fileName: 'so-lieu.xlsx' };
}

const where = (problems: readonly RowProblem[]) => problems.map(({ index, line, field, code }) => ({ index, line, field, code }));

describe.each(await availableModes())('bulk report upload (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const thisMonth = periodStart('month', TEST_NOW);
  const monthsAgo = (n: number) => addPeriods(thisMonth, 'month', -n);
  const month = (n: number) => formatPeriod('month', monthsAgo(n));

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  const unit = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;
  /** the i-th commune of Hà Nội (01); each test uses its own communes */
  const commune = (i: number) => app.orgUnits().childrenOf(unit('01').id)[i]!;
  const hanoiStaff = (): Principal => ({ kind: 'user', name: 'user:canbo.hanoi', scopeUnitId: unit('01').id, role: 'province_staff' });
  const ratio = (i: number, period: string, numerator: number | string, denominator: number | string, kpiId = 'data_reused'): Cells => ({
    kpiId,
    orgUnitCode: commune(i).code,
    period,
    numerator,
    denominator,
  });
  const reportsOf = (orgUnitId: number) =>
    app.db.query<ReportRow>('SELECT id, kpi_id, org_unit_id, period_start, status, inputs, explanation, outlier, version, submitted_by FROM report WHERE org_unit_id = $1 ORDER BY period_start, kpi_id', [orgUnitId]);
  const measurementsOf = (orgUnitId: number) =>
    app.db.query<{ kpi_id: string; ts: Date; num: number; den: number; source: string }>(
      `SELECT m.kpi_id, m.ts, m.num, m.den, b.source FROM measurement m JOIN ingest_batch b ON b.id = m.batch_id
       WHERE m.org_unit_id = $1 ORDER BY m.ts, m.kpi_id`,
      [orgUnitId],
    );

  describe('a file with bad rows', () => {
    /** ten rows for communes 0–2; rows 2, 5, 7 and 9 are bad */
    const rows = (): Cells[] => [
      ratio(0, month(2), 30, 40),
      ratio(0, month(2), 10, 20, 'dossiers_digitised'),
      ratio(0, month(2), 10, 20, 'no_such_kpi'),
      ratio(1, month(2), 30, 40),
      ratio(1, month(3), 30, 40),
      ratio(1, month(3), 41, 40, 'dossiers_digitised'),
      ratio(2, month(2), 30, 40),
      { ...ratio(2, month(2), 31, 40), orgUnitCode: commune(2).code },
      { kpiId: 'office_trips_per_procedure', orgUnitCode: commune(2).code, period: month(2), value: '1.5', weight: 20 },
      { ...ratio(0, month(2), 1, 2, 'fees_paid_online'), orgUnitCode: app.orgUnits().childrenOf(unit('79').id)[0]!.code },
    ];

    it('preview lists exactly the bad rows, with their file lines, and writes nothing', async () => {
      const before = await databaseState(app.db);
      const preview = await previewReportFile(app, hanoiStaff(), csv(rows()));
      expect(where(preview.errors)).toEqual([
        { index: 2, line: 4, field: 'kpiId', code: 'unknown_kpi' },
        { index: 5, line: 7, field: 'numerator', code: 'numerator_exceeds_denominator' },
        { index: 7, line: 9, field: 'period', code: 'duplicate' },
        { index: 9, line: 11, field: 'orgUnitCode', code: 'out_of_scope' },
      ]);
      expect(preview).toMatchObject({ rows: 10, valid: 6, errorCount: 4, kpis: 3, units: 3, periods: 2, replacing: 0 });
      for (const e of preview.errors) {
        expect(e.message.vi.length).toBeGreaterThan(0);
        expect(e.message.en.length).toBeGreaterThan(0);
      }
      expect(await databaseState(app.db)).toEqual(before);
    });

    it('commit refuses the whole file, names the same rows, and writes nothing', async () => {
      const before = await databaseState(app.db);
      const err = await appErrorOf(commitReportFile(app, hanoiStaff(), csv(rows())));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.userMessage.vi).toMatch(/không dòng nào được ghi/);
      expect(where(err.rowErrors!).map((e) => e.index)).toEqual([2, 5, 7, 9]);
      expect(await databaseState(app.db)).toEqual(before);
    });

    it('the fixed file lands every row: reports submitted, one history event each, measurements, the bus told', async () => {
      const fixed = rows();
      fixed[2] = ratio(0, month(2), 10, 20, 'fees_paid_online');
      fixed[5] = ratio(1, month(3), 39, 40, 'dossiers_digitised');
      fixed[7] = ratio(2, month(3), 31, 40);
      fixed.splice(9, 1);
      const before = await databaseState(app.db);
      const heard: Change[] = [];
      const listener = (e: Change) => heard.push(e);
      app.bus.on('changed', listener);
      let result: ImportResult;
      try {
        expect(await previewReportFile(app, hanoiStaff(), csv(fixed))).toMatchObject({ rows: 9, valid: 9, errorCount: 0, errors: [] });
        result = await commitReportFile(app, hanoiStaff(), csv(fixed));
      } finally {
        app.bus.off('changed', listener);
      }
      expect(result).toMatchObject({ rows: 9, inserted: 9, updated: 0, replacedMeasurements: 0, kpis: 4, units: 3, periods: 2 });
      const after = await databaseState(app.db);
      expect(after.reports - before.reports).toBe(9);
      expect(after.reportEvents - before.reportEvents).toBe(9);
      expect(after.measurements - before.measurements).toBe(9);
      expect(after.ingestBatches - before.ingestBatches).toBe(1);

      const reports = await reportsOf(commune(1).id);
      expect(reports.map((r) => [r.kpi_id, r.period_start, r.status, r.version, r.inputs, r.submitted_by])).toEqual([
        ['data_reused', monthsAgo(3), 'submitted', 1, { numerator: 30, denominator: 40 }, 'user:canbo.hanoi'],
        ['dossiers_digitised', monthsAgo(3), 'submitted', 1, { numerator: 39, denominator: 40 }, 'user:canbo.hanoi'],
        ['data_reused', monthsAgo(2), 'submitted', 1, { numerator: 30, denominator: 40 }, 'user:canbo.hanoi'],
      ]);
      const events = await listReportEvents(app.db, reports[0]!.id);
      expect(events).toEqual([
        expect.objectContaining({ action: 'submit', from_status: null, to_status: 'submitted', old_inputs: null, new_inputs: reports[0]!.inputs, actor: 'user:canbo.hanoi', reason: 'Nhập từ tệp so-lieu.csv' }),
      ]);
      const trips = (await measurementsOf(commune(2).id)).find((m) => m.kpi_id === 'office_trips_per_procedure');
      expect(trips).toEqual({ kpi_id: 'office_trips_per_procedure', ts: monthsAgo(2), num: 30, den: 20, source: 'import' });

      // one announcement per kind of change: the batch, and the reports' new status
      expect(heard.map((e) => e.kind)).toEqual(['measurementsLanded', 'reportStatusChanged']);
      expect(heard[0]).toMatchObject({ kind: 'measurementsLanded', batchId: result.batchId, rowCount: 9, provinceIds: [unit('01').id], from: monthsAgo(3), to: monthsAgo(2), origin: 'local' });
      expect(heard[1]).toMatchObject({ kind: 'reportStatusChanged', status: 'submitted', reportCount: 9, provinceIds: [unit('01').id], from: monthsAgo(3), to: monthsAgo(2), origin: 'local' });
      // the roll-ups show the values at once
      const sums = await getPeriodSums(app.db, { kpiIds: ['data_reused'], granularity: 'month', scope: { level: 'commune', orgUnitId: commune(1).id }, from: monthsAgo(3), to: thisMonth });
      expect(sums.map((r) => [r.period, r.num, r.den])).toEqual([
        [monthsAgo(3), 30, 40],
        [monthsAgo(2), 30, 40],
      ]);
    });
  });

  describe('re-importing over existing reports', () => {
    it('replaces drafts and submissions (version + 1, the old inputs kept in the history)', async () => {
      const first = await commitReportFile(app, hanoiStaff(), csv([ratio(3, month(2), 10, 40), ratio(3, month(3), 11, 40)]));
      expect(first).toMatchObject({ inserted: 2, updated: 0 });
      const preview = await previewReportFile(app, hanoiStaff(), csv([ratio(3, month(2), 20, 40), ratio(3, month(4), 12, 40)]));
      expect(preview).toMatchObject({ valid: 2, replacing: 1 });
      const second = await commitReportFile(app, hanoiStaff(), csv([ratio(3, month(2), 20, 40), ratio(3, month(4), 12, 40)]));
      expect(second).toMatchObject({ rows: 2, inserted: 1, updated: 1, replacedMeasurements: 1 });
      const replaced = (await reportsOf(commune(3).id)).find((r) => r.period_start.getTime() === monthsAgo(2).getTime())!;
      expect(replaced).toMatchObject({ status: 'submitted', version: 2, inputs: { numerator: 20, denominator: 40 } });
      expect((await listReportEvents(app.db, replaced.id)).map((e) => [e.action, e.from_status, e.to_status, e.old_inputs, e.new_inputs])).toEqual([
        ['submit', null, 'submitted', null, { numerator: 10, denominator: 40 }],
        ['submit', 'submitted', 'submitted', { numerator: 10, denominator: 40 }, { numerator: 20, denominator: 40 }],
      ]);
    });

    it('refuses a file that touches an approved report ("đã phê duyệt và khoá"), writing nothing', async () => {
      await commitReportFile(app, hanoiStaff(), csv([ratio(4, month(2), 10, 40)]));
      const [report] = await reportsOf(commune(4).id);
      // approved by another officer: nobody approves what they submitted (four eyes)
      await approveReports(app, { ...hanoiStaff(), name: 'user:duyet.hanoi' }, [{ reportId: report!.id, expectedVersion: report!.version }]);

      const file = csv([ratio(4, month(3), 10, 40), ratio(4, month(2), 12, 40)]);
      const before = await databaseState(app.db);
      const preview = await previewReportFile(app, hanoiStaff(), file);
      expect(where(preview.errors)).toEqual([{ index: 1, line: 3, field: 'row', code: 'locked' }]);
      expect(preview.errors[0]!.message.vi).toMatch(/đã phê duyệt và khoá/);
      const err = await appErrorOf(commitReportFile(app, hanoiStaff(), file));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(await databaseState(app.db)).toEqual(before);
      expect(await reportsOf(commune(4).id)).toEqual([expect.objectContaining({ status: 'approved', inputs: { numerator: 10, denominator: 40 } })]);
    });
  });

  describe('outliers against the unit’s previous periods', () => {
    /** eight steady months, 10 … 3 months ago: median 50 %, MAD 1 point */
    const STEADY = [50, 51, 49, 50, 52, 48, 50, 51];

    it('needs an explanation for an unusual value, and records the outlier with it', async () => {
      await commitReportFile(app, hanoiStaff(), csv(STEADY.map((p, k) => ratio(5, month(10 - k), p, 100))));
      const wild = ratio(5, month(2), 95, 100);
      const preview = await previewReportFile(app, hanoiStaff(), csv([ratio(6, month(2), 95, 100), wild, { ...wild, explanation: 'ok', period: month(1) }]));
      // commune 6 has no history: nothing to compare with
      expect(where(preview.errors)).toEqual([
        { index: 1, line: 3, field: 'explanation', code: 'explanation_required' },
        { index: 2, line: 4, field: 'explanation', code: 'explanation_required' },
      ]);
      const explanation = 'Xã triển khai kết nối CSDL dân cư từ đầu tháng';
      await commitReportFile(app, hanoiStaff(), csv([{ ...wild, explanation }, ratio(5, month(1), 51, 100)]));
      const reports = await reportsOf(commune(5).id);
      expect(reports.find((r) => r.period_start.getTime() === monthsAgo(2).getTime())).toMatchObject({ outlier: true, explanation });
      expect(reports.find((r) => r.period_start.getTime() === monthsAgo(1).getTime())).toMatchObject({ outlier: false, explanation: null });
    });
  });

  it('reads an XLSX made with exceljs like the same rows in CSV: numbers, date cells, codes typed as numbers', async () => {
    const twoDaysAgo = formatPeriod('day', addPeriods(periodStart('day', TEST_NOW), 'day', -2));
    const rows: Cells[] = [
      ratio(7, month(2), 30, 40),
      { ...ratio(7, month(3), 31, 40), period: new Date(`${month(3)}-01T00:00:00Z`) },
      { kpiId: 'citizen_satisfaction', orgUnitCode: 1, period: new Date(`${twoDaysAgo}T00:00:00Z`), value: 88.5, weight: 30 },
      ratio(7, month(2), 50, 40, 'dossiers_digitised'),
    ];
    const sameAsText: Cells[] = [rows[0]!, ratio(7, month(3), 31, 40), { ...rows[2], orgUnitCode: '1', period: twoDaysAgo }, rows[3]!];
    const preview = await previewReportFile(app, hanoiStaff(), await xlsx(rows));
    expect(preview).toMatchObject({ rows: 4, valid: 3, errorCount: 1, kpis: 2, units: 2 });
    expect(where(preview.errors)).toEqual([{ index: 3, line: 5, field: 'numerator', code: 'numerator_exceeds_denominator' }]);
    expect(await previewReportFile(app, hanoiStaff(), csv(sameAsText))).toEqual(preview);

    rows[3] = ratio(7, month(2), 39, 40, 'dossiers_digitised');
    const result = await commitReportFile(app, hanoiStaff(), await xlsx(rows));
    expect(result).toMatchObject({ rows: 4, inserted: 4 });
    expect((await measurementsOf(commune(7).id)).map((m) => [m.kpi_id, m.ts, m.num, m.den])).toEqual([
      ['data_reused', monthsAgo(3), 31, 40],
      ['data_reused', monthsAgo(2), 30, 40],
      ['dossiers_digitised', monthsAgo(2), 39, 40],
    ]);
    expect((await reportsOf(unit('01').id)).map((r) => [r.kpi_id, r.inputs])).toEqual([['citizen_satisfaction', { value: 88.5, weight: 30 }]]);
  });

  describe('the spreadsheets staff really have', () => {
    it('reads "1.000" / "2.000" as thousands in CSV and in XLSX text cells, as /submit does, and commits them', async () => {
      const rows: Cells[] = [ratio(40, month(2), '1.000', '2.000'), ratio(41, month(2), '1.026', '2.000')];
      expect(await previewReportFile(app, hanoiStaff(), csv(rows))).toMatchObject({ rows: 2, valid: 2, errorCount: 0 });
      const fromXlsx = await previewReportFile(app, hanoiStaff(), await xlsx(rows));
      expect(fromXlsx).toMatchObject({ rows: 2, valid: 2, errorCount: 0 });
      await commitReportFile(app, hanoiStaff(), await xlsx(rows));
      expect((await measurementsOf(commune(40).id)).map((m) => [m.num, m.den])).toEqual([[1000, 2000]]);
      expect((await reportsOf(commune(41).id)).map((r) => r.inputs)).toEqual([{ numerator: 1026, denominator: 2000 }]);
    });

    it('reads a semicolon-separated CSV with decimal commas ("1,57", "602,0")', async () => {
      const text = `kpiId;orgUnitCode;period;value;weight\r\noffice_trips_per_procedure;${commune(42).code};${month(2)};1,57;602,0\r\noffice_trips_per_procedure;${commune(42).code};${month(3)};2,125;1.200\r\n`;
      const file: UploadedReportFile = { body: Buffer.from(text, 'utf8'), format: 'csv', fileName: 'so-lieu.csv' };
      expect(await previewReportFile(app, hanoiStaff(), file)).toMatchObject({ rows: 2, valid: 2, errorCount: 0 });
      await commitReportFile(app, hanoiStaff(), file);
      expect((await reportsOf(commune(42).id)).map((r) => r.inputs)).toEqual([
        { value: 2.125, weight: 1200 },
        { value: 1.57, weight: 602 },
      ]);
    });

    it('refuses "1,234" in a comma CSV, saying why and what to write, and writes nothing', async () => {
      const before = await databaseState(app.db);
      const err = await appErrorOf(commitReportFile(app, hanoiStaff(), csv([ratio(43, month(2), '1,234', '2000')])));
      const [problem] = err.rowErrors!;
      expect(problem).toMatchObject({ field: 'numerator', code: 'ambiguous_number' });
      expect(problem!.message.vi).toMatch(/«1,234» không rõ nghĩa.*hãy viết 1234 hoặc 1\.234/);
      expect(await databaseState(app.db)).toEqual(before);
    });

    it('takes an XLSX with a merged title row and a two-row header, units by name and periods as 01/11/2026 or 11/2026', async () => {
      const [y, m] = month(2).split('-');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Báo cáo');
      sheet.addRow([`BÁO CÁO THÁNG ${m}/${y} — HÀ NỘI`]);
      sheet.mergeCells('A1:F1');
      sheet.addRow(['kpiId', 'orgUnitCode', 'period', 'Số liệu', null, 'explanation']);
      sheet.addRow([null, null, null, 'numerator', 'denominator', null]);
      sheet.mergeCells('D2:E2');
      sheet.addRow(['data_reused', commune(44).name, `01/${m}/${y}`, '1.000', 2000, null]);
      sheet.addRow(['data_reused', commune(45).code, `${m}/${y}`, 10, 20, null]);
      const file: UploadedReportFile = { body: Buffer.from(await workbook.xlsx.writeBuffer()), format: 'xlsx', fileName: 'bao-cao.xlsx' };
      expect(await previewReportFile(app, hanoiStaff(), file)).toMatchObject({ rows: 2, valid: 2, errorCount: 0 });
      await commitReportFile(app, hanoiStaff(), file);
      expect((await measurementsOf(commune(44).id)).map((r) => [r.ts, r.num, r.den])).toEqual([[monthsAgo(2), 1000, 2000]]);
      expect((await measurementsOf(commune(45).id)).map((r) => [r.ts, r.num, r.den])).toEqual([[monthsAgo(2), 10, 20]]);
    });

    it('suggests the code of a near unit name and names units with code and province', async () => {
      const near = commune(46).name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
      const preview = await previewReportFile(app, hanoiStaff(), csv([{ ...ratio(46, month(2), 1, 2), orgUnitCode: near }]));
      expect(preview.errors[0]).toMatchObject({ field: 'orgUnitCode', code: 'unknown_org_unit' });
      expect(preview.errors[0]!.message.vi).toContain(`có phải: ${commune(46).name} (mã ${commune(46).code}, Hà Nội)`);
    });

    it('gives every problem of a file with more than 1,000 as a CSV and an XLSX of the rows with their reasons', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => ratio(47, month(2), 5, 4 + (i === 0 ? 10 : 0), i === 0 ? 'data_reused' : `no_such_kpi_${i}`));
      const before = await databaseState(app.db);
      const preview = await previewReportFile(app, hanoiStaff(), csv(rows));
      expect(preview.errors).toHaveLength(1000);
      expect(preview.errorCount).toBe(1199);

      const asCsv = await reportFileProblems(app, hanoiStaff(), csv(rows), 'csv');
      expect(asCsv.contentType).toMatch(/^text\/csv/);
      const lines = asCsv.body.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
      expect(lines[0]).toBe(PROBLEM_FILE_COLUMNS.join(','));
      expect(lines).toHaveLength(1 + 1199);
      expect(lines[1]).toBe(`3,kpiId,unknown_kpi,Không có chỉ số «no_such_kpi_1»,"Unknown KPI ""no_such_kpi_1""",no_such_kpi_1,${commune(47).code},${month(2)},5,4,,,`);

      const asXlsx = await reportFileProblems(app, hanoiStaff(), await xlsx(rows), 'xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(asXlsx.body).buffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(1 + 1199);
      expect((sheet.getRow(1200).values as unknown[]).slice(1, 6)).toEqual([1201, 'kpiId', 'unknown_kpi', 'Không có chỉ số «no_such_kpi_1199»', 'Unknown KPI "no_such_kpi_1199"']);
      expect(await databaseState(app.db)).toEqual(before);
    });
  });

  describe('hostile files', () => {
    /** Runs `read` with the temp directory swapped for an empty one; gives what was left in it. */
    async function tempFilesLeftBy(read: () => Promise<unknown>): Promise<string[]> {
      const dir = mkdtempSync(join(tmpdir(), 'bulk-test-'));
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = dir;
      try {
        await read();
        return readdirSync(dir);
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('refuses an XLSX zip bomb in the shared strings with a clear error, writes nothing and leaves no temp file', async () => {
      const sst = Buffer.concat([Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'), Buffer.alloc(MAX_SHARED_STRINGS_BYTES + 1, 'a'), Buffer.from('</t></si></sst>')]);
      const bomb: UploadedReportFile = { body: buildZip(minimalWorkbookParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', sst)), format: 'xlsx' };
      const before = await databaseState(app.db);
      let code = '';
      let message = '';
      const left = await tempFilesLeftBy(async () => {
        const err = await appErrorOf(commitReportFile(app, hanoiStaff(), bomb));
        code = err.code;
        message = err.userMessage.vi;
      });
      expect(code).toBe('PAYLOAD_TOO_LARGE');
      expect(message).toMatch(/^Tệp XLSX quá lớn khi giải nén/);
      expect(left).toEqual([]);
      expect(await databaseState(app.db)).toEqual(before);
    });

    it('leaves no temp file after a workbook whose sheets come before its shared strings, read or refused', async () => {
      const rows: Cells[] = [ratio(48, month(2), 1, 2)];
      const badHeader = new ExcelJS.Workbook();
      badHeader.addWorksheet('Số liệu').addRow(['kpiId', 'nonsense']);
      const refused: UploadedReportFile = { body: Buffer.from(await badHeader.xlsx.writeBuffer()), format: 'xlsx' };
      const left = await tempFilesLeftBy(async () => {
        expect(await previewReportFile(app, hanoiStaff(), await xlsx(rows))).toMatchObject({ rows: 1, errorCount: 0 });
        expect((await appErrorOf(previewReportFile(app, hanoiStaff(), refused))).userMessage.en).toMatch(/unknown: nonsense/);
      });
      expect(left).toEqual([]);
    });
  });

  it('refuses a file whose header is not the template’s, and one that is not a workbook', async () => {
    const badHeader = { body: Buffer.from('kpi,unit,period\nx,y,z\n'), format: 'csv' as const };
    expect((await appErrorOf(previewReportFile(app, hanoiStaff(), badHeader))).userMessage.en).toMatch(/missing: kpiId, orgUnitCode; unknown: kpi, unit/);
    const notXlsx = { body: Buffer.from('this is not a zip'), format: 'xlsx' as const };
    expect((await appErrorOf(previewReportFile(app, hanoiStaff(), notXlsx))).code).toBe('BAD_REQUEST');
  });

  it('refuses a leader: only staff submit', async () => {
    const leader: Principal = { kind: 'user', name: 'user:lanhdao', scopeUnitId: unit('01').id, role: 'leader' };
    expect((await appErrorOf(previewReportFile(app, leader, csv([ratio(8, month(2), 1, 2)])))).code).toBe('FORBIDDEN');
  });

  describe('over HTTP', () => {
    let server: http.Server;
    let base: string;
    let cookie: string;
    let csrfToken: string;
    let token: string;

    beforeAll(async () => {
      setAppContext(app);
      server = http.createServer((req, res) => {
        if (!handleApiRequest(app, req, res)) res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const password = 'mat-khau-can-bo-tinh';
      await createUser(app, { username: `canbo.hanoi.${mode}`, displayName: 'Cán bộ Hà Nội', password, role: 'province_staff', scopeUnitId: unit('01').id });
      const signedIn = await signIn(app, { username: `canbo.hanoi.${mode}`, password, clientKey: `bulk-${mode}` });
      cookie = `${SESSION_COOKIE}=${signedIn.sessionToken}; ${CSRF_COOKIE}=${signedIn.csrfToken}`;
      csrfToken = signedIn.csrfToken;
      token = (await createApiToken(app.db, `bulk-hanoi-${mode}`, unit('01').id)).token;
    });
    afterAll(async () => {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const post = (path: string, file: UploadedReportFile, headers: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': file.format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE, 'x-file-name': encodeURIComponent('Số liệu tháng.csv'), ...headers },
        body: new Uint8Array(file.body),
      });

    it('serves the XLSX template: header, example row, and the guide with the KPIs and the user’s communes', async () => {
      const res = await fetch(`${base}/api/v1/templates?frequency=monthly&level=commune&format=xlsx`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Hướng dẫn']);
      const data = workbook.worksheets[0]!;
      expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([...REPORT_FILE_COLUMNS]);
      expect(data.getRow(2).getCell(1).value).toBe('data_reused');
      expect(data.getRow(2).getCell(2).value).toBe(commune(0).code);
      const guide: string[] = [];
      workbook.worksheets[1]!.eachRow((row) => guide.push(row.getCell(1).text));
      for (const id of ['data_reused', 'dossiers_digitised', 'fees_paid_online', 'office_trips_per_procedure']) expect(guide).toContain(id);
      const numbersRule = guide.find((line) => line.startsWith('Số viết theo kiểu Việt Nam'));
      expect(numbersRule).toMatch(/1\.234,5 hoặc 1 234,5.*1\.026 là một nghìn không trăm hai mươi sáu.*«1,234» không rõ nghĩa/);
      expect(guide).toContain(commune(0).code);
      expect(guide).not.toContain(app.orgUnits().childrenOf(unit('79').id)[0]!.code);

      // uploaded as it is, the template's example row is refused
      const template = await fetch(`${base}/api/v1/templates?frequency=monthly&level=commune&format=xlsx`, { headers: { cookie } });
      const asIs = await post('/api/v1/imports/preview', { body: Buffer.from(await template.arrayBuffer()), format: 'xlsx' }, { cookie, 'x-csrf-token': csrfToken });
      expect(where(((await asIs.json()) as ImportPreview).errors)).toEqual([{ index: 0, line: 2, field: 'row', code: 'example_row' }]);
    });

    it('serves the CSV template; refuses anonymous callers and unknown sets', async () => {
      const res = await fetch(`${base}/api/v1/templates?frequency=quarterly&level=province&format=csv`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text.split('\r\n')[0]).toBe(`${REPORT_FILE_COLUMNS.join(',')}`);
      expect(text).toContain(EXAMPLE_ROW_MARKER);
      expect((await fetch(`${base}/api/v1/templates?frequency=monthly&level=commune`)).status).toBe(401);
      expect((await fetch(`${base}/api/v1/templates?frequency=quarterly&level=commune`, { headers: { cookie } })).status).toBe(404);
      expect((await fetch(`${base}/api/v1/templates?frequency=weekly&level=commune`, { headers: { cookie } })).status).toBe(400);
      expect((await fetch(`${base}/api/v1/imports/preview`)).status).toBe(405);
    });

    it('previews and commits with the session cookie and the CSRF header; refuses without the header', async () => {
      const file = csv([ratio(9, month(2), 5, 10)]);
      const before = await databaseState(app.db);
      const noCsrf = await post('/api/v1/imports/commit', file, { cookie });
      expect(noCsrf.status).toBe(403);
      expect(await databaseState(app.db)).toEqual(before);

      const preview = await post('/api/v1/imports/preview', file, { cookie, 'x-csrf-token': csrfToken });
      expect(preview.status).toBe(200);
      expect(await preview.json()).toMatchObject({ rows: 1, valid: 1, errorCount: 0 });
      const commit = await post('/api/v1/imports/commit', file, { cookie, 'x-csrf-token': csrfToken });
      expect(commit.status).toBe(201);
      expect(await commit.json()).toMatchObject({ rows: 1, inserted: 1 });
      const [report] = await reportsOf(commune(9).id);
      expect(report).toMatchObject({ status: 'submitted', submitted_by: `user:canbo.hanoi.${mode}` });
      expect((await listReportEvents(app.db, report!.id))[0]!.reason).toBe('Nhập từ tệp Số liệu tháng.csv');
    });

    it('answers POST /api/v1/imports/problems with every problem as a file, needing the CSRF header, writing nothing', async () => {
      const file = csv([ratio(49, month(2), 50, 10), ratio(49, month(3), '1,234', 10), ratio(49, month(4), '=HYPERLINK("x")', 10)]);
      const before = await databaseState(app.db);
      expect((await post('/api/v1/imports/problems?format=csv', file, { cookie })).status).toBe(403);
      const res = await post('/api/v1/imports/problems?format=csv', file, { cookie, 'x-csrf-token': csrfToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="loi-nhap.csv"; filename*=UTF-8''${encodeURIComponent('Số-liệu-tháng-loi.csv')}`);
      const text = (await res.text()).replace(/^\uFEFF/, '');
      const lines = text.trim().split('\r\n');
      expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['line,field,code', '2,numerator,numerator_exceeds_denominator', '3,numerator,ambiguous_number', '4,numerator,not_a_number']);
      // the uploader's cell comes back quoted as text, so opening the file runs no formula
      expect(text).toContain(`'=HYPERLINK`);
      expect(text).not.toMatch(/,=HYPERLINK/);
      const xlsxRes = await post('/api/v1/imports/problems?format=xlsx', file, { cookie, 'x-csrf-token': csrfToken });
      expect(xlsxRes.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
      expect((await post('/api/v1/imports/problems?format=pdf', file, { cookie, 'x-csrf-token': csrfToken })).status).toBe(400);
      expect(await databaseState(app.db)).toEqual(before);
    });

    it('takes an API token; answers 422 with the rows when a commit has problems', async () => {
      const bad = await post('/api/v1/imports/commit', csv([ratio(10, month(2), 50, 10)]), { authorization: `Bearer ${token}` });
      expect(bad.status).toBe(422);
      const body = (await bad.json()) as { error: { code: string; rows: RowProblem[] } };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(where(body.error.rows)).toEqual([{ index: 0, line: 2, field: 'numerator', code: 'numerator_exceeds_denominator' }]);
      const ok = await post('/api/v1/imports/commit', await xlsx([ratio(10, month(2), 5, 10)]), { authorization: `Bearer ${token}` });
      expect(ok.status).toBe(201);
      expect((await reportsOf(commune(10).id))[0]).toMatchObject({ submitted_by: `token:bulk-hanoi-${mode}` });
      expect((await post('/api/v1/imports/preview', csv([]), { authorization: 'Bearer lt_nope' })).status).toBe(401);
    });
  });
});

describe.each(await availableModes())('bulk report upload of 100,000 rows (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  it('previews and commits a 100,000-row CSV in one call each', async () => {
    const tree = app.orgUnits();
    const admin: Principal = { kind: 'user', name: 'user:quantri', scopeUnitId: tree.nation.id, role: 'admin' };
    const kpis = app.catalogue.measured.filter((k) => k.submittedAt === 'commune' && k.frequency === 'monthly');
    const communes = tree.provinces().flatMap((p) => tree.childrenOf(p.id)).filter((c) => c.active);
    const thisMonth = periodStart('month', TEST_NOW);
    const lines = [REPORT_FILE_COLUMNS.join(',')];
    outer: for (let m = 1; m <= 12; m++) {
      const period = formatPeriod('month', addPeriods(thisMonth, 'month', -m));
      for (const kpi of kpis) {
        for (const [i, c] of communes.entries()) {
          if (lines.length > 100_000) break outer;
          const cells: Cells =
            kpi.measure.kind === 'ratio' ? { numerator: 40 + (i % 50), denominator: 100 } : { value: 1 + (i % 3), weight: 10 };
          lines.push(REPORT_FILE_COLUMNS.map((col) => ({ kpiId: kpi.id, orgUnitCode: c.code, period, ...cells })[col] ?? '').join(','));
        }
      }
    }
    const file: UploadedReportFile = { body: Buffer.from(lines.join('\n')), format: 'csv', fileName: 'lon.csv' };
    const before = await databaseState(app.db);

    let t = performance.now();
    const preview = await previewReportFile(app, admin, file);
    const previewMs = performance.now() - t;
    expect(preview).toMatchObject({ rows: 100_000, valid: 100_000, errorCount: 0, kpis: kpis.length, units: communes.length });
    expect(await databaseState(app.db)).toEqual(before);

    t = performance.now();
    const result = await commitReportFile(app, admin, file);
    const commitMs = performance.now() - t;
    expect(result).toMatchObject({ rows: 100_000, inserted: 100_000, updated: 0 });
    const after = await databaseState(app.db);
    expect(after.reports - before.reports).toBe(100_000);
    expect(after.reportEvents - before.reportEvents).toBe(100_000);
    expect(after.measurements - before.measurements).toBe(100_000);
    console.log(
      `[bulk ${mode}] 100,000 rows (${(file.body.length / 1e6).toFixed(1)} MB CSV): preview ${(previewMs / 1000).toFixed(1)} s, commit ${(commitMs / 1000).toFixed(1)} s`,
    );
    // a harness limit, not a speed claim (the timings are printed above): on these 2-core machines the embedded
    // preview and commit of 100,000 rows took 124–134 s together in December's CI runs, past the suite's 120 s default
  }, 300_000);
});
