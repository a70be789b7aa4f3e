import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { saveScreenshot } from './support/api';

const PAGES = ['/', '/scorecard', '/province/01', '/commune/X01001', '/kpi/dossiers_on_time', '/kpi/service_index', '/signin', '/?kiosk', '/completeness', '/submit', '/import', '/alerts'];

for (const path of PAGES) {
  test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    await page.waitForLoadState('load');
    await expect(page.getByText(/Đang tải…/)).toHaveCount(0);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    await saveScreenshot(page, `a11y-${path.replace(/[^a-z0-9]+/gi, '_')}`);
  });
}
