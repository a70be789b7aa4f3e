/**
 * An open-data table as a file: CSV (UTF-8 with a byte-order mark, so Excel reads the Vietnamese
 * names right) and XLSX. Two CSV dialects: `semicolon` — ";" between fields and "," as decimal
 * mark, which is what Excel expects under Vietnamese regional settings (there "," is the decimal
 * mark, so a comma-separated file lands in one column); `comma` — RFC 4180 with a decimal point,
 * for programs. Both end lines with CRLF (RFC 4180) and write numbers unrounded and ungrouped.
 */
import ExcelJS from 'exceljs';
import { CELL_STATUS_LABELS, DOWNLOAD_COLUMNS, FREQUENCY_LABELS, KPI_UNIT_NAMES, LEVEL_LABELS, FILE_HEADINGS, ROW_SOURCE, type OpenLocale } from '../../shared/openData/texts';
import type { OpenValueRow, OpenValuesTable } from './openData';
import type { CsvSeparator } from './openDataRequest';

type ColumnKey = (typeof DOWNLOAD_COLUMNS)[number]['key'];

/** A row's cells by column; the value stays a number (or empty) for the writer to format. */
function cells(table: OpenValuesTable, row: OpenValueRow, locale: OpenLocale): Record<ColumnKey, string | number | null> {
  return {
    kpiId: table.kpi.id,
    unitCode: row.unitCode,
    unitName: row.unitName,
    level: LEVEL_LABELS[row.level][locale],
    period: row.period,
    value: row.value,
    kpiUnit: KPI_UNIT_NAMES[table.kpi.unit][locale],
    status: CELL_STATUS_LABELS[row.status][locale],
    source: ROW_SOURCE[locale],
  };
}

/**
 * One text cell. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: unit
 * names come from an import) gets a leading apostrophe, as OWASP advises; numbers are never text here.
 * The views' exports (server/export/writeCsv.ts) write their text cells with it too.
 */
export function csvField(raw: string, separator: string): string {
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function openValuesCsv(table: OpenValuesTable, separator: CsvSeparator, locale: OpenLocale): string {
  const sep = separator === 'semicolon' ? ';' : ',';
  const number = (v: number) => (separator === 'semicolon' ? String(v).replace('.', ',') : String(v));
  const lines = [DOWNLOAD_COLUMNS.map((c) => csvField(c.label[locale], sep)).join(sep)];
  for (const row of table.rows) {
    const c = cells(table, row, locale);
    lines.push(DOWNLOAD_COLUMNS.map(({ key }) => (typeof c[key] === 'number' ? number(c[key]) : csvField(String(c[key] ?? ''), sep))).join(sep));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An instant that stands for the data's version, so that the same data gives the same bytes (and ETag). */
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

export async function openValuesXlsx(table: OpenValuesTable, locale: OpenLocale): Promise<Buffer> {
  const t = (text: { vi: string; en: string }) => text[locale];
  const wb = new ExcelJS.Workbook();
  wb.creator = t(table.licence.publisher);
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  const data = wb.addWorksheet(locale === 'vi' ? 'Số liệu' : 'Values', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = DOWNLOAD_COLUMNS.map((c) => ({ header: t(c.label), key: c.key, width: c.key === 'unitName' || c.key === 'source' ? 36 : 16 }));
  data.getRow(1).font = { bold: true };
  // unit codes are text ("01"), never numbers that lose their leading zero
  data.getColumn('unitCode').numFmt = '@';
  data.getColumn('value').numFmt = table.kpi.decimals > 0 ? `0.${'0'.repeat(table.kpi.decimals)}` : '0';
  for (const row of table.rows) data.addRow(cells(table, row, locale));

  const about = wb.addWorksheet(locale === 'vi' ? 'Giới thiệu' : 'About');
  about.columns = [{ width: 28 }, { width: 110 }];
  const kpi = table.kpi;
  const lines: Array<[string, string]> = [
    [t(FILE_HEADINGS.kpi), `${t(kpi.name)} (${kpi.id})`],
    [t(FILE_HEADINGS.definition), t(kpi.description)],
    [t(FILE_HEADINGS.method), t(kpi.method)],
    [t(FILE_HEADINGS.unitOfMeasure), t(kpi.unitName)],
    [t(FILE_HEADINGS.period), t(FREQUENCY_LABELS[table.period])],
    [t(FILE_HEADINGS.from), table.from],
    [t(FILE_HEADINGS.to), table.to],
    [t(FILE_HEADINGS.publication), t(table.licence.publicationRule)],
    [t(FILE_HEADINGS.licence), `${t(table.licence.name)} — ${table.licence.url}`],
    ['', t(table.licence.attribution)],
    ['', t(table.licence.terms)],
  ];
  for (const line of lines) about.addRow(line).alignment = { wrapText: true, vertical: 'top' };
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
