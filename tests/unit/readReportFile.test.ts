import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { MAX_SHARED_STRINGS_BYTES } from '../../server/services/checkXlsxZip';
import { MAX_IMPORT_CELLS, readReportFile } from '../../server/services/readReportFile';
import { buildZip, minimalWorkbookParts } from '../helpers/buildZip';

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

  it('takes a semicolon-separated CSV as one with decimal commas, found from its header line', async () => {
    const read = await csv('kpiId;orgUnitCode;period;value\ncitizen_satisfaction;79;2026-11-26;87,5\n');
    expect(read.numbers).toEqual({ decimalComma: true });
    expect(read.rows[0]!.cells.value).toBe('87,5');
    expect((await csv('kpiId,orgUnitCode,period,value\ncitizen_satisfaction,79,2026-11-26,"87,5"\n')).numbers).toEqual({ decimalComma: false });
  });

  it('finds the CSV header below title rows, and a semicolon header below a title with commas', async () => {
    const read = await csv('Báo cáo tháng 10, tỉnh Hà Nội;;;\n;;;\nkpiId;orgUnitCode;period;value\ncitizen_satisfaction;01;2026-10-26;87,5\n');
    expect(read.numbers).toEqual({ decimalComma: true });
    expect(read.rows).toEqual([{ line: 4, cells: { kpiId: 'citizen_satisfaction', orgUnitCode: '01', period: '2026-10-26', value: '87,5' } }]);
  });

  it('refuses a file with no header row anywhere, naming the columns it needs', async () => {
    const err = await errorOf(csv('kpi,unit,period\n1,2,3\n'));
    expect(err.userMessage.en).toMatch(/missing: kpiId, orgUnitCode; unknown: kpi, unit/);
    expect((await errorOf(csv(',,\n'))).userMessage.vi).toMatch(/^Không tìm thấy dòng tiêu đề/);
  });

  it('reads an XLSX with a merged title row above the header, text cells like "1.000" and numeric cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['BÁO CÁO SỐ LIỆU THÁNG 10/2026 — TỈNH HÀ NỘI']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['kpiId', 'orgUnitCode', 'period', 'numerator', 'denominator', 'explanation']);
    sheet.addRow(['data_reused', 'X01001', '10/2026', '1.000', '2.000', null]);
    sheet.addRow(['data_reused', 'X01002', '2026-10', 1000, 2000, null]);
    const read = await readReportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(read.numbers).toEqual({});
    expect(read.rows).toEqual([
      { line: 3, cells: { kpiId: 'data_reused', orgUnitCode: 'X01001', period: '10/2026', numerator: '1.000', denominator: '2.000' } },
      { line: 4, cells: { kpiId: 'data_reused', orgUnitCode: 'X01002', period: '2026-10', numerator: 1000, denominator: 2000 } },
    ]);
  });

  it('reads a two-row XLSX header: names merged down both rows, a merged group cell over the inputs', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['Báo cáo quý']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['kpiId', 'orgUnitCode', 'period', 'Số liệu / Figures', null]);
    sheet.addRow([null, null, null, 'numerator', 'denominator']);
    sheet.mergeCells('A2:A3');
    sheet.mergeCells('B2:B3');
    sheet.mergeCells('C2:C3');
    sheet.mergeCells('D2:E2');
    sheet.addRow(['procedures_fully_online', '01', '2026-Q3', 90, 100]);
    const { rows, problems } = await readReportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 4, cells: { kpiId: 'procedures_fully_online', orgUnitCode: '01', period: '2026-Q3', numerator: 90, denominator: 100 } }]);
  });

  it('reads a workbook written with the worksheet before the shared strings, and none without any', async () => {
    const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>';
    const strings = ['kpiId', 'orgUnitCode', 'period', 'value', 'citizen_satisfaction'].map((t) => `<si><t>${t}</t></si>`).join('');
    const data = '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><t>79</t></is></c><c r="C2" t="inlineStr"><is><t>2026-11-26</t></is></c><c r="D2"><v>87.5</v></c></row>';
    const zip = buildZip(minimalWorkbookParts(header + data, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`));
    expect((await readReportFile(zip, 'xlsx')).rows).toEqual([{ line: 2, cells: { kpiId: 'citizen_satisfaction', orgUnitCode: '79', period: '2026-11-26', value: 87.5 } }]);
  });
});

describe('readReportFile: hostile files', () => {
  /** Runs `read` with the temp directory swapped for an empty one; gives what was left in it. */
  async function tempFilesLeftBy(read: () => Promise<unknown>): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'import-test-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      await read().catch(() => undefined);
      return readdirSync(dir);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('refuses a zip bomb in the shared strings before inflating it, naming the limit', async () => {
    const huge = Buffer.alloc(MAX_SHARED_STRINGS_BYTES + 1024, 'a');
    const sst = Buffer.concat([Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'), huge, Buffer.from('</t></si></sst>')]);
    const bomb = buildZip(minimalWorkbookParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', sst));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    let err: AppError | undefined;
    const left = await tempFilesLeftBy(async () => {
      err = await errorOf(readReportFile(bomb, 'xlsx'));
    });
    expect(err?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err?.userMessage.vi).toMatch(/^Tệp XLSX quá lớn khi giải nén: phần chữ dùng chung \(sharedStrings\) vượt quá 64 MB/);
    expect(err?.userMessage.en).toMatch(/shared strings exceeds 64 MB/);
    expect(left).toEqual([]);
  });

  it('refuses a worksheet that inflates to more than it declares (a lying bomb), leaving no temp file', async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>kpiId</t></is></c></row>'.repeat(200_000);
    const parts = minimalWorkbookParts(rows, null).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: 4096 } : p));
    let err: AppError | undefined;
    const left = await tempFilesLeftBy(async () => {
      err = await errorOf(readReportFile(buildZip(parts), 'xlsx'));
    });
    expect(err?.userMessage.en).toMatch(/Unreadable XLSX/);
    expect(left).toEqual([]);
  });

  it('leaves no temp file when a workbook with its sheet before the shared strings is refused midway', async () => {
    const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
    const zip = buildZip(minimalWorkbookParts(header, '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>kpiId</t></si><si><t>nonsense</t></si></sst>'));
    let err: AppError | undefined;
    const left = await tempFilesLeftBy(async () => {
      err = await errorOf(readReportFile(zip, 'xlsx'));
    });
    expect(err?.userMessage.en).toMatch(/unknown: nonsense/);
    expect(left).toEqual([]);
  });

  it('refuses a file with more filled cells than it may hold', async () => {
    const row = Array.from({ length: 60 }, () => '1').join(',');
    const lines = Array.from({ length: Math.ceil(MAX_IMPORT_CELLS / 60) + 2 }, () => row);
    const err = await errorOf(csv(`kpiId,orgUnitCode,period\n${lines.join('\n')}\n`));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.userMessage.vi).toMatch(/ô có dữ liệu/);
  });
});

