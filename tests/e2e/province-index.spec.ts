import { expect, test } from './support/test';
import { localDate, postMeasurements, saveScreenshot } from './support/api';

// Cao Bằng (04) and Lạng Sơn (20) are this file's data.
/** DD/MM/YYYY of a local YYYY-MM-DD, as the page labels a day. */
const dayLabel = (isoDate: string) => isoDate.split('-').reverse().join('/');

test('the province headline shows its period and the same service index as the standing panel and the scorecard', async ({ page, request }) => {
  // Lạng Sơn has not reported dossiers on time today, Cao Bằng has: the province's own newest day
  // for that component is yesterday, the nation's is today.
  await postMeasurements(request, [
    { kpiId: 'dossiers_on_time', orgUnitCode: '04', time: localDate(), numerator: 900, denominator: 1000 },
    { kpiId: 'dossiers_on_time', orgUnitCode: '20', time: localDate(1), numerator: 950, denominator: 1000 },
    { kpiId: 'dossiers_filed_online', orgUnitCode: '20', time: localDate(), numerator: 600, denominator: 1000 },
  ]);

  await page.goto('/province/20');
  const standing = page.getByTestId('province-standing');
  await expect(standing).toContainText(`Kỳ ${dayLabel(localDate())}`);
  await expect(page.getByTestId('index-period')).toHaveText(`Kỳ ${dayLabel(localDate())}`);
  const headline = (await page.getByTestId('index-value').textContent())?.trim();
  expect(headline).toMatch(/^\d+,\d$/);
  await expect(standing.locator('dd strong').first()).toHaveText(`${headline} điểm`);
  await saveScreenshot(page, 'province-index');

  await page.goto('/scorecard');
  await expect(page.locator('tr[data-code="20"] .sc-index-value')).toHaveText(headline!);
});
