/**
 * The interface language is the server's business: it comes from a cookie, so the first HTML
 * already has the viewer's language (text, <title>, <html lang>), without JavaScript too; the
 * language switch writes the cookie and the page follows, across reloads.
 */
import { expect, test } from './support/test';
import { saveScreenshot } from './support/api';

const ENGLISH = { name: 'lienthong-locale', value: 'en' };

function titleOf(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

test.describe('server-rendered language', () => {
  test('without a cookie the HTML is Vietnamese, whatever the browser prefers', async ({ request }) => {
    const html = await (await request.get('/scorecard', { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text();
    expect(html).toMatch(/<html lang="vi"/);
    expect(titleOf(html)).toBe('Bảng xếp hạng tỉnh, thành phố — Liên Thông');
  });

  test('with the English cookie the HTML is English: <html lang>, <title>, description and the text', async ({ request }) => {
    const cookie = `${ENGLISH.name}=${ENGLISH.value}`;
    const scorecard = await (await request.get('/scorecard', { headers: { cookie } })).text();
    expect(scorecard).toMatch(/<html lang="en"/);
    expect(titleOf(scorecard)).toBe('Provincial scorecard — Liên Thông');
    expect(scorecard).toContain('<meta name="description" content="The 34 provinces ranked by the service index and its five groups"/>');
    expect(scorecard).toContain('>Overview<');
    expect(scorecard).not.toContain('>Tổng quan<');

    const province = await (await request.get('/province/79', { headers: { cookie } })).text();
    expect(titleOf(province)).toBe('Hồ Chí Minh — Liên Thông');
    expect(province).toContain('The KPIs of Hồ Chí Minh');

    const kpi = await (await request.get('/kpi/dossiers_on_time', { headers: { cookie } })).text();
    expect(titleOf(kpi)).toMatch(/^[A-Z][^—]* — Liên Thông$/);
    const kpiVi = await (await request.get('/kpi/dossiers_on_time')).text();
    expect(titleOf(kpiVi)).not.toBe(titleOf(kpi));

    const missing = await request.get('/province/99', { headers: { cookie } });
    expect(missing.status()).toBe(404);
    expect(titleOf(await missing.text())).toBe('Page not found — Liên Thông');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('an English reader gets the English page and tab title', async ({ page, context, baseURL }) => {
      await context.addCookies([{ ...ENGLISH, url: baseURL! }]);
      await page.goto('/scorecard');
      await expect(page).toHaveTitle('Provincial scorecard — Liên Thông');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('link', { name: 'Overview', exact: true }).first()).toBeVisible();
    });
  });
});

test('the language switch changes the page, its tab title and <html lang>, and survives a reload', async ({ page, context }) => {
  await page.goto('/scorecard');
  await expect(page).toHaveTitle('Bảng xếp hạng tỉnh, thành phố — Liên Thông');
  await page.getByTestId('language-toggle').click();
  await expect(page.getByRole('heading', { name: 'Provincial scorecard', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Provincial scorecard — Liên Thông');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect((await context.cookies()).find((c) => c.name === ENGLISH.name)?.value).toBe('en');
  await saveScreenshot(page, 'scorecard-english');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Provincial scorecard', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Provincial scorecard — Liên Thông');

  await page.getByTestId('language-toggle').click();
  await expect(page.getByRole('heading', { name: 'Bảng xếp hạng tỉnh, thành phố', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('view state in the URL: a sort replaces the history entry, keeps the bare kiosk flag, and the link reproduces the view', async ({ page }) => {
  await page.goto('/scorecard?kiosk&interval=600');
  await expect(page.locator('body')).toHaveClass(/kiosk/);
  const before = await page.evaluate(() => history.length);
  await page.getByTestId('scorecard-sort-name').click();
  await expect(page).toHaveURL(/[?&]sort=name/);
  await expect(page).toHaveURL(/[?&]kiosk(=|&|$)/);
  expect(await page.evaluate(() => history.length)).toBe(before);
  const link = page.url();
  await page.goto(link);
  await expect(page.locator('th', { has: page.getByTestId('scorecard-sort-name') })).toHaveAttribute('aria-sort', /ascending|descending/);
});
