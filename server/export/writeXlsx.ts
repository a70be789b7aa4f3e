/**
 * An export as XLSX, written with exceljs's streaming writer straight into the response: a sheet
 * "Thông tin" with the title, the header block and the notes, then one sheet per table whose
 * first row (the column labels) is frozen and filterable. Numbers are number cells with the
 * view's decimals as their format (never text), unit codes are text ("01" keeps its zero), dates
 * are date cells (dd/mm/yyyy). Each row is committed as it is read, so a large table streams.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { VN_OFFSET_MS } from '../../shared/domain/periods';
import { drained, headerLines, type ExportCell, type ExportColumn, type ExportDocument } from './exportDocument';

const SHEET_TITLES = { about: { vi: 'Thông tin', en: 'About' }, notes: { vi: 'Ghi chú', en: 'Notes' } } as const;
/** rows between checks of the stream's backpressure */
const DRAIN_EVERY = 500;

function numberFormat(column: ExportColumn): string | undefined {
  switch (column.type) {
    case 'number': {
      const decimals = column.decimals ?? 2;
      return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
    }
    case 'integer':
      return '#,##0';
    case 'date':
      return 'dd/mm/yyyy';
    case 'code':
    case 'text':
      return '@';
  }
}

const DEFAULT_WIDTH: Record<ExportColumn['type'], number> = { text: 28, code: 10, number: 14, integer: 12, date: 12 };

/** Excel keeps no time zone: a date cell is the day as read on a Vietnamese calendar. */
function xlsxCell(cell: ExportCell, column: ExportColumn): ExcelJS.CellValue {
  if (cell instanceof Date) return new Date(cell.getTime() + VN_OFFSET_MS);
  if (typeof cell === 'number' && column.type !== 'number' && column.type !== 'integer' && column.type !== 'date') return String(cell);
  return cell;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Writes the document to `out` and ends it; returns the data rows written. */
export async function writeXlsx(doc: ExportDocument, out: Writable): Promise<number> {
  const t = (text: { vi: string; en: string }) => text[doc.locale];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = doc.header.generatedBy;
  wb.created = doc.header.generatedAt;
  const taken = new Set<string>();

  const about = wb.addWorksheet(sheetName(t(SHEET_TITLES.about), taken));
  about.columns = [{ width: 26 }, { width: 110 }];
  const title = about.addRow([doc.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const { label, value } of headerLines(doc)) {
    const row = about.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  if (doc.notes.length) {
    about.addRow([]).commit();
    doc.notes.forEach((note, i) => {
      const row = about.addRow([i === 0 ? t(SHEET_TITLES.notes) : '', note]);
      row.getCell(1).font = { bold: true };
      row.alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    });
  }
  about.commit();

  let rows = 0;
  for (const table of doc.tables) {
    const sheet = wb.addWorksheet(sheetName(table.title, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.label, key: c.key, width: c.width ?? DEFAULT_WIDTH[c.type], style: { numFmt: numberFormat(c) } }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    head.commit();
    for await (const row of table.rows) {
      sheet.addRow(table.columns.map((c) => xlsxCell(row[c.key] ?? null, c))).commit();
      if (++rows % DRAIN_EVERY === 0) await drained(out);
    }
    sheet.commit();
  }
  await wb.commit();
  return rows;
}
