/**
 * CSV for the ingestion endpoint: a header line naming the fields (kpiId, orgUnitCode, time,
 * numerator, denominator, value, weight), one measurement per line. Values stay strings here;
 * validation parses them and names the row and field of any problem.
 */
import Papa from 'papaparse';
import { MEASUREMENT_FIELDS } from '../domain/validateMeasurementBatch';
import { AppError } from '../errors';

export function parseMeasurementCsv(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  const headers = parsed.meta.fields ?? [];
  const unknown = headers.filter((h) => !(MEASUREMENT_FIELDS as readonly string[]).includes(h));
  if (unknown.length > 0 || !headers.includes('kpiId')) {
    throw new AppError('BAD_REQUEST', {
      vi: `Dòng tiêu đề CSV phải gồm các cột ${MEASUREMENT_FIELDS.join(', ')}${unknown.length ? `; cột không hợp lệ: ${unknown.join(', ')}` : ''}`,
      en: `The CSV header must name the columns ${MEASUREMENT_FIELDS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    });
  }
  const broken = parsed.errors[0];
  if (broken) {
    const line = (broken.row ?? 0) + 2; // +1 for the header, +1 for 1-based lines
    throw new AppError('BAD_REQUEST', {
      vi: `CSV không đọc được ở dòng ${line}: ${broken.message}`,
      en: `Unreadable CSV at line ${line}: ${broken.message}`,
    });
  }
  // Cells are trimmed; empty cells are absent fields, as in JSON.
  return parsed.data.map((row) =>
    Object.fromEntries(Object.entries(row).flatMap(([k, v]) => (v === undefined || v.trim() === '' ? [] : [[k, v.trim()]]))),
  );
}
