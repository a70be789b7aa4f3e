import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import { readReportFile } from '../../server/services/readReportFile';

const csv = (text: string) => readReportFile(Buffer.from(text, 'utf8'), 'csv');

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('readReportFile', () => {
  it('reads CSV rows keyed by column with the file line of each, skipping blank lines', async () => {
    const { rows, problems } = await csv('\uFEFFkpiId,orgUnitCode,period,numerator,denominator\r\ndata_reused,X01001,2026-10,3,4\r\n\r\ndata_reused,X01002,2026-10,,4\r\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, cells: { kpiId: 'data_reused', orgUnitCode: 'X01001', period: '2026-10', numerator: '3', denominator: '4' } },
      { line: 4, cells: { kpiId: 'data_reused', orgUnitCode: 'X01002', period: '2026-10', denominator: '4' } },
    ]);
  });

  it('counts lines inside a quoted cell, takes semicolons and any case of the header names', async () => {
    const { rows } = await csv('KPIID;orgunitcode;Period;explanation\ndata_reused;X01001;2026-10;"hai\ndòng"\ndata_reused;X01002;2026-10;x\n');
    expect(rows.map((r) => [r.line, r.cells.orgUnitCode, r.cells.explanation])).toEqual([
      [2, 'X01001', 'hai\ndòng'],
      [4, 'X01002', 'x'],
    ]);
  });

  it('reports cells beyond the header as a problem of their row', async () => {
    const { problems } = await csv('kpiId,orgUnitCode,period\ndata_reused,X01001,2026-10\ndata_reused,X01002,2026-10,extra\n');
    expect(problems).toMatchObject([{ index: 1, line: 3, field: 'row', code: 'extra_cells' }]);
  });

  it('refuses a file without the key columns, with unknown or repeated ones, or without rows', async () => {
    expect((await errorOf(csv('kpiId,unit,period\n'))).userMessage.en).toMatch(/missing: orgUnitCode; unknown: unit/);
    expect((await errorOf(csv('kpiId,orgUnitCode,period,period\nx,y,z,w\n'))).userMessage.en).toMatch(/repeated: period/);
    expect((await errorOf(csv('kpiId,orgUnitCode,period\n'))).userMessage.en).toMatch(/no data row/);
    expect((await errorOf(csv(''))).code).toBe('BAD_REQUEST');
    expect((await errorOf(csv('kpiId,orgUnitCode,period\n"open,x,y\n'))).userMessage.en).toMatch(/Unreadable CSV at line 2/);
  });

  it('reads the first XLSX sheet with the header, past a title sheet; formulas give their results', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Bìa').addRow(['Báo cáo tháng']);
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow([]);
    sheet.addRow(['kpiId', 'orgUnitCode', 'period', 'numerator', 'denominator']);
    sheet.addRow(['data_reused', 'X01001', new Date('2026-10-01T00:00:00Z'), { formula: '1+2', result: 3 }, 4]);
    sheet.addRow(['data_reused', { richText: [{ text: 'X01' }, { text: '002' }] }, '2026-10', 1, 4]);
    const { rows } = await readReportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(rows).toEqual([
      { line: 3, cells: { kpiId: 'data_reused', orgUnitCode: 'X01001', period: new Date('2026-10-01T00:00:00Z'), numerator: 3, denominator: 4 } },
      { line: 4, cells: { kpiId: 'data_reused', orgUnitCode: 'X01002', period: '2026-10', numerator: 1, denominator: 4 } },
    ]);
  });

  it('refuses a body that is not a workbook', async () => {
    expect((await errorOf(readReportFile(Buffer.from('not a zip'), 'xlsx'))).userMessage.en).toMatch(/Unreadable XLSX/);
  });
});
