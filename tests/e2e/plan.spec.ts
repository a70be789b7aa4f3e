/**
 * A planner opens the forecast view (/plan): a fan chart with its table, changes the horizon (the
 * URL says so, the table grows), compares two provinces on one chart, and a reload or a colleague
 * opening the shared link sees the same view; the planner takes the view away as CSV, XLSX, PNG and
 * PDF from its export menu and each file, opened, holds the page's forecast. The scorecard shows each province's chance of
 * reaching the index's target, the province page its KPIs' chances.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { pngSize, readPdfText } from '../helpers/readPdfText';
import { createUser, postMeasurements, saveScreenshot, signIn, type MeasurementRow } from './support/api';
import { e2eNow } from './support/clock';
import { expect, newClockedContext, test, type Page } from './support/test';

/** a provincial monthly ratio no other spec writes; Đà Nẵng (48), Gia Lai (52) and Khánh Hòa (56) are this file's units */
const KPI = 'complaints_resolved_on_time';
const UNITS = [
  { code: '48', name: 'Đà Nẵng', level: 72 },
  { code: '52', name: 'Gia Lai', level: 64 },
  { code: '56', name: 'Khánh Hòa', level: 80 },
];
/** three years of months, ending last month on the run's clock */
const MONTHS = 36;

/** The first day of the month `monthsAgo` months before this one (local), YYYY-MM-DD. */
function monthStart(monthsAgo: number): string {
  const local = new Date(e2eNow().getTime() + 7 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 10);
}

/** MM/YYYY of that month, as the table labels a month. */
function monthLabel(monthsAgo: number): string {
  const [y, m] = monthStart(monthsAgo).split('-');
  return `${m}/${y}`;
}

/** A rising share with a yearly season and a small wobble: what a forecast can follow. */
function history(): MeasurementRow[] {
  return UNITS.flatMap((u, k) =>
    Array.from({ length: MONTHS }, (_, i) => {
      const ago = MONTHS - i;
      const month = Number(monthStart(ago).slice(5, 7));
      const share = u.level + 0.3 * i + 5 * Math.sin((2 * Math.PI * month) / 12) + (((i * 7 + k * 3) % 5) - 2) * 0.4;
      return { kpiId: KPI, orgUnitCode: u.code, time: monthStart(ago), numerator: Math.round(Math.min(99, share) * 10), denominator: 1000 };
    }),
  );
}

/** A file from the view's export menu, as the browser saved it. */
async function download(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.getByTestId('export-plan');
  await menu.locator('summary').click();
  const [file] = await Promise.all([page.waitForEvent('download'), menu.locator(`button[data-format="${format}"]`).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

async function forecastRows(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('forecast-row')).toHaveCount(n);
  await expect(page.getByTestId('plan-as-of')).toContainText('Số liệu đến');
}

test.describe('planner forecasts', () => {
  test.beforeAll(async ({ request }) => {
    await postMeasurements(request, history());
  });

  test('a planner forecasts a KPI, lengthens the horizon, compares two provinces and shares the link', async ({ page, request, browser }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, await createUser(request, 'planner', 'VN'));
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Dự báo' }).click();
    await expect(page).toHaveURL(/\/plan$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Dự báo chỉ số' })).toBeVisible();

    // the planner's KPI: the nation's forecast, six months by default
    await page.getByTestId('kpi-select').selectOption(KPI);
    await expect(page).toHaveURL(new RegExp(`kpi=${KPI}`));
    await expect(page.getByTestId('plan-unit')).toHaveText(['Toàn quốc']);
    await forecastRows(page, 6);
    await expect(page.getByTestId('fan-chart')).toHaveAttribute('data-chart-ready', 'true');
    await expect(page.getByTestId('forecast-quality')).toContainText('MAPE');
    await expect(page.getByTestId('forecast-verdict')).not.toBeEmpty();
    // Vietnamese numbers: a decimal comma, bounds written lower – upper
    await expect(page.getByTestId('forecast-row').first().locator('td').nth(1)).toHaveText(/^\d+,\d – \d+,\d$/);

    // a longer horizon: in the URL, and the table has a row per month
    await page.getByTestId('plan-horizon').selectOption('12');
    await expect(page).toHaveURL(/horizon=12/);
    await forecastRows(page, 12);

    // two provinces on one chart instead of the nation
    await page.getByTestId('plan-add-unit').selectOption('48');
    await page.getByTestId('plan-add-unit').selectOption('52');
    await page.getByRole('button', { name: 'Bỏ Toàn quốc khỏi so sánh' }).click();
    await expect(page).toHaveURL(/units=48%2C52|units=48,52/);
    await expect(page.getByTestId('plan-unit')).toHaveText(['Đà Nẵng', 'Gia Lai']);
    const table = page.getByTestId('forecast-table');
    await expect(table.locator('thead th.plan-unit-head')).toHaveText(['Đà Nẵng', 'Gia Lai']);
    await forecastRows(page, 12);
    await expect(page.getByTestId('forecast-quality-unit')).toHaveCount(2);
    await expect(page.getByTestId('fan-chart')).toHaveAttribute('data-chart-ready', 'true');
    const firstRow = (await page.getByTestId('forecast-row').first().textContent()) ?? '';
    await saveScreenshot(page, 'plan-compare-1920');

    // the view as files: the same units, horizon and intervals, the page's forecast periods
    const firstPeriod = (await page.getByTestId('forecast-row').first().locator('th').textContent())!.trim();
    const csv = await download(page, 'csv');
    expect(csv.name).toBe(`du-bao_${KPI}_48-52_12.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').split('\r\n');
    expect(lines).toContain('Mã;Đơn vị;Kỳ;Loại;Thực tế;Dự báo (trung vị);Cận dưới 80 %;Cận trên 80 %;Cận dưới 95 %;Cận trên 95 %');
    for (const u of UNITS.slice(0, 2)) {
      const ahead = lines.filter((l) => l.startsWith(`${u.code};${u.name};`) && l.includes(';Dự báo;'));
      expect(ahead).toHaveLength(12);
      expect(ahead[0]!.split(';')[2]).toBe(firstPeriod);
    }
    expect(lines.join('\n')).not.toContain('Khánh Hòa');
    await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');

    const xlsx = await download(page, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    expect(wb.worksheets[0]!.getCell('A1').value).toContain('Dự báo');
    const values = wb.worksheets.find((w) => w.name.startsWith('Thực tế và dự báo'))!;
    const forecastRow = values.getRows(2, values.rowCount - 1)!.find((r) => r.getCell(1).value === '48' && r.getCell(4).value === 'Dự báo')!;
    expect(forecastRow.getCell(3).value).toBe(firstPeriod);
    for (const col of [6, 7, 8, 9, 10]) expect(forecastRow.getCell(col).type).toBe(ExcelJS.ValueType.Number);
    const [mean, lo80, hi80, lo95, hi95] = [6, 7, 8, 9, 10].map((c) => forecastRow.getCell(c).value as number);
    expect(lo95! <= lo80! && lo80! <= mean! && mean! <= hi80! && hi80! <= hi95!).toBe(true);
    // the page's 80 % bounds for Đà Nẵng, rounded as the page writes them
    const fmt = (v: number) => v.toFixed(1).replace('.', ',');
    expect(firstRow).toContain(`${fmt(lo80!)} – ${fmt(hi80!)}`);
    const quality = wb.worksheets.find((w) => w.name.startsWith('Mô hình và kiểm tra ngược'))!;
    expect(quality.getCell('B2').value).toBe('Đà Nẵng');
    expect(quality.getCell('F2').type).toBe(ExcelJS.ValueType.Number);

    const png = await download(page, 'png');
    expect(pngSize(png.bytes)).toEqual({ width: 1520, height: 760 });

    const pdf = await download(page, 'pdf');
    const text = (await readPdfText(pdf.bytes)).pages.join('\n');
    for (const words of ['Dự báo:', 'Đà Nẵng', 'Gia Lai', 'Mô hình và kiểm tra ngược', 'Khoảng dự báo được hiệu chỉnh theo kiểm tra ngược', 'Người xuất', 'Bắt đầu dự báo']) expect(text).toContain(words);

    // a reload reproduces the view from the URL
    const shared = page.url();
    await page.reload();
    await expect(page.getByTestId('plan-unit')).toHaveText(['Đà Nẵng', 'Gia Lai']);
    await expect(page.getByTestId('plan-horizon')).toHaveValue('12');
    await forecastRows(page, 12);
    await expect(page.getByTestId('forecast-row').first()).toHaveText(firstRow);

    // so does the shared link, for a colleague who is not signed in, on a phone
    const phone = await (await newClockedContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(shared);
    await expect(phone.getByTestId('plan-unit')).toHaveText(['Đà Nẵng', 'Gia Lai']);
    await expect(phone.getByTestId('kpi-select')).toHaveValue(KPI);
    await forecastRows(phone, 12);
    await expect(phone.getByTestId('forecast-row').first()).toHaveText(firstRow);
    await expect(phone.getByTestId('fan-chart')).toHaveAttribute('data-chart-ready', 'true');
    // nothing wider than the screen but the table's own scroll area
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(phone, 'plan-compare-phone');
    await phone.context().close();
  });

  test('the newest actual arrives live and the forecast moves on from it', async ({ page, request }) => {
    await page.goto(`/plan?kpi=${KPI}&units=56&horizon=6`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    const latest = page.locator('.plan-actual-row td');
    await expect(latest).toContainText(`(${monthLabel(1)})`);
    await expect(page.getByTestId('forecast-row').first().locator('th')).toHaveText(monthLabel(0));
    const navigations: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));

    // Khánh Hòa reports this month so far
    await postMeasurements(request, [{ kpiId: KPI, orgUnitCode: '56', time: monthStart(0), numerator: 905, denominator: 1000 }]);
    await expect(latest).toHaveText(`90,5 (${monthLabel(0)})`);
    await expect(page.getByTestId('forecast-row').first().locator('th')).toHaveText(monthLabel(-1));
    await expect(page.getByTestId('forecast-row')).toHaveCount(6);
    expect(navigations, 'the page must not reload').toEqual([]);
  });

  test('the scorecard shows each province’s chance of reaching the index’s target, the province page its KPIs’', async ({ page }) => {
    // the first attainment of every province after new data is computed while the page waits (seconds)
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/scorecard');
    await expect(page.getByRole('columnheader', { name: /Khả năng đạt chỉ tiêu/ })).toBeVisible();
    const cells = page.getByTestId('scorecard-attainment');
    await expect(cells).toHaveCount(34);
    // every cell has its answer: a verdict with its probability, or why there is none
    await expect(cells.getByTestId('attainment')).toHaveCount(34, { timeout: 90_000 });
    await expect(page.locator('tr[data-code="48"] [data-testid="attainment"]')).toHaveText(/Có khả năng đạt|Có nguy cơ không đạt|Khó đạt|Chưa đủ số liệu để dự báo/);
    await saveScreenshot(page, 'plan-scorecard-attainment');

    await page.goto('/province/48');
    const panel = page.getByTestId('province-attainment');
    await expect(panel).toContainText('Khả năng đạt chỉ tiêu của Đà Nẵng');
    const row = panel.locator(`[data-testid="attainment-row"][data-kpi="${KPI}"]`);
    await expect(row.getByTestId('attainment')).toHaveText(/(Có khả năng đạt|Có nguy cơ không đạt|Khó đạt)\s\d+\s%/, { timeout: 60_000 });
    await expect(row).toContainText('31/12/2026');
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'plan-province-attainment');
    // its link opens that KPI's forecast for the province
    await row.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/plan\\?kpi=${KPI}&units=48`));
    await expect(page.getByTestId('plan-unit')).toHaveText(['Đà Nẵng']);
  });
});
