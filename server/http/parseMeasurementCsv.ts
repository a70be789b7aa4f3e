/**
 * CSV for the ingestion endpoint: a header line naming the fields (kpiId, orgUnitCode, time,
 * numerator, denominator, value, weight), one measurement per line, separated by ',' or by ';'.
 * Values stay strings here, read by validation (parseUserNumber for the numbers), which names the
 * row and field of any problem. A ';' file is what spreadsheets save where ',' marks decimals, so
 * its numbers are read with a decimal comma here ("1,234" is 1.234) and handed on as numbers.
 */
import Papa from 'papaparse';
import { parseUserNumber } from '../../shared/domain/parseUserNumber';
import { MEASUREMENT_FIELDS } from '../../shared/domain/validateMeasurementBatch';
import { INPUT_FIELDS } from '../../shared/domain/validateKpiInputs';
import { AppError } from '../../shared/errors';

const NUMBER_FIELDS: ReadonlySet<string> = new Set(INPUT_FIELDS);

export function parseMeasurementCsv(text: string): Record<string, string | number>[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.slice(0, body.search(/\r?\n|$/));
  const decimalComma = !header.includes(',') && header.includes(';');
  const parsed = Papa.parse<Record<string, string>>(body, {
    header: true,
    delimiter: decimalComma ? ';' : ',',
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
  const cell = (field: string, v: string): string | number => {
    if (!decimalComma || !NUMBER_FIELDS.has(field)) return v;
    const n = parseUserNumber(v, { decimalComma });
    // what is no number stays text, for validation to refuse with the field's name
    return n.ok ? n.value : v;
  };
  return parsed.data.map((row) =>
    Object.fromEntries(Object.entries(row).flatMap(([k, v]) => (v === undefined || v.trim() === '' ? [] : [[k, cell(k, v.trim())]]))),
  );
}
