/**
 * Phones and walls: the report form fits a phone (390 × 844) once part of it is approved and
 * locked, with its save bar on the screen and a header that does not take a third of it; a
 * control-room wall keeps its header (clock, connection state) in view while a tall view scrolls
 * itself. Quảng Trị's commune X44021 is this file's data.
 */
import { expect, newClockedContext, test, type Page } from './support/test';
import { lastMonthStart } from './support/clock';
import { createUser, saveScreenshot, signIn } from './support/api';
import { submitCommuneMonth } from './support/reportForm';

const PHONE = { width: 390, height: 844 };
const lastMonth = lastMonthStart().slice(0, 7);


/** How far the page reaches sideways, in CSS pixels. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('on a phone, /submit with an approved entry fits 390 px, its submit button is on the screen, and the header scrolls away', async ({ browser, request }) => {
  const officer = await createUser(request, 'commune_staff', 'X44021');
  const approver = await createUser(request, 'province_staff', '44');
  const formUrl = `/submit?unit=X44021&frequency=monthly&period=${lastMonth}`;

  const phone = await (await newClockedContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3 })).newPage();
  await signIn(phone, officer);
  await phone.goto(formUrl);
  await submitCommuneMonth(phone);

  // The province approves two of them: their figures are shown locked, read-only.
  const approverPage = await (await newClockedContext(browser)).newPage();
  await signIn(approverPage, approver);
  await approverPage.goto('/approvals');
  const rows = approverPage.getByTestId('approval-row').filter({ hasText: 'Mẫu 021' });
  await expect(rows).toHaveCount(6);
  for (let i = 0; i < 2; i++) {
    await rows.first().getByRole('button', { name: /^Phê duyệt:/ }).click();
    await expect(rows).toHaveCount(5 - i);
  }

  await phone.goto(formUrl);
  await expect(phone.locator('.entry-readonly')).toHaveCount(2);
  await expect(phone.getByTestId('submit-report')).toBeVisible();
  await saveScreenshot(phone, 'phone-submit-approved');

  // Nothing reaches past the screen's edge, so the browser does not zoom the page out.
  expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
  // The save bar is whole on the screen, at the top of the form as further down.
  const submitOnScreen = async () => {
    const box = await phone.getByTestId('submit-report').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
  };
  await submitOnScreen();

  // The header is short, and gives the screen back once the form scrolls.
  const header = phone.locator('header.topbar');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(PHONE.height * 0.2);
  await phone.evaluate(() => window.scrollTo(0, 700));
  await expect.poll(async () => (await header.boundingBox())!.y + (await header.boundingBox())!.height).toBeLessThanOrEqual(0);
  await submitOnScreen();
});

test('on a phone, /completeness does not scroll sideways', async ({ browser, request }) => {
  const officer = await createUser(request, 'province_staff', '44');
  const phone = await (await newClockedContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3 })).newPage();
  await signIn(phone, officer);
  await phone.goto('/completeness');
  await expect(phone.getByTestId('completeness-page')).toBeVisible();
  await expect(phone.getByTestId('completeness-table').locator('tbody tr').first()).toBeVisible();
  await saveScreenshot(phone, 'phone-completeness');
  expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
});

test('on a wall, the kiosk header with its clock stays in view while a tall view scrolls itself', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?kiosk&playlist=/|/scorecard&interval=10');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  const clock = page.getByTestId('clock');
  await expect(clock).toBeVisible();

  // one interval on, the overview (taller than the screen) has scrolled on by a screen
  await page.clock.runFor(10_100);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  await expect(page).toHaveURL(/localhost:\d+\/\?.*kiosk/);
  const box = await clock.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(1080);
  await expect(page.getByTestId('connection-status')).toBeInViewport();
  await saveScreenshot(page, 'kiosk-scrolled-header');
});
