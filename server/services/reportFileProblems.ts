/**
 * Every problem of an uploaded report file, as a file to download: one line per problem with
 * the file line, the column, the reason in Vietnamese and English, and the row's cells as read.
 * A preview lists the first MAX_LISTED_PROBLEMS; a file with more is fixed from this list.
 * Checks exactly as the preview does (checkReportFile) and writes nothing.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import { REPORT_FILE_COLUMNS, type ReportFileCell } from '../../shared/domain/validateReportRows';
import { checkReportFile, type UploadedReportFile } from './bulkReports';
import type { ReportFileFormat } from './readReportFile';

export interface ProblemsFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The columns of the problems file: where and why, then the row as the file had it. */
export const PROBLEM_FILE_COLUMNS = ['line', 'field', 'code', 'problem_vi', 'problem_en', ...REPORT_FILE_COLUMNS] as const;

const CONTENT_TYPES: Record<ReportFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A cell as written back: a date cell as its calendar day, the rest as read. */
function written(cell: ReportFileCell | undefined): string | number | null {
  if (cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  return cell;
}

function baseName(fileName: string | null | undefined): string {
  const stem = (fileName ?? 'tep').replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80);
  return `${stem || 'tep'}-loi`;
}

export async function reportFileProblems(app: AppContext, principal: Principal, file: UploadedReportFile, format: ReportFileFormat): Promise<ProblemsFile> {
  const checked = await checkReportFile(app, principal, file);
  const rows = checked.problems.map((p) => {
    const cells = checked.fileRows[p.index]?.cells ?? {};
    return [p.line, p.field, p.code, p.message.vi, p.message.en, ...REPORT_FILE_COLUMNS.map((c) => written(cells[c]))];
  });
  const fileName = `${baseName(file.fileName)}.${format}`;
  if (format === 'csv') {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8; cells the uploader
    // wrote that start like a formula (=, +, -, @) are quoted so that opening the file runs nothing.
    const text = `\uFEFF${Papa.unparse({ fields: [...PROBLEM_FILE_COLUMNS], data: rows }, { escapeFormulae: true })}\r\n`;
    return { fileName, contentType: CONTENT_TYPES.csv, body: Buffer.from(text, 'utf8') };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liên Thông';
  const sheet = workbook.addWorksheet('Lỗi', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PROBLEM_FILE_COLUMNS.map((c) => ({ key: c, width: c.startsWith('problem') ? 60 : c === 'kpiId' ? 30 : 14, style: c === 'orgUnitCode' || c === 'period' ? { numFmt: '@' } : {} }));
  sheet.addRow([...PROBLEM_FILE_COLUMNS]).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return { fileName, contentType: CONTENT_TYPES.xlsx, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
