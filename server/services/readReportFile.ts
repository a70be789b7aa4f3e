/**
 * Reads an uploaded report file into rows of cells keyed by column, with the file line of each.
 * CSV (UTF-8, comma, semicolon or tab separated) goes through papaparse; XLSX through exceljs's
 * streaming reader, which reads 100,000 rows in about 1.5 s without building the workbook in
 * memory. Problems with the file as a whole (no header, unknown columns, not a spreadsheet)
 * refuse it; problems with a row are returned with the row.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { REPORT_FILE_COLUMNS, type FileRowProblem, type ReportFileCell, type ReportFileColumn, type ReportFileRow } from '../domain/validateReportRows';
import { AppError } from '../errors';

export type ReportFileFormat = 'csv' | 'xlsx';

/** More rows than this are refused before validation (a 64 MB body holds about 600,000). */
export const MAX_IMPORT_ROWS = 200_000;

export interface ReadReportFile {
  rows: ReportFileRow[];
  /** rows the reader could not take apart (cells beyond the header) */
  problems: FileRowProblem[];
}

export async function readReportFile(body: Buffer, format: ReportFileFormat): Promise<ReadReportFile> {
  const read = format === 'csv' ? readCsv(body) : await readXlsx(body);
  if (read.rows.length === 0) {
    throw new AppError('BAD_REQUEST', { vi: 'Tệp không có dòng số liệu nào dưới dòng tiêu đề', en: 'The file has no data row below its header' });
  }
  return read;
}

const tooManyRows = (n: number) =>
  new AppError('PAYLOAD_TOO_LARGE', {
    vi: `Một tệp tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng; tệp này có hơn ${n.toLocaleString('vi-VN')} dòng. Hãy chia thành nhiều tệp.`,
    en: `A file takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows; this one has more than ${n.toLocaleString('en-GB')}. Split it into several files.`,
  });

/**
 * Maps header cells to columns (case and surrounding spaces ignored). Refuses a header without
 * the key columns, with an unknown column or with a column twice.
 */
function columnsOf(header: readonly string[]): Array<ReportFileColumn | null> {
  const byLower = new Map(REPORT_FILE_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const unknown: string[] = [];
  const twice: string[] = [];
  const seen = new Set<ReportFileColumn>();
  const columns = header.map((h) => {
    const name = h.trim();
    if (name === '') return null;
    const column = byLower.get(name.toLowerCase());
    if (!column) unknown.push(name);
    else if (seen.has(column)) twice.push(name);
    else seen.add(column);
    return column ?? null;
  });
  const missing = (['kpiId', 'orgUnitCode', 'period'] as const).filter((c) => !seen.has(c));
  if (unknown.length + twice.length + missing.length > 0) {
    const list = (xs: string[]) => xs.join(', ');
    throw new AppError('BAD_REQUEST', {
      vi: `Dòng tiêu đề phải gồm các cột ${list([...REPORT_FILE_COLUMNS])}${missing.length ? `; thiếu: ${list(missing)}` : ''}${unknown.length ? `; cột không hợp lệ: ${list(unknown)}` : ''}${twice.length ? `; cột lặp lại: ${list(twice)}` : ''}`,
      en: `The header must name the columns ${list([...REPORT_FILE_COLUMNS])}${missing.length ? `; missing: ${list(missing)}` : ''}${unknown.length ? `; unknown: ${list(unknown)}` : ''}${twice.length ? `; repeated: ${list(twice)}` : ''}`,
    });
  }
  return columns;
}

/** Collects data rows under a header: empty rows are skipped, cells beyond the header reported. */
class RowCollector {
  readonly rows: ReportFileRow[] = [];
  readonly problems: FileRowProblem[] = [];
  private columns: Array<ReportFileColumn | null> | null = null;

  get hasHeader(): boolean {
    return this.columns !== null;
  }

  add(line: number, values: ReadonlyArray<ReportFileCell | null | undefined>): void {
    const filled = values.some((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''));
    if (!filled) return;
    if (!this.columns) {
      this.columns = columnsOf(values.map((v) => (v === null || v === undefined ? '' : String(v))));
      return;
    }
    if (this.rows.length >= MAX_IMPORT_ROWS) throw tooManyRows(MAX_IMPORT_ROWS);
    const cells: ReportFileRow['cells'] = {};
    let extra = false;
    values.forEach((v, i) => {
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return;
      const column = this.columns![i];
      if (column) cells[column] = v;
      else extra = true;
    });
    if (extra) {
      this.problems.push({
        index: this.rows.length,
        line,
        field: 'row',
        code: 'extra_cells',
        message: { vi: 'Dòng có ô nằm ngoài các cột của dòng tiêu đề', en: 'The row has cells outside the header’s columns' },
      });
    }
    this.rows.push({ line, cells });
  }
}

function readCsv(body: Buffer): ReadReportFile {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Spreadsheets save CSV with the locale's list separator.
  const delimiter = firstLine.includes('\t') ? '\t' : !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const collector = new RowCollector();
  // papaparse gives each row's end offset; the line a row starts on is counted from the newlines
  // before it (a quoted cell may hold a newline, so rows and lines can differ).
  let rowStart = 0;
  let line = 1;
  let broken: { line: number; message: string } | null = null;
  Papa.parse<string[]>(text, {
    delimiter,
    step: (result, parser) => {
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError && !broken) {
        broken = { line, message: quoteError.message };
        parser.abort();
        return;
      }
      collector.add(line, result.data);
      const end = result.meta.cursor;
      for (let i = rowStart; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      rowStart = end;
    },
  });
  if (broken) {
    const { line: at, message } = broken as { line: number; message: string };
    throw new AppError('BAD_REQUEST', { vi: `CSV không đọc được ở dòng ${at}: ${message}`, en: `Unreadable CSV at line ${at}: ${message}` });
  }
  if (!collector.hasHeader) throw new AppError('BAD_REQUEST', { vi: 'Tệp CSV trống', en: 'The CSV file is empty' });
  return { rows: collector.rows, problems: collector.problems };
}

/** An exceljs cell value as a plain cell: formulas give their result, rich text its text. */
function plainCell(value: unknown): ReportFileCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v || v.formula !== undefined || v.sharedFormula !== undefined) return plainCell(v.result);
    if (v.error) return v.error;
    if (v.text !== undefined) return plainCell(v.text);
  }
  return String(value);
}

async function readXlsx(body: Buffer): Promise<ReadReportFile> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), {
    sharedStrings: 'cache',
    // styles tell date cells from numbers
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let data: RowCollector | null = null;
  try {
    // The data sheet is the first whose header names the columns; other sheets (the template's
    // guide) are read past.
    for await (const sheet of reader) {
      let collector: RowCollector | null = data ? null : new RowCollector();
      for await (const row of sheet) {
        if (!collector) continue;
        const values = (row.values as unknown[]).slice(1).map(plainCell);
        if (!collector.hasHeader && values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
        if (!collector.hasHeader) {
          const header = values.map((v) => (v === null ? '' : String(v).trim().toLowerCase()));
          if (!header.includes('kpiid')) {
            collector = null;
            continue;
          }
        }
        collector.add(row.number, values);
      }
      if (collector?.hasHeader) data = collector;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'BAD_REQUEST',
      { vi: 'Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel', en: 'Unreadable XLSX file: damaged, or not an Excel workbook' },
      { logMessage: `xlsx read failed: ${(err as Error).message}` },
    );
  }
  if (!data) {
    throw new AppError('BAD_REQUEST', {
      vi: `Không tìm thấy trang tính có dòng tiêu đề ${REPORT_FILE_COLUMNS.join(', ')}`,
      en: `No worksheet has the header ${REPORT_FILE_COLUMNS.join(', ')}`,
    });
  }
  return { rows: data.rows, problems: data.problems };
}
