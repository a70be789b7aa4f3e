/**
 * A planner takes a province's page away as files: CSV, XLSX, PNG and PDF from the export menu,
 * each opened and checked (the CSV's BOM and numbers, the XLSX's number cells, the PNG's size,
 * the PDF's text with its diacritics), then the large export of every commune × 24 months with
 * its progress. The numbers are the ones the page's communes table shows, in the order it shows them.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { pngSize, readPdfText } from '../helpers/readPdfText';
import { createUser, postMeasurements, saveScreenshot, signIn } from './support/api';
import { lastMonthStart } from './support/clock';
import { expect, test, type Page } from './support/test';

// Khánh Hòa (56) and Gia Lai (52) are this file's data.
const month = lastMonthStart();

async function download(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.getByTestId('export-province');
  await menu.locator('summary').click();
  const [file] = await Promise.all([page.waitForEvent('download'), menu.locator(`button[data-format="${format}"]`).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

test('a planner downloads the province page as CSV, XLSX, PNG and PDF and each file holds the page’s numbers', async ({ page, request }) => {
  test.setTimeout(180_000);
  await postMeasurements(request, [
    { kpiId: 'data_reused', orgUnitCode: 'X56001', time: month, numerator: 45, denominator: 50 },
    { kpiId: 'data_reused', orgUnitCode: 'X56002', time: month, numerator: 30, denominator: 60 },
    { kpiId: 'data_reused', orgUnitCode: 'X52001', time: month, numerator: 10, denominator: 10 },
  ]);
  await signIn(page, await createUser(request, 'planner', 'VN'));
  await page.goto('/province/56?ckpi=data_reused');
  const communes = page.getByTestId('communes-panel');
  // the page's own number for the first commune: 45 / 50 = 90,0 %
  await expect(communes).toContainText('90,0');

  const csv = await download(page, 'csv');
  expect(csv.name).toBe('56_service_index.csv');
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.toString('utf8').split('\r\n');
  expect(lines.some((l) => /;X56001;[^;]+;90;/.test(l))).toBe(true);
  expect(lines.some((l) => /;X56002;[^;]+;50;/.test(l))).toBe(true);
  expect(lines.join('\n')).not.toContain('X52001');
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  // by rank, as the page lists them: 90 % before 50 %
  expect(lines.findIndex((l) => l.includes(';X56001;'))).toBeLessThan(lines.findIndex((l) => l.includes(';X56002;')));

  // the communes sorted by value, lowest first: the file follows the page's order (csort/cdir)
  await communes.getByTestId('sort-value').click();
  await communes.getByTestId('sort-value').click();
  await expect(page).toHaveURL(/csort=value&cdir=asc/);
  const sorted = (await download(page, 'csv')).bytes.toString('utf8').split('\r\n');
  expect(sorted.findIndex((l) => l.includes(';X56002;'))).toBeLessThan(sorted.findIndex((l) => l.includes(';X56001;')));
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');

  const xlsx = await download(page, 'xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
  expect(wb.worksheets[0]!.getCell('A1').value).toContain('Khánh Hòa');
  const sheet = wb.worksheets.find((w) => w.name.startsWith('Xã, phường'))!;
  const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === 'X56001')!;
  expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
  expect(row.getCell(4).value).toBeCloseTo(90, 9);
  expect(row.getCell(4).numFmt).toBe('#,##0.0');

  const png = await download(page, 'png');
  expect(pngSize(png.bytes)).toEqual({ width: 1520, height: 680 });

  const pdf = await download(page, 'pdf');
  const text = (await readPdfText(pdf.bytes)).pages.join('\n');
  for (const words of ['Khánh Hòa', 'Chỉ số phục vụ', 'Định nghĩa', 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa', 'Người xuất', '90,0']) expect(text).toContain(words);

  // the large export: every commune of the province × 24 months, with its progress
  const menu = page.getByTestId('export-province');
  await menu.locator('summary').click();
  const [large] = await Promise.all([page.waitForEvent('download'), menu.locator('button[data-format="large-csv"]').click()]);
  expect(large.suggestedFilename()).toBe('cac-xa_data_reused_24-thang_56.csv');
  const largeLines = (await readFile(await large.path())).toString('utf8').split('\r\n').filter((l) => l.startsWith('Khánh Hòa;'));
  expect(largeLines.length % 24).toBe(0);
  expect(largeLines.length).toBeGreaterThan(24 * 10);
  await expect(page.getByTestId('export-status')).toContainText('Đã tải xong');
  await saveScreenshot(page, 'exports-province');
});

test('exports need a signed-in user', async ({ page }) => {
  await page.goto('/scorecard');
  const menu = page.getByTestId('export-scorecard');
  await menu.locator('summary').click();
  await menu.locator('button[data-format="csv"]').click();
  await expect(page.getByTestId('export-status')).toContainText('Hãy đăng nhập để xuất số liệu');
});
