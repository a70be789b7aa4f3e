import { expect, newClockedContext, test } from './support/test';
import { lastMonthStart } from './support/clock';
import { localDate, postMeasurements, saveScreenshot } from './support/api';

// Ninh Bình (37) and its communes are this file's data.
/** The first day of last month, local time on the run's clock. */
const lastMonth = lastMonthStart();

test('drill-down nation › province › commune and back, every view a shareable link', async ({ page, browser, request }) => {
  await postMeasurements(request, [
    { kpiId: 'dossiers_on_time', orgUnitCode: '37', time: localDate(), numerator: 995, denominator: 1000 },
    ...[1, 2, 3, 4, 5].map((n) => ({ kpiId: 'data_reused', orgUnitCode: `X3700${n}`, time: lastMonth, numerator: 10 * n, denominator: 60 })),
  ]);

  await page.goto('/?kpi=dossiers_on_time');
  await page.getByTestId('ranking-best').getByRole('link', { name: 'Ninh Bình' }).click();
  await expect(page).toHaveURL(/\/province\/37(\?|$)/);
  await expect(page.getByRole('navigation', { name: 'Đường dẫn' })).toContainText('Toàn quốc');
  await expect(page.getByRole('navigation', { name: 'Đường dẫn' })).toContainText('Ninh Bình');

  // The trend's range is part of the URL.
  await page.getByTestId('range-7d').click();
  await expect(page).toHaveURL(/range=7d/);

  // The communes of the province, ranked: Xã/Phường Mẫu 005 reuses the most data.
  const table = page.getByTestId('communes-table');
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  await saveScreenshot(page, 'province');
  await table.getByRole('link', { name: /Mẫu 005/ }).click();
  await expect(page).toHaveURL(/\/commune\/X37005/);
  await expect(page.getByTestId('commune-page')).toHaveAttribute('data-commune', 'X37005');
  const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
  await expect(crumbs.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByTestId('kpi-value-data_reused')).toContainText('83,3');
  await saveScreenshot(page, 'commune');

  // The same link in a fresh browser shows the same view.
  const shared = await (await newClockedContext(browser)).newPage();
  await shared.goto(page.url());
  await expect(shared.getByTestId('commune-page')).toHaveAttribute('data-commune', 'X37005');
  await expect(shared.getByTestId('kpi-value-data_reused')).toContainText('83,3');
  await shared.close();

  // Back up through the breadcrumbs.
  await crumbs.getByRole('link', { name: 'Ninh Bình' }).click();
  await expect(page).toHaveURL(/\/province\/37/);
  await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: 'Toàn quốc' }).click();
  await expect(page).toHaveURL(/\/(\?|$)/);
});
