import { expect, test } from './support/test';
import { localDate, postMeasurements, saveScreenshot } from './support/api';

test('control-room mode: dark, no navigation, a clock, and the playlist rotates', async ({ page }) => {
  await page.goto('/?kiosk&playlist=/|/scorecard&interval=4');
  await expect(page.locator('body')).toHaveClass(/kiosk/);
  await expect(page.getByTestId('clock')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toHaveCount(0);
  await saveScreenshot(page, 'kiosk-overview');

  // the overview is taller than the screen: it scrolls through itself first, 4 s a screen
  await expect(page).toHaveURL(/\/scorecard\?.*kiosk/, { timeout: 60_000 });
  await expect(page.locator('body')).toHaveClass(/kiosk/);
  await saveScreenshot(page, 'kiosk-scorecard');
  await expect(page).toHaveURL(/\/\?.*kiosk/, { timeout: 60_000 });
});

test('a wall keeps rotating while live frames arrive, and scrolls the tall scorecard through before the next view', async ({ page, request }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  // the context's clock is already Playwright's (support/test.ts): runFor moves it on
  await page.goto('/scorecard?kiosk&playlist=/scorecard|/&interval=10');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  const area = page.getByTestId('scorecard-scroll');
  await expect(area.locator('tbody tr')).toHaveCount(34);
  const metrics = () => area.evaluate((el) => ({ top: el.scrollTop, client: el.clientHeight, height: el.scrollHeight }));
  const first = await metrics();
  expect(first.height).toBeGreaterThan(first.client + 10); // 34 rows do not fit a 1080p screen

  // A live frame mid-interval re-renders the page; the interval still runs out on time.
  await page.clock.runFor(5_000);
  const frames = Number(await page.getByTestId('connection-status').getAttribute('data-frames'));
  await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '38', time: localDate(), numerator: 900, denominator: 1000 }]);
  await expect.poll(async () => Number(await page.getByTestId('connection-status').getAttribute('data-frames'))).toBeGreaterThan(frames);
  await page.clock.runFor(5_100);
  await expect.poll(async () => (await metrics()).top).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/scorecard\?/);

  // Screen by screen to the last row, then the next view.
  // (read without waiting: the rotation may leave the scorecard between two looks)
  const metricsNow = () =>
    page.evaluate(() => {
      const el = document.querySelector('[data-testid="scorecard-scroll"]');
      return el ? { top: el.scrollTop, client: el.clientHeight, height: el.scrollHeight } : null;
    }).catch(() => null); // the page navigated away while it was read
  // the wall scrolls smoothly, in real time: wait until a step has come to rest before looking
  const settled = async () => {
    let previous: number | undefined;
    await expect
      .poll(async () => {
        const top = (await metricsNow())?.top;
        const still = top === undefined || top === previous;
        previous = top;
        return still;
      }, { intervals: [150] })
      .toBe(true);
    return metricsNow();
  };
  let reachedEnd = false;
  for (let step = 0; step < 10; step++) {
    const m = await settled();
    if (!m) break;
    if (m.top + m.client >= m.height - 2) reachedEnd = true;
    await page.clock.runFor(10_100);
  }
  expect(reachedEnd).toBe(true);
  await expect(page).toHaveURL(/localhost:\d+\/\?.*kiosk/);
});
