/**
 * Reads an uploaded report file into rows of cells keyed by column, with the file line of each.
 * CSV (UTF-8, comma, semicolon or tab separated) goes through papaparse; XLSX, once checked by
 * checkXlsxZip (sizes, and no temp file), through exceljs's streaming reader, which reads 100,000
 * rows in about 1.5 s without building the workbook in memory.
 *
 * The header is the first row with a `kpiId` cell: title rows and merged group cells above it are
 * read past, and a second header row under it (a two-row header whose top row groups columns)
 * is merged into it. A semicolon-separated CSV has a decimal comma (spreadsheets save CSV with the
 * locale's list separator, ';' where ',' marks decimals), which `numbers` tells the validator.
 * Problems with the file as a whole (no header, unknown columns, not a spreadsheet, too large)
 * refuse it; problems with a row are returned with the row.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { UserNumberContext } from '../../shared/domain/parseUserNumber';
import { REPORT_FILE_COLUMNS, type ReportFileCell, type ReportFileColumn, type ReportFileRow } from '../../shared/domain/validateReportRows';
import type { RowProblem } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { checkXlsxZip } from './checkXlsxZip';

export type ReportFileFormat = 'csv' | 'xlsx';

/** More rows than this are refused before validation (a 64 MB body holds about 600,000). */
const MAX_IMPORT_ROWS = 200_000;
/** Filled cells read, over all sheets, before the file is refused (8 columns of 200,000 rows, and room). */
export const MAX_IMPORT_CELLS = 2_500_000;
/** Columns read of a row; cells further right are reported as outside the header. */
const MAX_IMPORT_COLUMNS = 64;
/** Filled rows above the header (titles, group cells) looked at before giving up on a sheet. */
const MAX_ROWS_ABOVE_HEADER = 30;

export interface ReadReportFile {
  rows: ReportFileRow[];
  /** rows the reader could not take apart (cells beyond the header) */
  problems: Array<RowProblem<ReportFileColumn | 'row'>>;
  /** how text numbers of this file are read */
  numbers: UserNumberContext;
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

const tooManyCells = () =>
  new AppError('PAYLOAD_TOO_LARGE', {
    vi: `Tệp có hơn ${MAX_IMPORT_CELLS.toLocaleString('vi-VN')} ô có dữ liệu. Hãy chia thành nhiều tệp.`,
    en: `The file has more than ${MAX_IMPORT_CELLS.toLocaleString('en-GB')} filled cells. Split it into several files.`,
  });

const noHeader = () =>
  new AppError('BAD_REQUEST', {
    vi: `Không tìm thấy dòng tiêu đề: cần một dòng có các cột ${REPORT_FILE_COLUMNS.join(', ')} (ít nhất kpiId, orgUnitCode, period)`,
    en: `No header row found: a row must name the columns ${REPORT_FILE_COLUMNS.join(', ')} (kpiId, orgUnitCode and period at least)`,
  });

const columnByLower = new Map(REPORT_FILE_COLUMNS.map((c) => [c.toLowerCase(), c]));
const isColumnName = (name: string) => columnByLower.has(name.trim().toLowerCase());

/**
 * A header of two rows as one: where the lower row names a column it wins (the upper row holds a
 * merged group cell there, or nothing); elsewhere the upper row (a name merged down both rows).
 * Null when the lower row names no column: it is the first data row.
 */
function mergedHeader(upper: readonly string[], lower: readonly string[]): string[] | null {
  if (!lower.some((name) => isColumnName(name) && name.trim().toLowerCase() !== 'kpiid')) return null;
  const width = Math.max(upper.length, lower.length);
  return Array.from({ length: width }, (_, i) => {
    const below = lower[i] ?? '';
    const above = upper[i] ?? '';
    if (isColumnName(below)) return below;
    if (isColumnName(above)) return above;
    return below || above;
  });
}

/**
 * Maps header cells to columns (case and surrounding spaces ignored). Refuses a header without
 * the key columns, with an unknown column or with a column twice.
 */
function columnsOf(header: readonly string[]): Array<ReportFileColumn | null> {
  const unknown: string[] = [];
  const twice: string[] = [];
  const seen = new Set<ReportFileColumn>();
  const columns = header.map((h) => {
    const name = h.trim();
    if (name === '') return null;
    const column = columnByLower.get(name.toLowerCase());
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

const isBlank = (v: ReportFileCell | null | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Collects data rows under a header: rows above the header and empty rows are skipped, cells
 * beyond the header reported, the cells of all rows counted against MAX_IMPORT_CELLS.
 */
class RowCollector {
  readonly rows: ReportFileRow[] = [];
  readonly problems: Array<RowProblem<ReportFileColumn | 'row'>> = [];
  private columns: Array<ReportFileColumn | null> | null = null;
  /** the row with `kpiId`, until the next row says whether the header has a second row */
  private pending: string[] | null = null;
  private rowsAbove = 0;
  /** the first filled row, which names what is wrong when no row is a header */
  private first: string[] | null = null;

  constructor(private readonly cells: { count: number }) {}

  get hasHeader(): boolean {
    return this.columns !== null || this.pending !== null;
  }

  /** Whether to stop looking for a header in this sheet. */
  get gaveUp(): boolean {
    return !this.hasHeader && this.rowsAbove >= MAX_ROWS_ABOVE_HEADER;
  }

  /** `extra`: the row has cells right of MAX_IMPORT_COLUMNS, left out of `values`. */
  add(line: number, values: ReadonlyArray<ReportFileCell | null | undefined>, extra = false): void {
    const filled = values.filter((v) => !isBlank(v)).length;
    if (filled === 0 && !extra) return;
    this.cells.count += filled;
    if (this.cells.count > MAX_IMPORT_CELLS) throw tooManyCells();
    const names = () => Array.from(values, (v) => (v === null || v === undefined ? '' : v instanceof Date ? '' : String(v).trim()));
    if (!this.columns) {
      if (this.pending) {
        const merged = mergedHeader(this.pending, names());
        this.columns = columnsOf(merged ?? this.pending);
        this.pending = null;
        if (merged) return;
      } else {
        const header = names();
        this.first ??= header;
        if (header.some((n) => n.toLowerCase() === 'kpiid')) this.pending = header;
        else this.rowsAbove++;
        return;
      }
    }
    if (this.rows.length >= MAX_IMPORT_ROWS) throw tooManyRows(MAX_IMPORT_ROWS);
    const cells: ReportFileRow['cells'] = {};
    let outside = extra;
    values.forEach((v, i) => {
      if (isBlank(v)) return;
      const column = this.columns![i];
      if (column) cells[column] = v!;
      else outside = true;
    });
    if (outside) {
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

  /** The end of the sheet: a header with no row under it is still checked. */
  finish(): void {
    if (this.pending) {
      this.columns = columnsOf(this.pending);
      this.pending = null;
    }
  }

  /** A CSV without a header row: its first row, taken as one, says what it lacks. */
  refuseWithoutHeader(): never {
    if (this.first) columnsOf(this.first);
    throw noHeader();
  }
}

/** The list separator, from the header line (which has no decimal commas to confuse it). */
function delimiterOf(text: string): ',' | ';' | '\t' {
  const lines = text.split(/\r?\n/, MAX_ROWS_ABOVE_HEADER + 2);
  const header = lines.find((l) => /kpiid/i.test(l)) ?? lines[0] ?? '';
  if (header.includes('\t')) return '\t';
  return !header.includes(',') && header.includes(';') ? ';' : ',';
}

function readCsv(body: Buffer): ReadReportFile {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const delimiter = delimiterOf(text);
  const collector = new RowCollector({ count: 0 });
  // papaparse gives each row's end offset; the line a row starts on is counted from the newlines
  // before it (a quoted cell may hold a newline, so rows and lines can differ).
  let rowStart = 0;
  let line = 1;
  let broken: { line: number; message: string } | null = null;
  let refused: Error | null = null;
  Papa.parse<string[]>(text, {
    delimiter,
    step: (result, parser) => {
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError && !broken) {
        broken = { line, message: quoteError.message };
        parser.abort();
        return;
      }
      try {
        collector.add(line, result.data);
      } catch (err) {
        refused = err instanceof Error ? err : new Error(String(err));
        parser.abort();
        return;
      }
      if (collector.gaveUp) {
        parser.abort();
        return;
      }
      const end = result.meta.cursor;
      for (let i = rowStart; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      rowStart = end;
    },
  });
  // assigned in papaparse's callback, which TypeScript's flow analysis does not see
  const failure = refused as Error | null;
  if (failure) throw failure;
  if (broken) {
    const { line: at, message } = broken as { line: number; message: string };
    throw new AppError('BAD_REQUEST', { vi: `CSV không đọc được ở dòng ${at}: ${message}`, en: `Unreadable CSV at line ${at}: ${message}` });
  }
  if (text.trim() === '') throw new AppError('BAD_REQUEST', { vi: 'Tệp CSV trống', en: 'The CSV file is empty' });
  collector.finish();
  if (!collector.hasHeader) collector.refuseWithoutHeader();
  return { rows: collector.rows, problems: collector.problems, numbers: { decimalComma: delimiter === ';' } };
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
    // a cell value exceljs gives that we do not know: its content, not "[object Object]"
    return JSON.stringify(value);
  }
  // exceljs gives no other kind of value (bigint, symbol, function)
  return null;
}

async function readXlsx(body: Buffer): Promise<ReadReportFile> {
  const zip = await checkXlsxZip(body);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(zip), {
    sharedStrings: 'cache',
    // styles tell date cells from numbers
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const cells = { count: 0 };
  let data: RowCollector | null = null;
  try {
    // The data sheet is the first with a header row; other sheets (the template's guide) are
    // read past.
    for await (const sheet of reader) {
      let collector: RowCollector | null = data ? null : new RowCollector(cells);
      for await (const row of sheet) {
        if (!collector) continue;
        // Only the filled cells are visited: a cell far right does not cost its column number.
        const values: Array<ReportFileCell | null> = [];
        let extra = false;
        row.eachCell((cell, col) => {
          if (col > MAX_IMPORT_COLUMNS) extra = true;
          else values[col - 1] = plainCell(cell.value);
        });
        collector.add(row.number, Array.from(values, (v) => v ?? null), extra);
        if (collector.gaveUp) collector = null;
      }
      collector?.finish();
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
  // Text cells carry no locale: "1,234" stays ambiguous; numeric cells are numbers already.
  return { rows: data.rows, problems: data.problems, numbers: {} };
}
