import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { parseMeasurementCsv } from '../../server/http/parseMeasurementCsv';

/** The AppError a call throws; fails the test when it throws something else or nothing. */
function appErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseMeasurementCsv', () => {
  it('reads one record per line, keyed by the header, values as strings', () => {
    const csv = 'kpiId,orgUnitCode,time,numerator,denominator\ndossiers_on_time,01,2026-11-26,95,100\ndossiers_on_time,79,2026-11-26,12,40\n';
    expect(parseMeasurementCsv(csv)).toEqual([
      { kpiId: 'dossiers_on_time', orgUnitCode: '01', time: '2026-11-26', numerator: '95', denominator: '100' },
      { kpiId: 'dossiers_on_time', orgUnitCode: '79', time: '2026-11-26', numerator: '12', denominator: '40' },
    ]);
  });

  it('ignores a byte-order mark and whitespace around header names', () => {
    const csv = '\uFEFF kpiId , orgUnitCode,time ,value\r\ncitizen_satisfaction,01,2026-11-26,87.5\r\n';
    expect(parseMeasurementCsv(csv)).toEqual([{ kpiId: 'citizen_satisfaction', orgUnitCode: '01', time: '2026-11-26', value: '87.5' }]);
  });

  it('drops empty and blank cells: they are absent fields, as in JSON', () => {
    const csv = 'kpiId,orgUnitCode,time,numerator,denominator,value,weight\ncitizen_satisfaction,01,2026-11-26,,,87.5,\ncitizen_satisfaction,79,2026-11-26, ,"",90,12\n';
    expect(parseMeasurementCsv(csv)).toEqual([
      { kpiId: 'citizen_satisfaction', orgUnitCode: '01', time: '2026-11-26', value: '87.5' },
      { kpiId: 'citizen_satisfaction', orgUnitCode: '79', time: '2026-11-26', value: '90', weight: '12' },
    ]);
  });

  it('skips empty lines', () => {
    const csv = 'kpiId,orgUnitCode,time,value\n\ncitizen_satisfaction,01,2026-11-26,87.5\n   \n\n';
    expect(parseMeasurementCsv(csv)).toHaveLength(1);
  });

  it('keeps commas, quotes and line breaks inside quoted fields', () => {
    const csv = 'kpiId,orgUnitCode,time,value\n"citizen_satisfaction","01","2026-11-26T08:00:00+07:00","1,5"\ncitizen_satisfaction,"say ""hi""\nthere",2026-11-26,2\n';
    expect(parseMeasurementCsv(csv)).toEqual([
      { kpiId: 'citizen_satisfaction', orgUnitCode: '01', time: '2026-11-26T08:00:00+07:00', value: '1,5' },
      { kpiId: 'citizen_satisfaction', orgUnitCode: 'say "hi"\nthere', time: '2026-11-26', value: '2' },
    ]);
  });

  it('refuses unknown columns with a BAD_REQUEST that names them', () => {
    const error = appErrorOf(() => parseMeasurementCsv('kpiId,orgUnitCode,time,value,comment,unit\ncitizen_satisfaction,01,2026-11-26,87.5,ok,score\n'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.httpStatus).toBe(400);
    expect(error.userMessage.en).toContain('unknown: comment, unit');
    expect(error.userMessage.vi).toContain('cột không hợp lệ: comment, unit');
  });

  it('header names are case-sensitive: KpiId is not kpiId', () => {
    const error = appErrorOf(() => parseMeasurementCsv('KpiId,orgUnitCode,time,value\nx,01,2026-11-26,1\n'));
    expect(error.userMessage.en).toContain('unknown: KpiId');
  });

  it('refuses a header without kpiId, and an empty file', () => {
    const missing = appErrorOf(() => parseMeasurementCsv('orgUnitCode,time,value\n01,2026-11-26,1\n'));
    expect(missing.code).toBe('BAD_REQUEST');
    expect(missing.userMessage.en).not.toContain('unknown:');
    expect(appErrorOf(() => parseMeasurementCsv('')).code).toBe('BAD_REQUEST');
  });

  it('refuses a line with more cells than the header, naming its line', () => {
    const error = appErrorOf(() => parseMeasurementCsv('kpiId,orgUnitCode,time,value\ncitizen_satisfaction,01,2026-11-26,87.5\ncitizen_satisfaction,79,2026-11-26,90,extra\n'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.userMessage.en).toMatch(/^Unreadable CSV at line 3:/);
    expect(error.userMessage.vi).toMatch(/^CSV không đọc được ở dòng 3:/);
  });

  it('refuses a line with fewer cells than the header, naming its line', () => {
    const error = appErrorOf(() => parseMeasurementCsv('kpiId,orgUnitCode,time,value\ncitizen_satisfaction,01\n'));
    expect(error.userMessage.en).toMatch(/^Unreadable CSV at line 2:/);
  });

  it('accepts a header with no data lines as an empty batch', () => {
    expect(parseMeasurementCsv('kpiId,orgUnitCode,time,value\n')).toEqual([]);
  });

  it('reads a semicolon-separated CSV with decimal commas, its numbers read as the import reads them', () => {
    const csv = 'kpiId;orgUnitCode;time;value;weight\ncitizen_satisfaction;01;2026-11-26;87,125;1.200\nprocessing_time_mean;01;2026-11-26;ba;2\n';
    expect(parseMeasurementCsv(csv)).toEqual([
      { kpiId: 'citizen_satisfaction', orgUnitCode: '01', time: '2026-11-26', value: 87.125, weight: 1200 },
      // not a number: left as text, for validation to refuse with the field's name
      { kpiId: 'processing_time_mean', orgUnitCode: '01', time: '2026-11-26', value: 'ba', weight: 2 },
    ]);
  });
});

