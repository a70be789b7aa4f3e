/**
 * An export as CSV: UTF-8 with a byte-order mark (Excel reads the Vietnamese names right), CRLF
 * line ends, ";" between fields and "," as the decimal mark — what Excel expects under Vietnamese
 * regional settings, the same dialect as the open data's default. Text cells go through the open
 * data's `csvField`, which also defuses formula injection (a leading =, +, -, @ gets an apostrophe).
 *
 * Layout: the header block as "label;value" lines, a blank line, then each table as its title, its
 * column labels and its rows, tables separated by a blank line. Rows are written as they are read,
 * in chunks, waiting for the stream to drain, so a large table never sits in memory.
 */
import type { Writable } from 'node:stream';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import { csvField } from '../services/openDataFiles';
import { drained, headerLines, type ExportCell, type ExportColumn, type ExportDocument } from './exportDocument';

const SEPARATOR = ';';
/** bytes gathered before one write: fewer, larger writes without holding a table */
const CHUNK_BYTES = 64 * 1024;

function csvCell(cell: ExportCell, column: ExportColumn): string {
  if (cell === null) return '';
  // numbers unrounded and ungrouped, with the decimal comma; the file keeps what the view rounds
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  // a date as the day it is in Vietnam (YYYY-MM-DD), which every spreadsheet reads as a date
  if (cell instanceof Date) return formatPeriod('day', cell);
  return csvField(column.type === 'code' || column.type === 'text' ? cell : String(cell), SEPARATOR);
}

const line = (fields: readonly string[]) => `${fields.join(SEPARATOR)}\r\n`;

/** Writes the document to `out` (not ending it); returns the data rows written. */
export async function writeCsv(doc: ExportDocument, out: Writable): Promise<number> {
  let buffer = '\uFEFF';
  const flush = async () => {
    out.write(buffer);
    await drained(out);
    buffer = '';
  };
  buffer += line([csvField(doc.title, SEPARATOR)]);
  for (const { label, value } of headerLines(doc)) buffer += line([csvField(label, SEPARATOR), csvField(value, SEPARATOR)]);
  let rows = 0;
  for (const table of doc.tables) {
    buffer += '\r\n' + line([csvField(table.title, SEPARATOR)]);
    buffer += line(table.columns.map((c) => csvField(c.label, SEPARATOR)));
    for await (const row of table.rows) {
      buffer += line(table.columns.map((c) => csvCell(row[c.key] ?? null, c)));
      rows++;
      if (buffer.length >= CHUNK_BYTES) await flush();
    }
  }
  await flush();
  return rows;
}
