/**
 * The writer API: one ExportDocument, one format, one stream. CSV and XLSX stream their rows as
 * they are read; PNG and PDF are built whole, so their tables are bounded first (a PDF of every
 * commune × 24 months would be a thousand pages nobody attaches to a letter: CSV/XLSX are for that).
 */
import { PassThrough, type Writable } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { ExportDocument, ExportFormat } from './exportDocument';
import { renderChartPng } from './renderChart';
import { writeCsv } from './writeCsv';
import { writePdf } from './writePdf';
import { writeXlsx } from './writeXlsx';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** rows a PDF report may hold, over all its tables */
export const PDF_MAX_ROWS = 2_000;

export function expectedRows(doc: ExportDocument): number {
  return doc.tables.reduce((sum, table) => sum + table.expectedRows, 0);
}

/** Refuses, before anything is written, a document the format cannot hold. */
export function checkExportable(doc: ExportDocument, format: ExportFormat): void {
  if (format === 'png' && !doc.chart) {
    throw new AppError('BAD_REQUEST', { vi: 'Trang này không có biểu đồ để xuất ảnh PNG; hãy chọn CSV, XLSX hoặc PDF', en: 'This view has no chart to export as PNG; choose CSV, XLSX or PDF' });
  }
  const rows = expectedRows(doc);
  if (format === 'pdf' && rows > PDF_MAX_ROWS) {
    throw new AppError('BAD_REQUEST', {
      vi: `Báo cáo PDF chứa tối đa ${PDF_MAX_ROWS.toLocaleString('vi-VN')} dòng, lựa chọn này có ${rows.toLocaleString('vi-VN')} dòng; hãy xuất CSV hoặc XLSX`,
      en: `A PDF report holds at most ${PDF_MAX_ROWS.toLocaleString('en')} rows, this selection has ${rows.toLocaleString('en')}; export CSV or XLSX instead`,
    });
  }
}

/** Writes the document in the format to `out` and ends it; returns the data rows written. */
export async function writeExport(doc: ExportDocument, format: ExportFormat, out: Writable): Promise<number> {
  checkExportable(doc, format);
  switch (format) {
    case 'csv': {
      const rows = await writeCsv(doc, out);
      out.end();
      return rows;
    }
    case 'xlsx':
      return writeXlsx(doc, out);
    case 'png':
      out.end(renderChartPng(doc.chart!));
      return expectedRows(doc);
    case 'pdf': {
      const { bytes, rows } = await writePdf(doc);
      out.end(bytes);
      return rows;
    }
  }
}

/** The whole file in memory (tests, small exports). */
export async function exportToBuffer(doc: ExportDocument, format: ExportFormat): Promise<{ bytes: Buffer; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const rows = await writeExport(doc, format, out);
  await ended;
  return { bytes: Buffer.concat(chunks), rows };
}
