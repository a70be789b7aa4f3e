import { expect, newClockedContext, test } from './support/test';
import { createUser, localDate, postMeasurements, saveScreenshot, signIn, steadyDailyHistory } from './support/api';

// Quảng Ninh (22) is this file's province.
test('a KPI leaving its band raises a live alert that a leader acknowledges for everyone', async ({ page, browser, request }) => {
  await postMeasurements(request, steadyDailyHistory('dossiers_on_time', '22', 12, 0.99));
  const leader = await createUser(request, 'leader', 'VN');
  await signIn(page, leader);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');

  // An anonymous wall screen watches too.
  const wall = await (await newClockedContext(browser)).newPage();
  await wall.goto('/');
  await expect(wall.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');

  await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '22', time: localDate(), numerator: 400, denominator: 1000 }]);

  const toast = page.getByTestId('alert-toast').filter({ hasText: 'Quảng Ninh' }).first();
  await expect(toast).toBeVisible();
  const item = page.locator('.side-column [data-testid="alert-list"] li[data-alert-id]').filter({ hasText: 'Quảng Ninh' });
  await expect(item.first()).toBeVisible();
  await expect(wall.locator('[data-testid="alert-list"] li[data-alert-id]').filter({ hasText: 'Quảng Ninh' }).first()).toBeVisible();
  await saveScreenshot(page, 'alert-raised');

  // Acknowledge every alert Quảng Ninh raised (a band drop and an outlier).
  while ((await item.count()) > 0) {
    const before = await item.count();
    await item.first().getByRole('button', { name: 'Đã xem' }).click();
    await expect(item).toHaveCount(before - 1);
  }
  await expect(wall.locator('[data-testid="alert-list"] li[data-alert-id]').filter({ hasText: 'Quảng Ninh' })).toHaveCount(0);
  await wall.close();
});

test('an anonymous viewer cannot acknowledge', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Đã xem' })).toHaveCount(0);
});
