/**
 * Small things a user noticed (issue 7): the 404 page, the favicon, one tab title per page, the
 * scorecard's group headers, English day counts, and no sideways scrolling on a 390 px phone.
 */
import { expect, test } from './support/test';
import { localDate, postMeasurements, saveScreenshot } from './support/api';

test.describe('not found', () => {
  for (const path of ['/province/99', '/commune/X99999', '/kpi/khong_co_chi_so', '/khong-co-trang-nay']) {
    test(`${path} answers 404 with the Vietnamese not-found page and a link home`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
      await expect(page).toHaveTitle('Không tìm thấy trang — Liên Thông');
      const home = page.getByRole('link', { name: 'Về trang tổng quan' });
      await expect(home).toHaveAttribute('href', '/');
      await home.click();
      await expect(page).toHaveURL(/\/$/);
    });
  }

  test('a known unit asked at the wrong level moves for good (308) to its own page, its query kept', async ({ page, request }) => {
    for (const [asked, own] of [
      ['/province/X79001?kpi=data_reused', '/commune/X79001?kpi=data_reused'],
      ['/commune/79', '/province/79'],
    ] as const) {
      const response = await request.get(asked, { maxRedirects: 0 });
      expect(response.status(), asked).toBe(308);
      const location = new URL(response.headers()['location'] ?? '', 'http://localhost');
      expect(location.pathname + location.search, asked).toBe(own);
    }
    await page.goto('/province/X79001');
    await expect(page).toHaveURL(/\/commune\/X79001$/);
    await expect(page.getByTestId('commune-page')).toBeVisible();
  });
});

test('the favicon is served: the page links an SVG icon and no icon request fails', async ({ page, request }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Chỉ số phục vụ người dân, doanh nghiệp', exact: true })).toBeVisible();
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(failed.filter((f) => /icon/.test(f))).toEqual([]);
});

test('province, commune and KPI pages each have their own tab title', async ({ page }) => {
  await page.goto('/province/79');
  await expect(page.getByTestId('province-page')).toBeVisible();
  await expect(page).toHaveTitle('Hồ Chí Minh — Liên Thông');
  await page.goto('/commune/X79001');
  await expect(page.getByTestId('commune-page')).toBeVisible();
  await expect(page).toHaveTitle(/^.+, Hồ Chí Minh — Liên Thông$/);
  await page.goto('/kpi/dossiers_on_time');
  await expect(page.getByRole('heading', { name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Tỷ lệ hồ sơ giải quyết đúng hạn — Liên Thông');
});

test('scorecard group headers say the score is out of 100 and the group weighs 18, not "18 điểm"', async ({ page }) => {
  await page.goto('/scorecard');
  const header = page.getByTestId('scorecard-sort-publicity_transparency');
  await expect(header).toContainText('Công khai, minh bạch');
  await expect(header).toContainText('/100 điểm');
  await expect(header).toContainText('trọng số 18');
  await expect(header).not.toContainText(/(^|\s)18 điểm/);
  await saveScreenshot(page, 'scorecard-group-headers');
});

test('in English the KPI page counts one day as "1 day", never "1 days"', async ({ page, context, baseURL }) => {
  // the language is the cookie's, read by the server (components/i18n/localeCookie.ts)
  await context.addCookies([{ name: 'lienthong-locale', value: 'en', url: baseURL! }]);
  await page.goto('/kpi/dossiers_on_time');
  await expect(page.getByText('1 day after the period ends')).toBeVisible();
  await expect(page.getByText(/\b1 days\b/)).toHaveCount(0);
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test.beforeAll(async ({ request }) => {
    await postMeasurements(request, [
      { kpiId: 'dossiers_on_time', orgUnitCode: '79', time: localDate(), numerator: 930, denominator: 1000 },
      { kpiId: 'citizen_satisfaction', orgUnitCode: '79', time: localDate(), value: 88, weight: 200 },
    ]);
  });

  for (const [path, ready] of [
    ['/', 'province-map'],
    ['/scorecard', 'scorecard'],
    ['/province/79', 'trend-panel'],
  ] as const) {
    test(`${path} does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByTestId(ready)).toBeVisible();
      // the charts size themselves after the first frame; wait until the layout is settled
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: `${path}: page wider than the window` })
        .toBeLessThanOrEqual(0);
      await saveScreenshot(page, `phone${path.replace(/\//g, '-')}`);
    });
  }
});
