/**
 * The Content-Security-Policy and the other security headers do not break the app in Chromium:
 * Next's inline scripts run (the page hydrates and reacts), ECharts draws with its inline styles,
 * socket.io connects to the same origin and a live batch reaches the page, the sign-in form works;
 * and the browser reports no policy violation on any page.
 */
import { expect, test, type Page } from './support/test';
import { createUser, localDate, postMeasurements, signIn } from './support/api';

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)), ...consoleErrors];
}

test.describe('security headers', () => {
  test('pages carry the policy and work under it: hydration, charts, live updates, no violation', async ({ page, request }) => {
    const violations = await watchViolations(page);
    await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '46', time: localDate(), numerator: 900, denominator: 1000 }]);

    const response = await page.goto('/');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

    // socket.io over ws: to the same origin
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    // ECharts drew the map (a canvas inside its box)
    await expect(page.locator('[role="img"] canvas').first()).toBeVisible();
    // hydrated: the language toggle reacts
    await page.getByTestId('language-toggle').click();
    await expect(page.getByRole('heading', { name: 'Citizen and business service index', exact: true })).toBeVisible();
    await page.getByTestId('language-toggle').click();

    // a live batch reaches the open page through the socket
    const frames = Number(await page.getByTestId('connection-status').getAttribute('data-frames'));
    await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '79', time: localDate(), numerator: 700, denominator: 1000 }]);
    await expect.poll(async () => Number(await page.getByTestId('connection-status').getAttribute('data-frames'))).toBeGreaterThan(frames);

    for (const path of ['/scorecard', '/kpi/dossiers_on_time', '/province/46']) {
      await page.goto(path);
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    }
    await page.goto('/kpi/dossiers_on_time');
    await expect(page.locator('[role="img"] canvas').first()).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test('signing in works under the policy', async ({ page, request }) => {
    const violations = await watchViolations(page);
    const leader = await createUser(request, 'leader', 'VN');
    await signIn(page, leader);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    expect(await violations()).toEqual([]);
  });
});
