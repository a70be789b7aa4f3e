/**
 * A planner asks /plan for a commune KPI's forecast for every commune of a province at once
 * ("Dự báo hàng loạt"): the choice goes into the URL, the background job's progress bar shows and
 * reaches the total, and a row per commune appears. New data for the province, pushed live, takes
 * its results out ("có số liệu mới"); recomputing brings them back. A reload of the link shows the
 * results again (taken from the cache).
 */
import { createUser, postMeasurements, saveScreenshot, signIn, type MeasurementRow } from './support/api';
import { e2eNow } from './support/clock';
import { expect, test } from './support/test';

/** a commune-level monthly share no other spec writes for Lai Châu (12), the province with the fewest communes */
const KPI = 'records_match_population_db';
const PROVINCE = { code: '12', name: 'Lai Châu', communes: 38 };
const MONTHS = 30;

const communeCode = (seq: number) => `X${PROVINCE.code}${String(seq).padStart(3, '0')}`;

/** The first day of the month `monthsAgo` months before this one (local), YYYY-MM-DD. */
function monthStart(monthsAgo: number): string {
  const local = new Date(e2eNow().getTime() + 7 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 10);
}

/** Every commune: a share rising slowly with a yearly season, each at its own level. */
function history(): MeasurementRow[] {
  return Array.from({ length: PROVINCE.communes }, (_, k) => k + 1).flatMap((seq) =>
    Array.from({ length: MONTHS }, (_, i) => {
      const ago = MONTHS - i;
      const month = Number(monthStart(ago).slice(5, 7));
      const share = 80 + (seq % 7) + 0.2 * i + 3 * Math.sin((2 * Math.PI * month) / 12) + (((i * 5 + seq) % 4) - 1.5) * 0.5;
      return { kpiId: KPI, orgUnitCode: communeCode(seq), time: monthStart(ago), numerator: Math.round(share * 10), denominator: 1000 };
    }),
  );
}

test.describe('forecast every commune at once', () => {
  test.beforeAll(async ({ request }) => {
    await postMeasurements(request, history());
  });

  test('the planner sees the progress and one forecast per commune, and new data takes them out until recomputed', async ({ page, request }) => {
    test.slow(); // background work under the load of the whole suite: three times the test's time
    await signIn(page, await createUser(request, 'planner', 'VN'));
    await page.goto(`/plan?kpi=${KPI}&units=${PROVINCE.code}`);
    await expect(page.getByTestId('plan-unit')).toHaveText([PROVINCE.name]);

    const panel = page.getByTestId('forecast-all');
    await expect(panel.getByRole('heading', { name: 'Dự báo hàng loạt' })).toBeVisible();
    await panel.getByTestId('forecast-all-choice').selectOption('communes');
    await expect(page).toHaveURL(/all=communes/);

    // the job's progress: a bar over the province's communes, ending at the total
    const progress = panel.getByTestId('forecast-all-progress');
    // the job runs in the background beside the page's own forecast: on a busy machine (npm test runs
    // the vitest suites beside this one) its first status can take longer than the default 20 s
    await expect(progress).toBeVisible({ timeout: 60_000 });
    await expect(progress).toHaveAttribute('data-total', String(PROVINCE.communes));
    await expect(progress.locator('progress')).toHaveAttribute('max', String(PROVINCE.communes));
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(progress).toHaveAttribute('data-done', String(PROVINCE.communes));
    await expect(progress.getByRole('status')).toContainText(`Xong: ${PROVINCE.communes} đơn vị`);

    // a row per commune, with its forecast, interval and verdict
    const rows = panel.getByTestId('forecast-all-row');
    await expect(rows).toHaveCount(PROVINCE.communes);
    await expect(rows.first().locator('th')).toHaveText(/Mẫu 001$/);
    await expect(rows.first().locator('td').nth(2)).toHaveText(/^\d+,\d – \d+,\d$/);
    await expect(panel.getByTestId('forecast-all-table').locator('caption')).toContainText('Dự báo');
    await saveScreenshot(page, 'plan-forecast-all');

    // new data for one commune, pushed live: the province's forecasts are out of date
    await postMeasurements(request, [{ kpiId: KPI, orgUnitCode: communeCode(1), time: monthStart(0), numerator: 700, denominator: 1000 }]);
    const stale = panel.getByTestId('forecast-all-stale');
    await expect(stale).toContainText('có số liệu mới');
    await stale.getByRole('button', { name: 'Tính lại' }).click();
    await expect(progress).toHaveAttribute('data-state', 'done');
    await expect(rows).toHaveCount(PROVINCE.communes);
    await expect(stale).toHaveCount(0);

    // the shared link: the same choice, the results from the cache
    await page.reload();
    await expect(page.getByTestId('forecast-all-progress')).toHaveAttribute('data-done', String(PROVINCE.communes));
    await expect(page.getByTestId('forecast-all-progress').getByRole('status')).toContainText(`(${PROVINCE.communes} lấy từ kết quả đã tính)`);
    await expect(page.getByTestId('forecast-all-row')).toHaveCount(PROVINCE.communes);
  });
});
