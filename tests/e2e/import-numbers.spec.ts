/**
 * Numbers as Vietnamese staff write them, and the spreadsheets they really have: the form takes
 * "1,57" and "602,0"; an import with a merged title row and "1.000" in text cells previews
 * clean; a file with more than 1,000 problems gives all of them as a download.
 * Huế (46) and its communes are this file's data.
 */
import ExcelJS from 'exceljs';
import { expect, test, type Page } from './support/test';
import { lastMonthStart } from './support/clock';
import { createUser, signIn } from './support/api';

/** Last month as YYYY-MM, local time on the run's clock. */
const lastMonth = lastMonthStart().slice(0, 7);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
  await page.getByTestId('import-check').click();
}

test('the form takes Vietnamese decimals: "1,57" and "602,0" are numbers, "1.026" is a thousand and twenty-six', async ({ page, request }) => {
  const officer = await createUser(request, 'commune_staff', 'X46001');
  await signIn(page, officer);
  await page.goto(`/submit?unit=X46001&frequency=monthly&period=${lastMonth}`);
  const trips = page.locator('[data-testid="report-entry"][data-kpi="office_trips_per_procedure"]');
  const inputs = trips.locator('input[type="text"]');
  await inputs.nth(0).fill('1,57');
  await inputs.nth(1).fill('602,0');
  await expect(trips.locator('.field-error')).toHaveCount(0);
  const reused = page.locator('[data-testid="report-entry"][data-kpi="data_reused"]');
  await reused.locator('input[type="text"]').nth(0).fill('1.026');
  await reused.locator('input[type="text"]').nth(1).fill('1.000');
  // read as 1026 of 1000: the numerator exceeds the denominator, so it was read as thousands
  await expect(reused.locator('.field-error')).toContainText('không được lớn hơn');
});

test('an import with a title row and "1.000" text cells is clean; 1,200 problems download as XLSX', async ({ page, request }) => {
  const staff = await createUser(request, 'province_staff', '46');
  await signIn(page, staff);
  await page.goto('/import');
  await page.getByTestId('import-set').selectOption('monthly-commune');

  const titled = new ExcelJS.Workbook();
  const sheet = titled.addWorksheet('Báo cáo');
  sheet.addRow(['BÁO CÁO SỐ LIỆU — HUẾ']);
  sheet.mergeCells('A1:E1');
  sheet.addRow(['kpiId', 'orgUnitCode', 'period', 'numerator', 'denominator']);
  sheet.addRow(['data_reused', 'X46002', lastMonth, '1.000', '2.000']);
  await chooseFile(page, 'bao-cao.xlsx', Buffer.from(await titled.xlsx.writeBuffer()));
  await expect(page.getByTestId('import-commit')).toBeEnabled();

  const many = new ExcelJS.Workbook();
  const rows = many.addWorksheet('Số liệu');
  rows.addRow(['kpiId', 'orgUnitCode', 'period', 'numerator', 'denominator']);
  for (let i = 0; i < 1200; i++) rows.addRow([`no_such_kpi_${i}`, 'X46003', lastMonth, 1, 2]);
  await chooseFile(page, 'nhieu-loi.xlsx', Buffer.from(await many.xlsx.writeBuffer()));
  await expect(page.getByTestId('import-problems').locator('tbody tr')).toHaveCount(1000);
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-problems-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('nhieu-loi-loi.xlsx');
  const saved = new ExcelJS.Workbook();
  await saved.xlsx.readFile(await download.path());
  const list = saved.worksheets[0]!;
  expect(list.rowCount).toBe(1201);
  expect((list.getRow(1201).values as unknown[]).slice(1, 4)).toEqual([1201, 'kpiId', 'unknown_kpi']);
});
