import { expect, newClockedContext, test } from './support/test';
import { createUser, localDate, postMeasurements, saveScreenshot, signIn } from './support/api';

// Đắk Lắk (66) and Lâm Đồng (68) are this file's data; other specs write other provinces the same
// day, so the national numbers are not asserted exactly, only that these two are explained in them.

/** The first number in a text as the page writes it (1.234,56 / -0,12 / +0,12), read back. */
function parseVi(text: string): number {
  const token = /[+\-−]?\d[\d.]*(,\d+)?/.exec(text)?.[0] ?? 'NaN';
  return Number(token.replace('−', '-').replace(/\./g, '').replace(',', '.'));
}

test.beforeAll(async ({ request }) => {
  // 68 handles far fewer dossiers on time today than yesterday; 66 holds steady
  await postMeasurements(request, [
    { kpiId: 'dossiers_on_time', orgUnitCode: '66', time: localDate(1), numerator: 900, denominator: 1000 },
    { kpiId: 'dossiers_on_time', orgUnitCode: '66', time: localDate(), numerator: 905, denominator: 1000 },
    { kpiId: 'dossiers_on_time', orgUnitCode: '68', time: localDate(1), numerator: 950, denominator: 1000 },
    { kpiId: 'dossiers_on_time', orgUnitCode: '68', time: localDate(), numerator: 300, denominator: 1000 },
    { kpiId: 'dossiers_filed_online', orgUnitCode: '66', time: localDate(1), numerator: 600, denominator: 1000 },
    { kpiId: 'dossiers_filed_online', orgUnitCode: '66', time: localDate(), numerator: 700, denominator: 1000 },
  ]);
});

test('a leader clicks the national index’s change arrow and sees which provinces and which groups moved it', async ({ page, request }) => {
  const leader = await createUser(request, 'leader', 'VN');
  await signIn(page, leader);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  const arrow = page.locator('.index-header').getByTestId('change-explain');
  await expect(arrow).toBeVisible();
  await arrow.click();

  await expect(page).toHaveURL(/\/kpi\/service_index\/explain$/);
  const explain = page.getByTestId('explain-page');
  await expect(explain.getByRole('heading', { level: 1 })).toHaveText('Vì sao «Chỉ số phục vụ người dân, doanh nghiệp» thay đổi?');
  // the five groups, and the provinces
  const groups = page.getByTestId('explain-groups');
  await expect(groups.getByRole('heading', { name: 'Theo 5 nhóm chỉ số' })).toBeVisible();
  await expect(groups.locator('tr.explain-group-row')).toHaveCount(5);
  await expect(groups.locator('tr[data-group="processing_progress"]')).toContainText('Tiến độ, kết quả giải quyết hồ sơ');
  await expect(page.getByTestId('explain-groups-chart')).toHaveAttribute('data-chart-ready', 'true');
  const children = page.getByTestId('explain-children');
  await expect(children.getByRole('heading', { name: 'Theo tỉnh, thành phố' })).toBeVisible();
  await expect(page.getByTestId('explain-waterfall')).toHaveAttribute('data-chart-ready', 'true');
  const table = page.getByTestId('explain-table');
  await expect(table.locator('tbody tr')).toHaveCount(34);
  // Lâm Đồng's fall pulls the index down through the processing group
  const lamDong = table.locator('tr[data-code="68"]');
  await expect(lamDong).toContainText('Lâm Đồng');
  expect(parseVi(await lamDong.getByTestId('explain-contribution').innerText())).toBeLessThan(0);
  await expect(table.locator('tr[data-code="66"]')).toContainText('Đắk Lắk');
  // the rows add up to the change in the head (to the table's rounding)
  const shown = await table.getByTestId('explain-contribution').allInnerTexts();
  const total = parseVi(await table.getByTestId('explain-total').innerText());
  expect(Math.abs(shown.map(parseVi).reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(0.005 * shown.length + 1e-9);
  const headChange = parseVi(await page.getByTestId('explain-change').innerText());
  expect(Math.abs(headChange - total)).toBeLessThanOrEqual(0.06);
  await saveScreenshot(page, 'explain-nation-1080p');

  // a province's explanation: its communes and its own reports
  await lamDong.getByRole('link', { name: 'Lâm Đồng' }).click();
  await expect(page).toHaveURL(/\/kpi\/service_index\/explain\?unit=68$/);
  await expect(page.getByTestId('explain-children').getByRole('heading', { name: 'Theo xã, phường, đặc khu' })).toBeVisible();
  await expect(page.getByTestId('explain-table')).toContainText('Lâm Đồng (số liệu tự báo cáo)');
  await saveScreenshot(page, 'explain-province-1080p');
});

test('the explanation renders on the server, in Vietnamese, and reads on a phone', async ({ browser, request }) => {
  // without JavaScript: the numbers and the table come with the HTML
  const html = await (await request.get('/kpi/dossiers_on_time/explain')).text();
  expect(html).toContain('Vì sao «Tỷ lệ hồ sơ giải quyết đúng hạn» thay đổi?');
  expect(html).toContain('data-testid="explain-table"');
  expect(html).toContain('Lâm Đồng');

  const phone = await (await newClockedContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })).newPage();
  await phone.goto('/kpi/dossiers_on_time/explain');
  await expect(phone.getByTestId('explain-waterfall')).toHaveAttribute('data-chart-ready', 'true');
  const table = phone.getByTestId('explain-table');
  // a ratio: each contribution split into the province's own rate and its weight
  await expect(table.locator('thead')).toContainText('Do giá trị của đơn vị');
  await expect(table.locator('thead')).toContainText('Do tỷ trọng');
  await expect(table.locator('tr[data-code="68"]')).toContainText('30,0 %');
  // the page itself does not scroll sideways (the table scrolls in its own box)
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await saveScreenshot(phone, 'explain-phone');
  await phone.context().close();
});
