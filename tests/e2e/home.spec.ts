import { expect, test } from './support/test';
import { e2eNow } from './support/clock';
import { localDate, postMeasurements, saveScreenshot } from './support/api';

test.describe('national overview', () => {
  test('shows the seeded values: index, cards and the 34-unit ranking', async ({ page, request }) => {
    // Huế reports every daily KPI of three index groups today, well.
    await postMeasurements(request, [
      { kpiId: 'dossiers_on_time', orgUnitCode: '46', time: localDate(), numerator: 990, denominator: 1000 },
      { kpiId: 'dossiers_filed_online', orgUnitCode: '46', time: localDate(), numerator: 800, denominator: 1000 },
      { kpiId: 'citizen_satisfaction', orgUnitCode: '46', time: localDate(), value: 92, weight: 300 },
    ]);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Chỉ số phục vụ người dân, doanh nghiệp', exact: true })).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('kpi-value-citizen_satisfaction')).not.toHaveText('—');
    await expect(page.getByTestId('map-row-46')).toHaveAttribute('data-band', /good|fair|average|weak|poor/);
    await expect(page.getByTestId('ranking-best').locator('li').first()).toBeVisible();
    await saveScreenshot(page, 'overview');
  });

  test('switches to English and back', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-toggle').click();
    await expect(page.getByRole('heading', { name: 'Citizen and business service index', exact: true })).toBeVisible();
    await page.getByTestId('language-toggle').click();
    await expect(page.getByRole('heading', { name: 'Chỉ số phục vụ người dân, doanh nghiệp', exact: true })).toBeVisible();
  });
});

test('the server and the browser run on the run\'s clock, not the calendar', async ({ page, request }) => {
  const expected = e2eNow().getTime();
  const health = (await (await request.get('/api/health')).json()) as { time: string };
  // the server's clock started at E2E_CLOCK_START a little after this process's: within minutes
  expect(Math.abs(Date.parse(health.time) - expected)).toBeLessThan(5 * 60_000);
  await page.goto('/');
  const browserNow = await page.evaluate(() => Date.now());
  expect(Math.abs(browserNow - expected)).toBeLessThan(5 * 60_000);
});
