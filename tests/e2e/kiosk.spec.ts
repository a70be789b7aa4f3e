import { expect, test } from '@playwright/test';
import { saveScreenshot } from './support/api';

test('control-room mode: dark, no navigation, a clock, and the playlist rotates', async ({ page }) => {
  await page.goto('/?kiosk&playlist=/|/scorecard&interval=4');
  await expect(page.locator('body')).toHaveClass(/kiosk/);
  await expect(page.getByTestId('clock')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toHaveCount(0);
  await saveScreenshot(page, 'kiosk-overview');

  await expect(page).toHaveURL(/\/scorecard\?.*kiosk/, { timeout: 15_000 });
  await expect(page.locator('body')).toHaveClass(/kiosk/);
  await saveScreenshot(page, 'kiosk-scorecard');
  await expect(page).toHaveURL(/\/\?.*kiosk/, { timeout: 15_000 });
});
