import { expect, test } from '@playwright/test';
import { postMeasurements } from './support/api';

test('the home page lists the 34 provinces with the latest service index', async ({ page, request }) => {
  const today = new Date().toISOString().slice(0, 10);
  // One province with every daily KPI of the index's groups good, so it ranks first with a value.
  await postMeasurements(request, [
    { kpiId: 'dossiers_on_time', orgUnitCode: '46', time: today, numerator: 990, denominator: 1000 },
    { kpiId: 'dossiers_filed_online', orgUnitCode: '46', time: today, numerator: 800, denominator: 1000 },
    { kpiId: 'citizen_satisfaction', orgUnitCode: '46', time: today, value: 92, weight: 300 },
  ]);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /Liên Thông/ })).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(34);
  const hue = page.locator('tr[data-province="46"]');
  await expect(hue).toContainText('Huế');
  await expect(page.getByTestId('index-46')).not.toHaveText('—');
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });
});
