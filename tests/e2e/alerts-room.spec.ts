import { expect, test, type Page } from './support/test';
import { createUser, dropAfterSteadyWeek, postMeasurements, saveScreenshot, signIn } from './support/api';

// Provinces of this file: 04, 08, 11, 12, 15, 19, 24, 25, 31, 38 (paging), 14 (submit), 33 (wall), 79, 91, 92 (scope).
const DAILY_SHARES = ['dossiers_on_time', 'dossiers_filed_online', 'dossiers_synced_portal'];

async function raiseDrop(request: Parameters<typeof postMeasurements>[0], codes: string[], kpiIds = ['dossiers_on_time']): Promise<void> {
  const parts = codes.flatMap((code) => kpiIds.map((kpi) => dropAfterSteadyWeek(kpi, code)));
  await postMeasurements(request, parts.flatMap((p) => p.history));
  await postMeasurements(request, parts.flatMap((p) => p.drop));
}

async function live(page: Page) {
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
}

test('a leader of Hồ Chí Minh lands on the province, may acknowledge only its alerts, and sees a refused acknowledgement', async ({ page, request }) => {
  const leader = await createUser(request, 'leader', '79');
  await signIn(page, leader);
  await expect(page).toHaveURL(/\/province\/79$/);
  await live(page);
  await raiseDrop(request, ['79', '91']);

  await page.getByTestId('alerts-button').click();
  const popover = page.getByTestId('alerts-popover');
  const ours = popover.locator('li[data-alert-id]').filter({ hasText: 'Hồ Chí Minh' }).first();
  const theirs = popover.locator('li[data-alert-id]').filter({ hasText: 'An Giang' }).first();
  // the checks run in the background after the commit: a pass at once, a sweep every 10 s behind it
  await expect(ours.getByRole('button', { name: 'Đã xem' })).toBeVisible({ timeout: 45_000 });
  await expect(theirs).toBeVisible({ timeout: 45_000 });
  await expect(theirs.getByRole('button', { name: 'Đã xem' })).toHaveCount(0);
  await expect(popover.getByText('Ngoài phạm vi của bạn: chỉ xem')).toBeVisible();

  // The session ends elsewhere: the refusal is shown, not swallowed.
  await page.context().clearCookies();
  await ours.getByRole('button', { name: 'Đã xem' }).click();
  await expect(ours.getByTestId('ack-error')).toContainText('Không xác nhận được cảnh báo');
});

test('toasts come only for alerts in the viewer’s scope, in the page flow', async ({ page, request }) => {
  const leader = await createUser(request, 'leader', '79');
  await signIn(page, leader);
  await page.goto('/');
  // a scoped leader's overview is their unit's page (decided on the server)
  await expect(page).toHaveURL(/\/province\/79$/);
  await live(page);
  await raiseDrop(request, ['92']);
  // Cần Thơ is outside the scope: it reaches the lists (the header's) but no toast pops up.
  await page.getByTestId('alerts-button').click();
  await expect(page.locator('[data-testid="alerts-popover"] [data-testid="alert-list"] li[data-alert-id]').filter({ hasText: 'Cần Thơ' }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('alert-toast')).toHaveCount(0);
  await raiseDrop(request, ['79'], ['dossiers_synced_portal']);
  const toast = page.getByTestId('alert-toast').filter({ hasText: 'Hồ Chí Minh' }).first();
  await expect(toast).toBeVisible();
  await expect(page.getByTestId('alert-toast').filter({ hasText: 'Cần Thơ' })).toHaveCount(0);
  // In the page's flow: the toasts overlap no control of the page.
  await expect(page.locator('.toasts')).toHaveCSS('position', 'static');
  const overlapped = await page.evaluate(() => {
    const shelf = document.querySelector('.toasts')!.getBoundingClientRect();
    return [...document.querySelectorAll('button, a, input, select, textarea')]
      .filter((el) => !el.closest('.toasts'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && r.left < shelf.right && r.right > shelf.left && r.top < shelf.bottom && r.bottom > shelf.top)
      .map(({ el }) => el.textContent?.trim() ?? el.tagName);
  });
  expect(overlapped).toEqual([]);
});

test('on /submit alerts never cover "Lưu nháp" or "Nộp báo cáo": a quiet counter counts them', async ({ page, request }) => {
  const staff = await createUser(request, 'province_staff', '14');
  await signIn(page, staff);
  await expect(page).toHaveURL(/\/province\/14$/);
  await page.goto('/submit');
  await live(page);
  const save = page.getByRole('button', { name: 'Lưu nháp' }).first();
  const submit = page.getByRole('button', { name: 'Nộp báo cáo' }).first();
  await expect(save).toBeVisible();
  await raiseDrop(request, ['14']);
  await expect(page.getByTestId('new-alerts-counter')).toContainText('cảnh báo mới');
  await expect(page.getByTestId('alert-toast')).toHaveCount(0);
  // The buttons are what a click at their centre hits.
  for (const button of [save, submit]) {
    const hit = await button.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!top && (top === el || el.contains(top));
    });
    expect(hit).toBe(true);
  }
  await saveScreenshot(page, 'submit-with-alert-counter');
});

test('a wall screen shows a counter, not toasts', async ({ page, request }) => {
  await page.goto('/?kiosk');
  await live(page);
  await raiseDrop(request, ['33']);
  await expect(page.getByTestId('new-alerts-counter')).toBeVisible();
  await expect(page.getByTestId('alert-toast')).toHaveCount(0);
});

test('more than 50 open alerts: the badge says "50+" and /alerts lists, filters and pages them all', async ({ page, request }) => {
  await raiseDrop(request, ['04', '08', '11', '12', '15', '19', '24', '25', '31', '38'], DAILY_SHARES);
  await page.goto('/');
  await expect(page.getByTestId('alerts-button')).toContainText('50+');
  await page.getByTestId('alerts-button').click();
  await expect(page.getByTestId('alerts-popover')).toBeVisible();
  // Esc closes the popover, and so does a click outside it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('alerts-popover')).toHaveCount(0);
  await page.getByTestId('alerts-button').click();
  await expect(page.getByTestId('alerts-popover')).toBeVisible();
  await page.locator('main h1, main h2').first().click();
  await expect(page.getByTestId('alerts-popover')).toHaveCount(0);

  await page.getByTestId('alerts-button').click();
  await page.getByRole('link', { name: /Xem tất cả cảnh báo/ }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Cảnh báo' })).toBeVisible();
  const total = Number((await page.getByTestId('alerts-total').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(50);
  await expect(page.getByTestId('alerts-page')).toContainText('Trang 1/');
  await expect(page.locator('[data-testid="alerts-table"] tbody tr')).toHaveCount(25);
  await page.getByRole('button', { name: 'Trang sau ›' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId('alerts-page')).toContainText('Trang 2/');

  await page.getByTestId('filter-province').selectOption('12');
  await expect(page).not.toHaveURL(/page=/);
  await page.getByTestId('filter-kind').selectOption('band_drop');
  await page.getByTestId('filter-kpi').selectOption('dossiers_on_time');
  const rows = page.locator('[data-testid="alerts-table"] tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Lai Châu');
  await expect(rows.first()).toContainText('tụt hạng');
  await page.getByTestId('filter-state').selectOption('resolved');
  await expect(page.getByTestId('no-alerts')).toBeVisible();
  await saveScreenshot(page, 'alerts-page');
});
