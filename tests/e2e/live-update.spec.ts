import { expect, test } from './support/test';
import { localDate, postMeasurements, saveScreenshot } from './support/api';

// Tây Ninh (80), Đồng Tháp (82) and Vĩnh Long (86) are this file's provinces: no other test writes their data.
test('a posted batch changes the card, the ranking and the map colour without a reload', async ({ page, request }) => {
  await postMeasurements(request, [
    { kpiId: 'dossiers_on_time', orgUnitCode: '80', time: `${localDate()}T08:00:00+07:00`, numerator: 999, denominator: 1000 },
    { kpiId: 'dossiers_on_time', orgUnitCode: '82', time: `${localDate()}T08:00:00+07:00`, numerator: 990, denominator: 1000 },
    { kpiId: 'dossiers_on_time', orgUnitCode: '86', time: `${localDate()}T08:00:00+07:00`, numerator: 985, denominator: 1000 },
  ]);
  await page.goto('/?kpi=dossiers_on_time');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('map-row-80')).toHaveAttribute('data-band', 'good');
  await expect(page.getByTestId('ranking-best').locator('li[data-code="80"]')).toBeVisible();
  const navigations: string[] = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));

  // A bad hour for Tây Ninh: 9,000 dossiers of which 1,000 on time drags the day to ~20 %.
  await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '80', time: `${localDate()}T09:00:00+07:00`, numerator: 1000, denominator: 9000 }]);

  await expect(page.getByTestId('map-row-80')).toHaveAttribute('data-band', 'poor');
  await expect(page.getByTestId('ranking-worst').locator('li[data-code="80"]')).toBeVisible();
  await expect(page.getByTestId('ranking-best').locator('li[data-code="80"]')).toHaveCount(0);
  // The nation's card moved too: it now includes Tây Ninh's bad hour.
  await expect(page.getByTestId('kpi-value-dossiers_on_time')).not.toHaveText('—');
  expect(navigations, 'the page must not reload').toEqual([]);

  // What the live page shows equals what a fresh load shows.
  const live = await page.getByTestId('kpi-value-dossiers_on_time').textContent();
  await page.reload();
  await expect(page.getByTestId('kpi-value-dossiers_on_time')).toHaveText(live ?? '');
  await saveScreenshot(page, 'live-update');
});

test('after a network drop the page says so, reconnects and fetches what it missed', async ({ page, context, request }) => {
  await postMeasurements(request, [{ kpiId: 'citizen_satisfaction', orgUnitCode: '80', time: `${localDate()}T07:00:00+07:00`, value: 90, weight: 100 }]);
  await page.goto('/?kpi=citizen_satisfaction');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('map-row-80')).toHaveAttribute('data-band', /good|fair/);

  await context.setOffline(true);
  // A silent drop is noticed when the heartbeat stops (interval 10 s + timeout 5 s).
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'reconnecting', { timeout: 40_000 });
  await expect(page.getByTestId('connection-status')).toContainText(/Mất kết nối từ/);
  // Lands while the page is offline: the page cannot hear about it.
  await postMeasurements(request, [{ kpiId: 'citizen_satisfaction', orgUnitCode: '80', time: `${localDate()}T07:30:00+07:00`, value: 10, weight: 5000 }]);

  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('map-row-80')).toHaveAttribute('data-band', 'poor');
});

test('a commune page and a province page take their own numbers from the live frame, without asking for them', async ({ page, request }) => {
  await postMeasurements(request, [{ kpiId: 'data_reused', orgUnitCode: 'X86001', time: localDate(), numerator: 10, denominator: 100 }]);
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/trpc/')) asked.push(...decodeURIComponent(url.pathname.slice('/api/trpc/'.length)).split(','));
  });

  await page.goto('/commune/X86001');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  const card = page.getByTestId('kpi-value-data_reused');
  await expect(card).not.toHaveText('—');
  const before = await card.textContent();
  await page.waitForLoadState('networkidle');
  asked.length = 0;
  // the same commune, month and KPI again: the value is replaced
  await postMeasurements(request, [{ kpiId: 'data_reused', orgUnitCode: 'X86001', time: localDate(), numerator: 90, denominator: 100 }]);
  await expect(card).not.toHaveText(before ?? '');
  await page.waitForLoadState('networkidle');
  expect(asked.filter((p) => p === 'values.current'), 'the commune’s frame carried its current values').toEqual([]);

  await page.goto('/province/86?kpi=dossiers_on_time');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '86', time: `${localDate()}T06:00:00+07:00`, numerator: 990, denominator: 1000 }]);
  const provinceCard = page.getByTestId('kpi-value-dossiers_on_time');
  await expect(provinceCard).not.toHaveText('—');
  const provinceBefore = await provinceCard.textContent();
  await page.waitForLoadState('networkidle');
  asked.length = 0;
  await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '86', time: `${localDate()}T07:00:00+07:00`, numerator: 0, denominator: 20000 }]);
  await expect(provinceCard).not.toHaveText(provinceBefore ?? '');
  await page.waitForLoadState('networkidle');
  expect(asked.filter((p) => p === 'values.current' || p === 'values.ranking'), 'the province’s and the nation’s frames carried them').toEqual([]);
});
