/**
 * Staff put data in: a commune officer corrects a validation error and submits; a provincial
 * officer approves; a leader's open dashboard shows the value provisional, then approved. A
 * spreadsheet with bad rows is previewed with each row's problem and nothing lands until fixed.
 * Quảng Trị (44) and its communes are this file's data.
 */
import ExcelJS from 'exceljs';
import { expect, test, type Page, newClockedContext } from './support/test';
import { lastMonthStart } from './support/clock';
import { createUser, saveScreenshot } from './support/api';
import { fillEntry } from './support/reportForm';

/** Last month as YYYY-MM, local time on the run's clock. */
const lastMonth = lastMonthStart().slice(0, 7);

async function signInAs(page: Page, credentials: { username: string; password: string }) {
  await page.goto('/signin');
  await page.getByLabel(/Tên đăng nhập/).fill(credentials.username);
  await page.getByLabel(/Mật khẩu/).fill(credentials.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // scoped users land on their own unit
  await expect(page).not.toHaveURL(/\/signin/);
}


test('commune officer fixes an error and submits; province approves; the leader sees provisional then approved', async ({ browser, request }) => {
  const officer = await createUser(request, 'commune_staff', 'X44001');
  const approver = await createUser(request, 'province_staff', '44');
  const leader = await createUser(request, 'leader', 'VN');

  const leaderPage = await (await newClockedContext(browser)).newPage();
  await signInAs(leaderPage, leader);
  await leaderPage.goto('/commune/X44001');
  await expect(leaderPage.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await expect(leaderPage.getByTestId('kpi-value-data_reused')).toHaveText('—');

  const page = await (await newClockedContext(browser)).newPage();
  await signInAs(page, officer);
  await page.goto(`/submit?unit=X44001&frequency=monthly&period=${lastMonth}`);
  await expect(page.getByTestId('report-entry')).toHaveCount(6);

  // A numerator larger than its denominator is refused while typing, naming the field.
  await fillEntry(page, 'data_reused', ['90', '60']);
  const entry = page.locator('[data-testid="report-entry"][data-kpi="data_reused"]');
  await expect(entry.locator('.field-error')).toContainText('không được lớn hơn');
  await saveScreenshot(page, 'submit-error');
  await fillEntry(page, 'data_reused', ['45', '60']);
  await expect(entry.locator('.field-error')).toHaveCount(0);

  await fillEntry(page, 'dossiers_digitised', ['50', '100']);
  await fillEntry(page, 'fees_paid_online', ['30', '40']);
  await fillEntry(page, 'records_match_population_db', ['95', '100']);
  await fillEntry(page, 'results_published_on_time', ['18', '20']);
  await fillEntry(page, 'office_trips_per_procedure', ['1.5', '40']);
  await page.getByTestId('submit-report').click();
  await expect(page.getByTestId('form-status')).toBeVisible();
  await saveScreenshot(page, 'submit-done');

  // The leader's open page shows the value at once, provisional.
  await expect(leaderPage.getByTestId('kpi-value-data_reused')).toContainText('75,0');
  await expect(leaderPage.getByTestId('provisional-data_reused')).toBeVisible();

  const approverPage = await (await newClockedContext(browser)).newPage();
  await signInAs(approverPage, approver);
  await approverPage.goto('/approvals');
  const rows = approverPage.getByTestId('approval-row').filter({ hasText: 'Mẫu 001' });
  await expect(rows).toHaveCount(6);
  await saveScreenshot(approverPage, 'approvals');
  for (let i = 0; i < 6; i++) {
    await rows.first().getByRole('button', { name: /^Phê duyệt:/ }).click();
    await expect(rows).toHaveCount(5 - i);
  }

  // Approved: the mark goes away on the leader's page, without a reload.
  await expect(leaderPage.getByTestId('provisional-data_reused')).toHaveCount(0);
  await expect(leaderPage.getByTestId('kpi-value-data_reused')).toContainText('75,0');
});

async function workbook(rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Số liệu');
  sheet.addRow(['kpiId', 'orgUnitCode', 'period', 'numerator', 'denominator']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('a spreadsheet with bad rows is previewed row by row and nothing lands until it is fixed', async ({ page, request }) => {
  const staff = await createUser(request, 'province_staff', '44');
  await signInAs(page, staff);
  await page.goto('/import');
  await page.getByTestId('import-set').selectOption('monthly-commune');

  const good = [2, 3, 4, 5, 6].map((n) => ['data_reused', `X4400${n}`, lastMonth, 10 * n, 100]);
  const bad = await workbook([good[0]!, ['data_reused', 'X44003', lastMonth, 130, 100], good[2]!, ['data_reused', 'X99999', lastMonth, 5, 10], good[4]!]);
  await page.getByTestId('import-file').setInputFiles({ name: 'so-lieu.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
  await page.getByTestId('import-check').click();
  const problems = page.getByTestId('import-problems');
  await expect(problems.locator('tbody tr')).toHaveCount(2);
  await expect(problems.locator('tbody tr').nth(0)).toContainText('3');
  await expect(problems.locator('tbody tr').nth(0)).toContainText('không được lớn hơn');
  await expect(problems.locator('tbody tr').nth(1)).toContainText('5');
  await expect(problems.locator('tbody tr').nth(1)).toContainText('X99999');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await saveScreenshot(page, 'import-preview');

  // Nothing was written: the commune still has no value.
  const check = await page.context().newPage();
  await check.goto('/commune/X44002');
  await expect(check.getByTestId('kpi-value-data_reused')).toHaveText('—');

  await page.getByTestId('import-file').setInputFiles({ name: 'so-lieu.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook(good) });
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await check.reload();
  await expect(check.getByTestId('kpi-value-data_reused')).toContainText('20,0');
});
