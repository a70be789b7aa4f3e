/**
 * A citizen, with JavaScript disabled, opens the public open-data page, picks a KPI and a year for
 * every province and downloads the CSV: 34 provinces, each month's value the one the dashboard
 * shows for that province and period. The KPI page shows the same table and offers the same files.
 */
import fs from 'node:fs';
import { expect, test, newClockedContext, type Page } from './support/test';
import { postMeasurements, saveScreenshot, type MeasurementRow } from './support/api';
import { PROVINCES } from '../../shared/reference/provinces';

/** a provincial monthly ratio (percent, one decimal) that only this file writes */
const KPI = 'results_issued_electronic';
const YEAR = 2026;
/** January to October 2026: all closed and past their 10-day deadline on the run's clock (27/11/2026) */
const MONTHS = Array.from({ length: 10 }, (_, m) => `${YEAR}-${String(m + 1).padStart(2, '0')}`);

/** "53,7" for 53.7 at one decimal, as the dashboard writes it in Vietnamese. */
const shown = (value: number) => value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

interface CsvRow {
  code: string;
  name: string;
  period: string;
  value: string;
  status: string;
}

function readCsv(path: string): { header: string; rows: CsvRow[]; bom: boolean } {
  const text = fs.readFileSync(path, 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const rows = lines.slice(1).map((l) => {
    const c = l.split(';');
    return { code: c[1]!, name: c[2]!, period: c[4]!, value: c[5]!, status: c[7]! };
  });
  return { header: lines[0]!, rows, bom: text.startsWith('\uFEFF') };
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const path = await file.path();
  return path;
}

test.describe('open data without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test.beforeAll(async ({ request }) => {
    const rows: MeasurementRow[] = PROVINCES.flatMap((p, i) =>
      MONTHS.map((month, m) => ({ kpiId: KPI, orgUnitCode: p.code, time: `${month}-01`, numerator: 400 + ((i * 53 + m * 17) % 590), denominator: 1000 })),
    );
    await postMeasurements(request, rows);
  });

  test('a citizen downloads a year of a KPI for every province as CSV, in the dashboard’s numbers', async ({ page, browser }) => {
    await page.goto('/du-lieu-mo');
    await expect(page.getByRole('heading', { level: 1, name: 'Dữ liệu mở' })).toBeVisible();
    await expect(page.getByText('CC BY 4.0').first()).toBeVisible();
    await saveScreenshot(page, 'open-data-index');

    const form = page.getByTestId('quick-download');
    // (a wrapping label's name includes its options' text, so the fields are found by name)
    await form.locator('select[name="kpi"]').selectOption(KPI);
    await form.locator('select[name="unit"]').selectOption('provinces');
    await form.locator('select[name="year"]').selectOption(String(YEAR));
    await form.locator('select[name="format"]').selectOption('csv');
    const csv = readCsv(await download(page, () => form.getByRole('button', { name: 'Tải về' }).click()));

    expect(csv.bom).toBe(true);
    expect(csv.header).toBe('Mã chỉ số;Mã đơn vị;Tên đơn vị;Cấp;Kỳ;Giá trị;Đơn vị tính;Trạng thái;Nguồn, giấy phép');
    expect(new Set(csv.rows.map((r) => r.code)).size).toBe(34);
    expect(csv.rows).toHaveLength(34 * MONTHS.length);
    expect(new Set(csv.rows.map((r) => r.period))).toEqual(new Set(MONTHS));
    expect(csv.rows.every((r) => r.status === 'đã công bố')).toBe(true);

    // The dashboard's KPI page (with JavaScript, as staff and leaders see it) ranks the provinces
    // in the newest period, October: the same number for every province.
    const dashboard = await newClockedContext(browser, { javaScriptEnabled: true });
    const leader = await dashboard.newPage();
    await leader.goto(`/kpi/${KPI}`);
    const table = leader.getByTestId('provinces-table');
    await expect(table.locator('tbody tr')).toHaveCount(34);
    const october = csv.rows.filter((r) => r.period === `${YEAR}-10`);
    for (const row of october) {
      const value = Number(row.value.replace(',', '.'));
      await expect(table.locator(`tr[data-code="${row.code}"] .value-cell`)).toHaveText(`${shown(value)} %`);
    }
    // and a province's page shows its own October value
    await leader.goto('/province/79');
    const hcm = october.find((r) => r.code === '79')!;
    await expect(leader.locator('body')).toContainText(shown(Number(hcm.value.replace(',', '.'))));
    await dashboard.close();
  });

  test('the KPI page shows its definition, method, data-as-of and the published table, and downloads the same CSV', async ({ page }) => {
    await page.goto(`/du-lieu-mo/${KPI}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('điện tử');
    await expect(page.getByText('Phương pháp tính và tổng hợp')).toBeVisible();
    await expect(page.getByText('tổng tử số / tổng mẫu số')).toBeVisible();
    await expect(page.getByTestId('data-as-of')).toHaveText('Số liệu đã công bố đến hết ngày 31/10/2026');

    const form = page.getByTestId('values-form');
    await form.locator('select[name="year"]').selectOption(String(YEAR));
    await form.getByRole('button', { name: 'Xem' }).click();
    await expect(page).toHaveURL(/unit=provinces/);
    const grid = page.getByTestId('open-values');
    await expect(grid.locator('tbody tr')).toHaveCount(34);
    await saveScreenshot(page, 'open-data-kpi');

    const csv = readCsv(await download(page, () => page.getByTestId('download-csv').click()));
    for (const row of csv.rows.filter((r) => r.code === '01' || r.code === '79')) {
      await expect(grid.locator(`tr[data-code="${row.code}"] td[data-period="${row.period}"]`)).toHaveText(shown(Number(row.value.replace(',', '.'))));
    }

    // a bad choice in the URL is named, in Vietnamese, without a stack trace
    await page.goto(`/du-lieu-mo/${KPI}?unit=99`);
    await expect(page.getByRole('alert')).toContainText('Tham số «unit»: không có đơn vị mã «99»');
    // an unknown KPI is a real 404
    const missing = await page.goto('/du-lieu-mo/khong_co');
    expect(missing?.status()).toBe(404);
  });

  test('the pages read well on a phone and in English', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/du-lieu-mo');
    await saveScreenshot(page, 'open-data-index-phone');
    await page.goto(`/du-lieu-mo/${KPI}?year=${YEAR}&lang=en`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('How it is computed and aggregated')).toBeVisible();
    await saveScreenshot(page, 'open-data-kpi-phone-en');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
